import type { EvidenceItem } from '../signals/types';
import type { Person } from '../store/schema';
import type { CompetencyMatch, MappedEvidence } from '../rubric/mapping';
import type { Rubric, RubricCompetency } from '../rubric/schema';
import { competenciesFor, levelOf } from '../rubric/levels';
import type { EvidenceDecision } from '../store/schema';
import { citeMessage, extractQuote, isoDate, type Citation } from './citations';
import { confidenceOf, type Confidence } from './confidence';
import { receivedBy, within } from './evidence';
import { citationsMarkdown, escapeMarkdown } from './markdown';

export const DRAFT_BANNER = 'DRAFT — built from captured Slack signals; verify before sharing';

/** Claims listed per competency and kind, besides pinned ones; the rest are counted in the opening. */
export const MAX_CLAIMS_PER_KIND = 5;

export type ClaimKind = 'strength' | 'growth';

export interface ReviewClaim {
  id: string;
  /** The evidence item the claim quotes, which the manager's decisions are keyed by. */
  itemKey: string;
  kind: ClaimKind;
  /** One sentence built from a template and a quote extracted from the evidence. */
  text: string;
  quote: string;
  /** The rubric behaviour the evidence reads closest to, and how sure the mapping was; null when the manager filed it. */
  behaviour: string | null;
  score: number | null;
  /** The manager filed it here themselves (moved), rather than the mapping. */
  moved: boolean;
  pinned: boolean;
  citations: Citation[];
}

/** A sentence of generated prose with the evidence it rests on: no sentence without a citation. */
export interface CitedSentence {
  text: string;
  citations: Citation[];
}

