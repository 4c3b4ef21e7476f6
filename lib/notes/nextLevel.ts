import type { EvidenceItem } from '../signals/types';
import { isSignalFor } from '../signals/personSignals';
import { DAY_MS } from '../signals/period';
import type { Person } from '../store/schema';
import type { MappedEvidence } from '../rubric/mapping';
import type { Rubric, RubricCompetency } from '../rubric/schema';
import { competenciesFor, levelOf } from '../rubric/levels';
import { citeMessage, type Citation } from './citations';
import { authoredBy, receivedBy, within } from './evidence';

/** Every threshold the next-level read uses, named so tests and the README can quote them. */
export const NEXT_LEVEL_THRESHOLDS = {
  /** A next-level match whose closest behaviour is less similar than this (cosine) is not counted. */
  minMatchScore: 0.35,
  /** "Operating at the next level" needs evidence in this many next-level competencies… */
  minCompetencies: 3,
  /** …spread over at least this many days, first to last… */
  minSpanDays: 60,
  /** …from at least this many distinct sources (people giving the recognition, or captured pages). */
  minSources: 3,
  /** Asks raised in the last 4 weeks before "rising blockers" is considered. */
  risingBlockersMin: 3,
  /** Rolling window for the blocker comparison. */
  blockerWindowDays: 28,
  /** Constructive feedback in the period, with no recognition, before it is called out. */
  feedbackWithoutRecognitionMin: 2,
  /** No signal at all for this long is silence. */
  silentDays: 21,
} as const;

export type NextLevelVerdict = 'next-level' | 'not-yet' | 'top-of-track';

export interface NextLevelCompetency {
  competency: RubricCompetency;
  evidence: Array<{ citation: Citation; behaviour: string; score: number }>;
}

export interface SupportCue {
  id: 'rising-blockers' | 'feedback-without-recognition' | 'silence';
  /** One sentence that says why the cue fired. */
  text: string;
  citations: Citation[];
}

export interface NextLevelAssessment {
  personId: string;
  track: Person['track'];
  level: number;
  nextLevel: number | null;
  nextTitle: string | null;
  /** Recognition and captured pages about the person in the period. */
  evidenceCount: number;
  /** How many of those read closer to the next level than to the current one. */
  nextLevelCount: number;
  /** nextLevelCount / evidenceCount; 0 without evidence. */
  nextLevelShare: number;
  competencies: NextLevelCompetency[];
  /** Current-level competencies that have at least one piece of evidence. */
  currentCoverage: { covered: number; total: number };
  spanDays: number;
  sources: number;
  verdict: NextLevelVerdict;
  /** One sentence that says why. */
  verdictText: string;
  supportCues: SupportCue[];
}

/** The competencies to map a person's evidence against for assessNextLevel: their level's and the next's. */
export function competenciesToCompare(rubric: Rubric, person: Pick<Person, 'track' | 'level'>): RubricCompetency[] {
  return [...competenciesFor(rubric, person.track, person.level), ...competenciesFor(rubric, person.track, person.level + 1)];
}

/** Positive evidence: recognition from others, whether captured in Slack or filed from a page. */
const isPositiveEvidence = (item: EvidenceItem, personId: string) => receivedBy(item, personId, 'recognition');

/** A source is a person giving recognition, or a captured page's address. */
const sourceOf = (item: EvidenceItem) => (item.source === 'page' ? `page:${item.message.permalink}` : `person:${item.message.authorId}`);

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

function supportCues(person: Person, items: readonly EvidenceItem[], from: number, to: number, now: number): SupportCue[] {
  const t = NEXT_LEVEL_THRESHOLDS;
  const cues: SupportCue[] = [];
  const window = t.blockerWindowDays * DAY_MS;
  const asks = items.filter((item) => authoredBy(item, person.id, 'request'));
  const recentAsks = asks.filter((item) => item.message.sentAt > now - window && item.message.sentAt <= now);
  const previousAsks = asks.filter((item) => item.message.sentAt > now - 2 * window && item.message.sentAt <= now - window);
  if (recentAsks.length >= t.risingBlockersMin && recentAsks.length > previousAsks.length) {
    cues.push({
      id: 'rising-blockers',
      text: `Raised ${plural(recentAsks.length, 'ask or blocker', 'asks or blockers')} in the last 4 weeks, up from ${previousAsks.length} in the 4 weeks before.`,
      citations: recentAsks.map(citeMessage),
    });
  }

  const inPeriod = items.filter((item) => within(item, from, to));
  const constructive = inPeriod.filter((item) => receivedBy(item, person.id, 'constructive'));
  const recognised = inPeriod.some((item) => isPositiveEvidence(item, person.id));
  if (constructive.length >= t.feedbackWithoutRecognitionMin && !recognised) {
    cues.push({
      id: 'feedback-without-recognition',
      text: `Received ${plural(constructive.length, 'piece', 'pieces')} of constructive feedback and no recognition in this period.`,
      citations: constructive.map(citeMessage),
    });
  }

  const last = items.filter((item) => isSignalFor(item, person.id) && item.message.sentAt <= now).sort((a, b) => b.message.sentAt - a.message.sentAt)[0];
  if (!last) {
    cues.push({ id: 'silence', text: 'No signals about or from them have been captured at all.', citations: [] });
  } else {
    const days = Math.floor((now - last.message.sentAt) / DAY_MS);
    if (days >= t.silentDays) {
      cues.push({ id: 'silence', text: `No signals about or from them in the last ${days} days.`, citations: [citeMessage(last)] });
    }
  }
  return cues;
}

