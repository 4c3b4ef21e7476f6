import type { EvidenceItem } from '../signals/types';
import { DAY_MS } from '../signals/period';

/** Every bar the confidence grade uses, named so tests and the README can quote them. */
export const CONFIDENCE_THRESHOLDS = {
  /** Strong evidence: at least this many pieces… */
  strongMinPieces: 4,
  /** …from at least this many people (or captured pages)… */
  strongMinSources: 3,
  /** …in at least this many places (channels, DMs, pages)… */
  strongMinPlaces: 2,
  /** …with the latest no older than this before the period's end. */
  recentDays: 42,
  /** Some evidence: at least this many pieces from at least this many sources. */
  someMinPieces: 2,
  someMinSources: 2,
} as const;

export type ConfidenceLevel = 'strong' | 'some' | 'not-enough';

export const CONFIDENCE_LABELS: Record<ConfidenceLevel, string> = {
  strong: 'Strong evidence',
  some: 'Some evidence',
  'not-enough': 'Not enough evidence',
};

export interface Confidence {
  level: ConfidenceLevel;
  label: string;
  /** What the grade rests on, and what is missing for the next grade up, in words. */
  reason: string;
}

/** A source is a person giving the feedback, or a captured page's address. */
export const sourceOf = (item: EvidenceItem) => (item.source === 'page' ? `page:${item.message.permalink}` : `person:${item.message.authorId}`);
const placeOf = (item: EvidenceItem) => (item.source === 'page' ? `page:${item.message.permalink}` : `channel:${item.message.channelId}`);

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function list(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/**
 * How far a competency's evidence can be trusted: how much there is, from how many people and places, and
 * how recent the latest is, measured at the end of the period (`to`).
 */
export function confidenceOf(items: readonly EvidenceItem[], to: number): Confidence {
  const t = CONFIDENCE_THRESHOLDS;
  if (items.length === 0) return { level: 'not-enough', label: CONFIDENCE_LABELS['not-enough'], reason: 'No evidence in this period.' };
  const sources = new Set(items.map(sourceOf)).size;
  const places = new Set(items.map(placeOf)).size;
  const latestDays = Math.max(0, Math.floor((to - Math.max(...items.map((i) => i.message.sentAt))) / DAY_MS));
  const facts = `${count(items.length, 'piece')} from ${count(sources, 'person', 'people')} in ${count(places, 'place')}, the latest ${latestDays === 0 ? 'on the last day' : `${count(latestDays, 'day')} before the end`} of the period.`;

  const forStrong = [
    items.length < t.strongMinPieces && `at least ${t.strongMinPieces} pieces`,
    sources < t.strongMinSources && `at least ${t.strongMinSources} people`,
    places < t.strongMinPlaces && `at least ${t.strongMinPlaces} channels or pages`,
    latestDays > t.recentDays && `one from the last ${t.recentDays / 7} weeks`,
  ].filter((x): x is string => typeof x === 'string');
  if (forStrong.length === 0) return { level: 'strong', label: CONFIDENCE_LABELS.strong, reason: facts };

  const level: ConfidenceLevel = items.length >= t.someMinPieces && sources >= t.someMinSources ? 'some' : 'not-enough';
  // Below "some" there is always a single source: pieces ≥ 2 from two sources would be "some".
  const missing =
    level === 'some'
      ? `Strong evidence needs ${list(forStrong)}.`
      : items.length === 1
        ? 'One piece is an example, not a pattern; look for more.'
        : 'All of it comes from one person; look for a second view.';
  return { level, label: CONFIDENCE_LABELS[level], reason: `${facts} ${missing}` };
}