export interface ReviewSection {
  competency: RubricCompetency;
  /** Pieces of evidence filed under this competency; claims list pinned ones and at most MAX_CLAIMS_PER_KIND others of each kind. */
  evidenceCount: number;
  confidence: Confidence;
  /** One or two sentences built from the evidence (who, what, when, how often), each cited. */
  opening: CitedSentence[];
  strengths: ReviewClaim[];
  growth: ReviewClaim[];
  /** Set when the competency has no evidence in the period: what to look for. */
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
  /** Evidence about the person that the mapping could not file with confidence, or the manager filed here. */
  unmatched: ReviewClaim[];
  /** Evidence the manager left out: shown so it can be brought back, never exported. */
  excluded: ReviewClaim[];
  /** Evidence in the draft, excluded pieces not counted. */
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

const authorOf = (item: EvidenceItem) => item.message.authorName || (item.source === 'page' ? 'A captured page' : 'A colleague');

function claimFor(item: EvidenceItem, person: Person, match: CompetencyMatch | null, decision: EvidenceDecision | undefined): ReviewClaim {
  const quote = extractQuote(item.message.text, person.name);
  const who = authorOf(item);
  const when = isoDate(item.message.sentAt);
  const lead =
    item.label === 'recognition'
      ? `Recognized by ${who} on ${when}`
      : `${item.label === 'coaching' ? 'Coaching' : 'Constructive feedback'} from ${who} on ${when}`;
  return {
    id: `claim-${item.key}`,
    itemKey: item.key,
    kind: kindOf(item),
    text: `${lead}: “${quote}”`,
    quote,
    behaviour: match?.behaviour ?? null,
    score: match ? Math.round(match.score * 100) / 100 : null,
    moved: decision?.competencyId !== undefined,
    pinned: decision?.pinned ?? false,
    citations: [citeMessage(item)],
  };
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
const times = (count: number) => (count === 1 ? 'once' : count === 2 ? 'twice' : `${count} times`);

function names(items: readonly EvidenceItem[]): string {
  const all = [...new Set(items.map(authorOf))];
  const shown = all.length > 3 ? [...all.slice(0, 2), `${all.length - 2} others`] : all;
  return shown.length <= 1 ? shown.join('') : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

function span(items: readonly EvidenceItem[]): string {
  const sorted = items.map((i) => i.message.sentAt).sort((a, b) => a - b);
  const [first, last] = [isoDate(sorted[0]), isoDate(sorted[sorted.length - 1])];
  return first === last ? `on ${first}` : `between ${first} and ${last}`;
}

interface Entry {
  item: EvidenceItem;
  match: CompetencyMatch | null;
  decision: EvidenceDecision | undefined;
}

/** Pinned first, then what the mapping was surest of, then newest. */
const byStrength = (a: Entry, b: Entry) =>
  Number(b.decision?.pinned ?? false) - Number(a.decision?.pinned ?? false) ||
  (b.match?.score ?? 1) - (a.match?.score ?? 1) ||
  b.item.message.sentAt - a.item.message.sentAt;

/**
 * The section's opening, from its evidence only: who recognized the person how often and when, quoting the
 * strongest piece, then the same for feedback to grow on. Every sentence cites the pieces it counts.
 */
function openingFor(person: Person, competency: RubricCompetency, entries: readonly Entry[]): CitedSentence[] {
  const first = person.name.split(/\s+/)[0];
  const sentences: CitedSentence[] = [];
  const strengths = entries.filter((e) => kindOf(e.item) === 'strength').map((e) => e.item);
  const growth = entries.filter((e) => kindOf(e.item) === 'growth').map((e) => e.item);
  if (strengths.length > 0) {
    sentences.push({
      text: `${first} was recognized for ${competency.name.toLowerCase()} ${times(strengths.length)} by ${names(strengths)} ${span(strengths)}, for example: “${extractQuote(strengths[0].message.text, person.name)}”.`,
      citations: strengths.map(citeMessage),
    });
  }
  if (growth.length > 0) {
    sentences.push({
      text: `${plural(growth.length, 'piece', 'pieces')} of feedback to grow on came from ${names(growth)} ${span(growth)}: “${extractQuote(growth[0].message.text, person.name)}”.`,
      citations: growth.map(citeMessage),
    });
  }
  return sentences;
}

function gapFor(competency: RubricCompetency): string {
  const examples = competency.behaviours.slice(0, 3).map((b) => `“${b}”`).join(', ');
  return `No captured evidence for ${competency.name} in this period. Expected at this level: ${competency.description} Look for examples such as ${examples}, in design reviews, pull requests or 1:1 notes, or ask the people they work with.`;
}

/**
 * A review draft for the person's current level: one section per competency, opening with cited sentences
 * built from its evidence and graded by how much there is, each claim quoting and citing its evidence, and
 * a gap that says what to look for where a competency has none. `mappedItems` come from
 * mapEvidenceToCompetencies against this level's competencies; what the mapping could not file goes to
 * "Other evidence". The manager's decisions win: a piece can be moved to another competency (or to
 * "Other evidence"), excluded, or pinned.
 */
export function buildReviewDraft(
  person: Person,
  rubric: Rubric,
  mappedItems: readonly MappedEvidence[],
  period: { from: number; to: number },
  decisions: readonly EvidenceDecision[] = [],
): ReviewDraft {
  const { from, to } = period;
  const competencies = competenciesFor(rubric, person.track, person.level);
  const byCompetency = new Map<string, Entry[]>(competencies.map((c) => [c.id, []]));
  const decisionOf = new Map(decisions.filter((d) => d.personId === person.id).map((d) => [d.itemKey, d]));
  const unmatched: Entry[] = [];
  const excluded: ReviewClaim[] = [];

  for (const { item, matches } of mappedItems) {
    if (!isReviewEvidence(item, person.id, from, to)) continue;
    const decision = decisionOf.get(item.key);
    if (decision?.excluded) {
      excluded.push(claimFor(item, person, null, decision));
      continue;
    }
    const mapped = matches.find(
      (m) => m.competency.track === person.track && m.competency.level === person.level && byCompetency.has(m.competency.id),
    );
    const chosen = decision?.competencyId;
    if (chosen !== undefined && (chosen === null || byCompetency.has(chosen))) {
      if (chosen === null) unmatched.push({ item, match: null, decision });
      else byCompetency.get(chosen)!.push({ item, match: mapped?.competency.id === chosen ? mapped : null, decision });
    } else if (mapped) byCompetency.get(mapped.competency.id)!.push({ item, match: mapped, decision });
    else unmatched.push({ item, match: null, decision: undefined });
  }

  const sections = competencies.map((competency): ReviewSection => {
    const entries = byCompetency.get(competency.id)!.sort(byStrength);
    const claims = (kind: ClaimKind) =>
      entries
        .filter((e) => kindOf(e.item) === kind)
        .filter((e, i) => e.decision?.pinned || i < MAX_CLAIMS_PER_KIND)
        .map((e) => claimFor(e.item, person, e.match, e.decision));
    return {
      competency,
      evidenceCount: entries.length,
      confidence: confidenceOf(
        entries.map((e) => e.item),
        to,
      ),
      opening: openingFor(person, competency, entries),
      strengths: claims('strength'),
      growth: claims('growth'),
      gap: entries.length > 0 ? null : gapFor(competency),
    };
  });

  const inDraft = sections.reduce((n, s) => n + s.evidenceCount, 0) + unmatched.length;
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
    unmatched: unmatched.sort(byStrength).map((e) => claimFor(e.item, person, null, e.decision)),
    excluded,
    evidenceCount: inDraft,
  };
}

const claimLine = (claim: ReviewClaim) => {
  const why = claim.moved ? ' — filed here by you' : claim.behaviour ? ` — reads like “${escapeMarkdown(claim.behaviour)}”` : '';
  return `- ${claim.pinned ? '**Pinned:** ' : ''}${escapeMarkdown(claim.text)}${why}${citationsMarkdown(claim.citations)}`;
};

const sentenceLine = (sentence: CitedSentence) => `${escapeMarkdown(sentence.text)}${citationsMarkdown(sentence.citations)}`;

/** What a draft is called: a self-review when it is about the signed-in user. */
export const reviewDraftName = (selfReview: boolean): string => (selfReview ? 'Self-review draft' : 'Review draft');

export function reviewDraftToMarkdown(draft: ReviewDraft, selfReview = false): string {
  const lines = [
    `> **${draft.banner}**`,
    '',
    `# ${reviewDraftName(selfReview)}: ${escapeMarkdown(draft.personName)}`,
    '',
    `${escapeMarkdown(draft.levelTitle)} (${draft.track === 'ic' ? 'IC' : 'Manager'} track, level ${draft.level}) · ${isoDate(draft.from)} to ${isoDate(draft.to)} · ${plural(draft.evidenceCount, 'piece', 'pieces')} of evidence`,
  ];
  for (const section of draft.sections) {
    lines.push('', `## ${escapeMarkdown(section.competency.name)}`, '', `**${section.confidence.label}:** ${escapeMarkdown(section.confidence.reason)}`, '');
    if (section.gap) {
      lines.push(`**Gap:** ${escapeMarkdown(section.gap)}`);
      continue;
    }
    lines.push(section.opening.map(sentenceLine).join(' '));
    if (section.strengths.length > 0) lines.push('', '### Strengths', '', ...section.strengths.map(claimLine));
    if (section.growth.length > 0) lines.push('', '### Growth areas', '', ...section.growth.map(claimLine));
  }
  if (draft.unmatched.length > 0) {
    lines.push('', '## Other evidence', '', ...draft.unmatched.map(claimLine));
  }
  return `${lines.join('\n')}\n`;
}