function verdictFor(
  nextTitle: string | null,
  competencies: number,
  spanDays: number,
  sources: number,
): { verdict: NextLevelVerdict; verdictText: string } {
  const t = NEXT_LEVEL_THRESHOLDS;
  if (nextTitle === null) return { verdict: 'top-of-track', verdictText: 'Already at the top level of this track.' };
  const broad = competencies >= t.minCompetencies;
  const sustained = spanDays >= t.minSpanDays;
  const varied = sources >= t.minSources;
  const facts = `${plural(competencies, 'competency', 'competencies')} (need ${t.minCompetencies}), over ${plural(spanDays, 'day', 'days')} (need ${t.minSpanDays}), from ${plural(sources, 'source', 'sources')} (need ${t.minSources})`;
  return broad && sustained && varied
    ? { verdict: 'next-level', verdictText: `Operating at the next level (${nextTitle}): evidence in ${facts}.` }
    : { verdict: 'not-yet', verdictText: `Not yet broad and sustained enough for ${nextTitle}: evidence in ${facts}.` };
}

/**
 * How much of a person's positive evidence reads like the next level on their track. `mapped` comes from
 * mapEvidenceToCompetencies against competenciesToCompare(rubric, person): an item counts for the next level
 * when its competency's closest behaviour is at the next level. `items` (the person's whole evidence) feed the support cues.
 */
export function assessNextLevel(
  person: Person,
  rubric: Rubric,
  mapped: readonly MappedEvidence[],
  items: readonly EvidenceItem[],
  window: { from: number; to: number; now: number },
): NextLevelAssessment {
  const { from, to, now } = window;
  const next = levelOf(rubric, person.track, person.level + 1);
  const current = competenciesFor(rubric, person.track, person.level);
  const covered = new Set<string>();
  const byCompetency = new Map<string, NextLevelCompetency>();
  const nextItems: EvidenceItem[] = [];
  let evidenceCount = 0;

  for (const { item, matches } of mapped) {
    if (!within(item, from, to) || !isPositiveEvidence(item, person.id)) continue;
    evidenceCount += 1;
    const onTrack = matches.filter((m) => m.competency.track === person.track);
    for (const m of onTrack) if (m.competency.level === person.level) covered.add(m.competency.id);
    const best = onTrack[0];
    if (!best || best.competency.level !== person.level + 1 || best.similarity < NEXT_LEVEL_THRESHOLDS.minMatchScore) continue;
    nextItems.push(item);
    const entry = byCompetency.get(best.competency.id) ?? { competency: best.competency, evidence: [] };
    entry.evidence.push({ citation: citeMessage(item), behaviour: best.behaviour, score: best.similarity });
    byCompetency.set(best.competency.id, entry);
  }

  const times = nextItems.map((item) => item.message.sentAt);
  const spanDays = times.length > 0 ? Math.floor((Math.max(...times) - Math.min(...times)) / DAY_MS) : 0;
  const sources = new Set(nextItems.map(sourceOf)).size;
  const competencies = [...byCompetency.values()].sort((a, b) => b.evidence.length - a.evidence.length);

  return {
    personId: person.id,
    track: person.track,
    level: person.level,
    nextLevel: next?.level ?? null,
    nextTitle: next?.title ?? null,
    evidenceCount,
    nextLevelCount: nextItems.length,
    nextLevelShare: evidenceCount === 0 ? 0 : nextItems.length / evidenceCount,
    competencies,
    currentCoverage: { covered: covered.size, total: current.length },
    spanDays,
    sources,
    ...verdictFor(next?.title ?? null, competencies.length, spanDays, sources),
    supportCues: supportCues(person, items, from, to, now),
  };
}
