import { messageKey } from '../store/schema';
import { DAY_MS } from './period';
import { isReceived } from './personSignals';
import type { EvidenceItem } from './types';

/** Every bar the quiet-contributor cue uses, named so tests and the README can quote them. */
export const QUIET_THRESHOLDS = {
  /** The window the cue looks at, ending now. */
  windowDays: 28,
  /** Asks for help or blockers answered in the window before the cue is considered… */
  minAnswered: 5,
  /** …with recognition received in the window at or below this. */
  maxRecognized: 1,
} as const;

export interface QuietContribution {
  personId: string;
  /** Distinct asks for help and blockers (threads rooted in a request) the person replied in. */
  answered: number;
  recognized: number;
  /** The replies, newest first, one per ask: what the cue cites. */
  answers: EvidenceItem[];
  /** "Answered 9 asks for help in 4 weeks; recognized once." */
  text: string;
}

const rootKeyOf = (item: EvidenceItem) =>
  item.message.threadTs === null ? null : messageKey({ teamId: item.message.teamId, channelId: item.message.channelId, ts: item.message.threadTs });

const times = (n: number) => (n === 0 ? 'never' : n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`);

/**
 * Someone who often unblocks others but is rarely recognised for it: in the last four weeks they replied in
 * the threads of at least `minAnswered` asks for help or blockers raised by others, and were recognised at
 * most `maxRecognized` times. `roots` are the threads' root messages with their labels (they are often by
 * people outside the team, so not among `items`); a thread whose root is unknown or not a request does not count.
 */
export function quietContribution(personId: string, items: readonly EvidenceItem[], roots: readonly EvidenceItem[], now: number): QuietContribution | null {
  const t = QUIET_THRESHOLDS;
  const from = now - t.windowDays * DAY_MS;
  const inWindow = (item: EvidenceItem) => item.message.sentAt > from && item.message.sentAt <= now && !item.dismissed;
  const rootByKey = new Map([...roots, ...items].map((root) => [root.key, root]));
  const answers = new Map<string, EvidenceItem>();
  for (const item of items) {
    if (item.message.authorId !== personId || !item.message.inThread || !inWindow(item)) continue;
    const rootKey = rootKeyOf(item);
    const root = rootKey === null ? undefined : rootByKey.get(rootKey);
    if (!root || root.label !== 'request' || root.dismissed || root.message.authorId === personId) continue;
    const earlier = answers.get(root.key);
    if (!earlier || earlier.message.sentAt < item.message.sentAt) answers.set(root.key, item);
  }
  const recognized = items.filter(
    (item) => inWindow(item) && item.label === 'recognition' && isReceived(item, personId),
  ).length;
  if (answers.size < t.minAnswered || recognized > t.maxRecognized) return null;
  return {
    personId,
    answered: answers.size,
    recognized,
    answers: [...answers.values()].sort((a, b) => b.message.sentAt - a.message.sentAt),
    text: `Answered ${answers.size} asks for help in ${t.windowDays / 7} weeks; recognized ${times(recognized)}.`,
  };
}
