import { assessNextLevel, buildReviewDraft, competenciesToCompare, type NextLevelAssessment, type ReviewPacket } from '@/lib/notes';
import { newestFirst, receivedBy, within } from '@/lib/notes/evidence';
import { competenciesFor, mapEvidenceToCompetencies, type EmbedTexts, type MappedEvidence, type Rubric } from '@/lib/rubric';
import type { EvidenceItem } from '@/lib/signals';
import type { EvidenceDecision, Person } from '@/lib/store';

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

/** A person's review evidence mapped against their level (the draft) and their level and the next (next level). */
export interface ReviewMapping {
  evidence: EvidenceItem[];
  current: MappedEvidence[];
  compared: MappedEvidence[];
}

/** The two mappings run one after the other so the second reuses the first's embeddings. */
export async function mapReview(person: Person, rubric: Rubric, items: readonly EvidenceItem[], window: ReviewWindow, embed: EmbedTexts): Promise<ReviewMapping> {
  const evidence = reviewEvidence(person, items, window);
  const current = await mapEvidenceToCompetencies(evidence, competenciesFor(rubric, person.track, person.level), embed);
  const compared = await mapEvidenceToCompetencies(evidence, competenciesToCompare(rubric, person), embed);
  return { evidence, current, compared };
}

/** What the manager excluded from this person's review. */
export const excludedKeys = (personId: string, decisions: readonly EvidenceDecision[]) =>
  new Set(decisions.filter((d) => d.personId === personId && d.excluded).map((d) => d.itemKey));

/**
 * The review draft and the next-level read from a mapping, with the manager's decisions applied: excluded
 * evidence leaves the next-level read and the exported evidence too. Cheap, so it reruns on every decision.
 */
export function reviewPacketFrom(
  person: Person,
  rubric: Rubric,
  mapping: ReviewMapping,
  items: readonly EvidenceItem[],
  window: ReviewWindow,
  decisions: readonly EvidenceDecision[],
): ReviewPacket {
  const excluded = excludedKeys(person.id, decisions);
  const kept = (item: EvidenceItem) => !excluded.has(item.key);
  return {
    person,
    draft: buildReviewDraft(person, rubric, mapping.current, window, decisions),
    nextLevel: assessNextLevel(person, rubric, mapping.compared.filter((m) => kept(m.item)), items.filter(kept), window),
    evidence: mapping.evidence.filter(kept),
  };
}

/** Next-level reads for every report, for the calibration level cues; excluded evidence does not count. */
export async function assessReports(
  people: readonly Person[],
  rubric: Rubric,
  items: readonly EvidenceItem[],
  window: ReviewWindow,
  embed: EmbedTexts,
  decisions: readonly EvidenceDecision[] = [],
): Promise<NextLevelAssessment[]> {
  const assessments: NextLevelAssessment[] = [];
  for (const person of people) {
    const excluded = excludedKeys(person.id, decisions);
    const evidence = reviewEvidence(person, items, window).filter((item) => !excluded.has(item.key));
    const mapped = await mapEvidenceToCompetencies(evidence, competenciesToCompare(rubric, person), embed);
    assessments.push(assessNextLevel(person, rubric, mapped, items.filter((item) => !excluded.has(item.key)), window));
  }
  return assessments;
}
