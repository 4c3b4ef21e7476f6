import type { PersonSignals, WeekBucket } from './personSignals';
import { DAY_MS } from './period';

export type CueTone = 'positive' | 'attention' | 'neutral';
export interface Cue {
  id: string;
  tone: CueTone;
  text: string;
}

/** Every threshold a cue uses, in one place so that tests and the README can quote them. */
export const CUE_THRESHOLDS = {
  /** Recognition over the last 4 weeks must reach this count before a rise is called out. */
  trendMinRecent: 3,
  /** Ratio of the last 4 weeks to the 4 before that counts as "up". */
  trendUpRatio: 2,
  /** Recognition in the 4 weeks before must reach this before a fall is called out. */
  trendMinPrevious: 3,
  /** Last 4 weeks at or below this share of the 4 before counts as "down". */
  trendDownRatio: 0.5,
  /** Asks or blockers raised in the newest week. */
  blockersThisWeek: 3,
  /** Days without any signal before the silence is worth a look. */
  silentDays: 21,
  /** Distinct people and channels recognition came from in the window. */
  breadthPeople: 3,
  breadthChannels: 2,
  /** Recognition given to others in the window. */
  generousGiven: 3,
} as const;

const sum = (weeks: readonly WeekBucket[], field: 'recognition' | 'requests') =>
  weeks.reduce((total, week) => total + week[field], 0);

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** "3", "2.5": ratios to one decimal, without a trailing ".0". */
const formatRatio = (ratio: number) => String(Math.round(ratio * 10) / 10);

export function personCues(signals: PersonSignals, now: number): Cue[] {
  const t = CUE_THRESHOLDS;
  const cues: Cue[] = [];
  const weeks = signals.weekly;
  const recent = sum(weeks.slice(-4), 'recognition');
  const previous = sum(weeks.slice(-8, -4), 'recognition');

  if (recent >= t.trendMinRecent && previous === 0) {
    cues.push({
      id: 'recognition-new',
      tone: 'positive',
      text: `${plural(recent, 'recognition', 'recognitions')} in the last 4 weeks, none in the 4 before`,
    });
  } else if (recent >= t.trendMinRecent && recent >= previous * t.trendUpRatio) {
    cues.push({
      id: 'recognition-up',
      tone: 'positive',
      text: `Recognition up ${formatRatio(recent / previous)}× vs the previous 4 weeks`,
    });
  } else if (previous >= t.trendMinPrevious && recent <= previous * t.trendDownRatio) {
    cues.push({
      id: 'recognition-down',
      tone: 'attention',
      text: `Recognition down from ${previous} to ${recent} vs the previous 4 weeks`,
    });
  }

  const blockers = weeks[weeks.length - 1]?.requests ?? 0;
  if (blockers >= t.blockersThisWeek) {
    cues.push({ id: 'blockers', tone: 'attention', text: `${blockers} asks or blockers this week` });
  }

  if (signals.lastSignalAt === null) {
    cues.push({ id: 'silent', tone: 'neutral', text: 'No signals captured yet' });
  } else {
    const days = Math.floor((now - signals.lastSignalAt) / DAY_MS);
    if (days >= t.silentDays) cues.push({ id: 'silent', tone: 'attention', text: `No signals in ${days} days` });
  }

  const people = signals.recognitionFrom.length;
  const channels = signals.recognitionChannels.length;
  if (people >= t.breadthPeople && channels >= t.breadthChannels) {
    cues.push({
      id: 'breadth',
      tone: 'positive',
      text: `Recognition from ${people} people in ${channels} channels`,
    });
  }

  if (signals.recognitionGiven >= t.generousGiven) {
    cues.push({ id: 'generous', tone: 'positive', text: `Recognized others ${signals.recognitionGiven} times` });
  }
  return cues;
}
