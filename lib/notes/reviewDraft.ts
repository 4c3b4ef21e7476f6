import type { EvidenceItem } from '../signals/types';
import type { Person } from '../store/schema';
import type { CompetencyMatch, MappedEvidence } from '../rubric/mapping';
import type { Rubric, RubricCompetency } from '../rubric/schema';
import { competenciesFor, levelOf } from '../rubric/levels';
import { citeMessage, extractQuote, isoDate, type Citation } from './citations';
import { receivedBy, within } from './evidence';
import { citationsMarkdown, escapeMarkdown } from './markdown';

export const DRAFT_BANNER = 'DRAFT — built from captured Slack signals; verify before sharing';

/** Claims listed per competency and kind; the rest are counted in the summary. */
export const MAX_CLAIMS_PER_KIND = 5;

export type ClaimKind = 'strength' | 'growth';

export interface ReviewClaim {
  id: string;
  kind: ClaimKind;
  /** One sentence built from a template and a quote extracted from the evidence. */
  text: string;
  quote: string;
  /** The rubric behaviour the evidence was closest to, and how close (cosine similarity). */
  behaviour: string | null;
  score: number | null;
  citations: Citation[];
}

export interface ReviewSection {
  competency: RubricCompetency;
  /** Pieces of evidence whose best match is this competency; claims list at most MAX_CLAIMS_PER_KIND of each kind. */
  evidenceCount: number;
  summary: string;
  strengths: ReviewClaim[];
  growth: ReviewClaim[];
  /** Set when the competency has no evidence at all in the period. */
  gap: string | null;
}

export interface ReviewDraft {
  banner: typeof DRAFT_BANNER;
  personId: string;
  personName: string;
  track: Person['track'];
  level: number;
  levelTitle: string;
  from: number;
  to: number;
  sections: ReviewSection[];
  /** Evidence about the person that matched none of the level's competencies. */
  unmatched: ReviewClaim[];
  evidenceCount: number;
}

const kindOf = (item: EvidenceItem): ClaimKind => (item.label === 'recognition' ? 'strength' : 'growth');

/** Feedback about the person in the period; captured pages count like recognition or feedback by their label. */
function isReviewEvidence(item: EvidenceItem, personId: string, from: number, to: number): boolean {
  return (
    within(item, from, to) &&
    (receivedBy(item, personId, 'recognition') || receivedBy(item, personId, 'constructive') || receivedBy(item, personId, 'coaching'))
  );
}

