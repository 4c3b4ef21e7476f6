import { assessNextLevel, buildReviewDraft, competenciesToCompare, type NextLevelAssessment, type ReviewPacket } from '@/lib/notes';
import { newestFirst, receivedBy, within } from '@/lib/notes/evidence';
import { competenciesFor, mapEvidenceToCompetencies, type EmbedTexts, type Rubric } from '@/lib/rubric';
import type { EvidenceItem } from '@/lib/signals';
import type { Person } from '@/lib/store';

/** What a review is built from: feedback others gave the person in the period, Slack or captured pages. */
const REVIEW_LABELS = ['recognition', 'constructive', 'coaching'] as const;

export interface ReviewWindow {
  from: number;
  to: number;
  now: number;
}

export function reviewEvidence(person: Person, items: readonly EvidenceItem[], window: ReviewWindow): EvidenceItem[] {
  return items
    .filter((item) => within(item, window.from, window.to) && REVIEW_LABELS.some((label) => receivedBy(item, person.id, label)))
    .sort(newestFirst);
}

/** The person's evidence mapped against their level and the next, read as a next-level assessment. */
async function nextLevelFor(
  person: Person,
  rubric: Rubric,
  evidence: readonly EvidenceItem[],
  items: readonly EvidenceItem[],
  window: ReviewWindow,
  embed: EmbedTexts,
): Promise<NextLevelAssessment> {
  const mapped = await mapEvidenceToCompetencies(evidence, competenciesToCompare(rubric, person), embed);
  return assessNextLevel(person, rubric, mapped, items, window);
}

/**
 * The review draft (evidence mapped against the person's level) and the next-level read (against their level
 * and the next). The two mappings run one after the other so the second reuses the first's embeddings.
 */
export async function buildReviewPacket(
  person: Person,
  rubric: Rubric,
  items: readonly EvidenceItem[],
  window: ReviewWindow,
  embed: EmbedTexts,
): Promise<ReviewPacket> {
  const evidence = reviewEvidence(person, items, window);
  const current = await mapEvidenceToCompetencies(evidence, competenciesFor(rubric, person.track, person.level), embed);
  return {
    person,
    draft: buildReviewDraft(person, rubric, current, window),
    nextLevel: await nextLevelFor(person, rubric, evidence, items, window, embed),
    evidence,
  };
}

/** Next-level reads for every report, for the calibration level cues. */
export async function assessReports(
  people: readonly Person[],
  rubric: Rubric,
  items: readonly EvidenceItem[],
  window: ReviewWindow,
  embed: EmbedTexts,
): Promise<NextLevelAssessment[]> {
  const assessments: NextLevelAssessment[] = [];
  for (const person of people) {
    assessments.push(await nextLevelFor(person, rubric, reviewEvidence(person, items, window), items, window, embed));
  }
  return assessments;
}
