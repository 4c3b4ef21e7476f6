import { isReceived } from '../signals/personSignals';
import type { EvidenceItem } from '../signals/types';
import type { Label } from '../store/schema';

/** Feedback about the person from someone else (or the manager's recognition of their own message). */
export const receivedBy = (item: EvidenceItem, personId: string, label?: Label): boolean =>
  !item.dismissed && (label === undefined || item.label === label) && isReceived(item, personId);

export const authoredBy = (item: EvidenceItem, personId: string, label: Label): boolean =>
  !item.dismissed && item.label === label && item.message.authorId === personId;

export const within = (item: EvidenceItem, from: number, to: number): boolean =>
  item.message.sentAt >= from && item.message.sentAt <= to;

export const newestFirst = (a: EvidenceItem, b: EvidenceItem) => b.message.sentAt - a.message.sentAt;

/** Reactions stand in for how much a message landed with others. */
export const reactionCount = (item: EvidenceItem) => item.message.reactions.reduce((sum, r) => sum + r.count, 0);
