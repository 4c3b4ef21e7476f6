import type { EvidenceItem, SignalWindow } from './types';
import { WEEK_MS } from './period';

export const SERIES_WEEKS = 12;

export interface WeekBucket {
  /** Start of the rolling week (exclusive) and its end (inclusive), ms since epoch. */
  start: number;
  end: number;
  recognition: number;
  requests: number;
  /** Every signal that involves the person: recognition, constructive, coaching received; recognition and requests given. */
  all: number;
}

export interface PersonSignals {
  personId: string;
  from: number;
  to: number;
  recognitionReceived: number;
  recognitionGiven: number;
  constructive: number;
  coaching: number;
  requests: number;
  /** Distinct authors and channel names of the recognition received in the window. */
  recognitionFrom: string[];
  recognitionChannels: string[];
  /** SERIES_WEEKS rolling weeks ending at `now`, oldest first; independent of from/to. */
  weekly: WeekBucket[];
  /** Latest signal at or before `now`, whatever the window; null when there is none. */
  lastSignalAt: number | null;
}

const isAuthored = (item: EvidenceItem, personId: string) => item.message.authorId === personId;
/**
 * About the person and from someone else. A reply in one's own thread has its author among its subjects, which
 * is not something received; but subjects the manager chose (a Recognition tag on a message that mentions
 * nobody, or a correction) make the author's own message the manager's recognition of that work.
 */
export const isReceived = (item: EvidenceItem, personId: string) =>
  item.subjects.includes(personId) && (!isAuthored(item, personId) || item.source === 'manager');

/** Whether an item counts as a signal about or from the person (anything else is noise for them). */
export function isSignalFor(item: EvidenceItem, personId: string): boolean {
  if (item.dismissed) return false;
  switch (item.label) {
    case 'recognition':
      return isReceived(item, personId) || isAuthored(item, personId);
    case 'constructive':
    case 'coaching':
      return isReceived(item, personId);
    case 'request':
      return isAuthored(item, personId);
    case 'other':
      return false;
  }
}

/** Items that mention the person at all (as subject or author), for timelines and pre-bucketing. */
export const involvesPerson = (item: EvidenceItem, personId: string): boolean =>
  isReceived(item, personId) || isAuthored(item, personId);

/** How many unsure labels a view's counts leave out: not dismissed, within [from, to], about or from its people. */
export const unsureLeftOut = (items: readonly EvidenceItem[], personIds: readonly string[], from: number, to: number): number =>
  items.filter(
    (item) => item.unsure === true && !item.dismissed && item.message.sentAt >= from && item.message.sentAt <= to && personIds.some((id) => involvesPerson(item, id)),
  ).length;

function emptyWeeks(now: number): WeekBucket[] {
  return Array.from({ length: SERIES_WEEKS }, (_, i) => {
    const end = now - (SERIES_WEEKS - 1 - i) * WEEK_MS;
    return { start: end - WEEK_MS, end, recognition: 0, requests: 0, all: 0 };
  });
}

export function personSignals(personId: string, items: readonly EvidenceItem[], window: SignalWindow): PersonSignals {
  const { from, to, now } = window;
  const signals: PersonSignals = {
    personId,
    from,
    to,
    recognitionReceived: 0,
    recognitionGiven: 0,
    constructive: 0,
    coaching: 0,
    requests: 0,
    recognitionFrom: [],
    recognitionChannels: [],
    weekly: emptyWeeks(now),
    lastSignalAt: null,
  };
  const recognizers = new Set<string>();
  const channels = new Set<string>();

  for (const item of items) {
    if (!isSignalFor(item, personId)) continue;
    const at = item.message.sentAt;
    const received = isReceived(item, personId);
    const isRecognitionReceived = item.label === 'recognition' && received;
    const isRequest = item.label === 'request';

    if (at <= now) {
      if (signals.lastSignalAt === null || at > signals.lastSignalAt) signals.lastSignalAt = at;
      // Week 0 is the newest; a message exactly one week old belongs to the week before.
      const weeksAgo = Math.floor((now - at) / WEEK_MS);
      if (weeksAgo < SERIES_WEEKS) {
        const bucket = signals.weekly[SERIES_WEEKS - 1 - weeksAgo];
        bucket.all += 1;
        if (isRecognitionReceived) bucket.recognition += 1;
        if (isRequest) bucket.requests += 1;
      }
    }

    if (at < from || at > to) continue;
    switch (item.label) {
      case 'recognition':
        if (received) {
          signals.recognitionReceived += 1;
          // A manager's tag on the person's own message: the recognition is the manager's, not the author's.
          if (item.message.authorId && item.message.authorId !== personId) recognizers.add(item.message.authorId);
          channels.add(item.message.channelName || item.message.channelId);
        }
        // The manager's recognition of the person's own message is not recognition they gave anyone.
        if (isAuthored(item, personId) && !(received && item.subjects.every((id) => id === personId))) signals.recognitionGiven += 1;
        break;
      case 'constructive':
        signals.constructive += 1;
        break;
      case 'coaching':
        signals.coaching += 1;
        break;
      case 'request':
        signals.requests += 1;
        break;
    }
  }
  signals.recognitionFrom = [...recognizers].sort();
  signals.recognitionChannels = [...channels].sort();
  return signals;
}