function claimFor(item: EvidenceItem, person: Person, match: CompetencyMatch | null): ReviewClaim {
  const quote = extractQuote(item.message.text, person.name);
  const who = item.message.authorName || (item.source === 'page' ? 'A captured page' : 'A colleague');
  const when = isoDate(item.message.sentAt);
  const lead =
    item.label === 'recognition'
      ? `Recognised by ${who} on ${when}`
      : `${item.label === 'coaching' ? 'Coaching' : 'Constructive feedback'} from ${who} on ${when}`;
  return {
    id: `claim-${item.key}`,
    kind: kindOf(item),
    text: `${lead}: “${quote}”`,
    quote,
    behaviour: match?.behaviour ?? null,
    score: match ? Math.round(match.score * 100) / 100 : null,
    citations: [citeMessage(item)],
  };
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

function sectionSummary(entries: ReadonlyArray<{ item: EvidenceItem; match: CompetencyMatch }>): string {
  const strengths = entries.filter((e) => kindOf(e.item) === 'strength');
  const growth = entries.length - strengths.length;
  const people = new Set(entries.map((e) => e.item.message.authorId)).size;
  const closest = [...entries].sort((a, b) => b.match.score - a.match.score)[0].match.behaviour;
  return `${plural(strengths.length, 'strength', 'strengths')} and ${plural(growth, 'growth area', 'growth areas')} from ${plural(people, 'person', 'people')}; closest example behaviour: “${closest}”.`;
}

/**
 * A review draft for the person's current level: one section per competency, each claim quoting and citing
 * its evidence, and a visible gap where a competency has none. `mappedItems` come from
 * mapEvidenceToCompetencies against this level's competencies; only matches among them count.
 */
export function buildReviewDraft(
  person: Person,
  rubric: Rubric,
  mappedItems: readonly MappedEvidence[],
  period: { from: number; to: number },
): ReviewDraft {
  const { from, to } = period;
  const competencies = competenciesFor(rubric, person.track, person.level);
  const byCompetency = new Map<string, Array<{ item: EvidenceItem; match: CompetencyMatch }>>(competencies.map((c) => [c.id, []]));
  const unmatched: ReviewClaim[] = [];
  let evidenceCount = 0;

  for (const { item, matches } of mappedItems) {
    if (!isReviewEvidence(item, person.id, from, to)) continue;
    evidenceCount += 1;
    const best = matches.find(
      (m) => m.competency.track === person.track && m.competency.level === person.level && byCompetency.has(m.competency.id),
    );
    if (best) byCompetency.get(best.competency.id)!.push({ item, match: best });
    else unmatched.push(claimFor(item, person, null));
  }

  const sections = competencies.map((competency): ReviewSection => {
    const entries = byCompetency.get(competency.id)!.sort((a, b) => b.match.score - a.match.score);
    const claims = (kind: ClaimKind) =>
      entries
        .filter((e) => kindOf(e.item) === kind)
        .slice(0, MAX_CLAIMS_PER_KIND)
        .map((e) => claimFor(e.item, person, e.match));
    return {
      competency,
      evidenceCount: entries.length,
      summary: entries.length > 0 ? sectionSummary(entries) : '',
      strengths: claims('strength'),
      growth: claims('growth'),
      gap:
        entries.length > 0
          ? null
          : `No captured evidence for ${competency.name} in this period. Expected at this level: ${competency.description} Ask for examples or look beyond Slack.`,
    };
  });

  return {
    banner: DRAFT_BANNER,
    personId: person.id,
    personName: person.name,
    track: person.track,
    level: person.level,
    levelTitle: levelOf(rubric, person.track, person.level)?.title ?? `Level ${person.level}`,
    from,
    to,
    sections,
    unmatched,
    evidenceCount,
  };
}

const claimLine = (claim: ReviewClaim) => {
  const closeTo = claim.behaviour ? ` — close to “${escapeMarkdown(claim.behaviour)}” (${claim.score?.toFixed(2)})` : '';
  return `- ${escapeMarkdown(claim.text)}${closeTo}${citationsMarkdown(claim.citations)}`;
};

export function reviewDraftToMarkdown(draft: ReviewDraft): string {
  const lines = [
    `> **${draft.banner}**`,
    '',
    `# Review draft: ${escapeMarkdown(draft.personName)}`,
    '',
    `${escapeMarkdown(draft.levelTitle)} (${draft.track === 'ic' ? 'IC' : 'Manager'} track, level ${draft.level}) · ${isoDate(draft.from)} to ${isoDate(draft.to)} · ${plural(draft.evidenceCount, 'piece', 'pieces')} of evidence`,
  ];
  for (const section of draft.sections) {
    lines.push('', `## ${escapeMarkdown(section.competency.name)}`, '');
    if (section.gap) {
      lines.push(`**Gap:** ${escapeMarkdown(section.gap)}`);
      continue;
    }
    lines.push(escapeMarkdown(section.summary));
    if (section.strengths.length > 0) lines.push('', '### Strengths', '', ...section.strengths.map(claimLine));
    if (section.growth.length > 0) lines.push('', '### Growth areas', '', ...section.growth.map(claimLine));
  }
  if (draft.unmatched.length > 0) {
    lines.push('', '## Other evidence', '', ...draft.unmatched.map(claimLine));
  }
  return `${lines.join('\n')}\n`;
}
