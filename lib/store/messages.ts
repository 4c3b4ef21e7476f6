import { capturedMessageSchema, type CapturedMessage } from '../slack/types';
import type { IDBPObjectStore } from 'idb';
import { requestGroup, writeTransaction, type AspenDb, type AspenSchema } from './db';
import { describeZodError } from './validation';
import { storedSlackPermalink } from '../safe-links';
import { messageKey, sentAtFromTs, storedMessageSchema, type QueueState, type StoredMessage } from './schema';

export interface RejectedItem {
  /** Position in the batch; -1 when the batch itself is not a list. */
  index: number;
  reason: string;
}
export interface IngestResult {
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: RejectedItem[];
}

/** An unchanged re-render within this window writes nothing: scrolling re-renders rows constantly. */
export const LAST_SEEN_REFRESH_MS = 10 * 60_000;

export function storedFromCaptured(captured: CapturedMessage, now: number): StoredMessage {
  const mentionIds = [...new Set(captured.mentions.map((mention) => mention.id))];
  return {
    ...captured,
    permalink: storedSlackPermalink(captured.permalink),
    key: messageKey(captured),
    sentAt: sentAtFromTs(captured.ts),
    mentionIds,
    firstSeen: now,
    lastSeen: now,
    previousTexts: [],
  };
}

const hasKnownAuthor = (m: StoredMessage): boolean => m.authorId !== '' && !m.authorInferred;

function mergedAuthor(older: StoredMessage, newer: StoredMessage): Pick<StoredMessage, 'authorId' | 'authorName' | 'authorInferred'> {
  // A header-less row only guesses its author; a real sender header beats any guess, whenever it was seen.
  const chosen = hasKnownAuthor(newer) ? newer : hasKnownAuthor(older) ? older : newer.authorId !== '' ? newer : older;
  const other = chosen === newer ? older : newer;
  const authorName = chosen.authorName !== '' || other.authorId !== chosen.authorId ? chosen.authorName : other.authorName;
  return { authorId: chosen.authorId, authorName, authorInferred: chosen.authorInferred };
}

function mergedMentions(older: StoredMessage['mentions'], newer: StoredMessage['mentions']): StoredMessage['mentions'] {
  const byId = new Map(older.map((mention) => [mention.id, mention]));
  for (const mention of newer) {
    const known = byId.get(mention.id);
    byId.set(mention.id, mention.label === '' && known ? known : mention);
  }
  return [...byId.values()];
}

const orderedUnion = (...lists: string[][]): string[] => [...new Set(lists.flat())];

/**
 * Combines two sightings of one message without losing anything either knew: the later sighting's text wins
 * (the earlier text goes to previousTexts), a known author is never replaced by a guessed or empty one, and
 * counters (reactions, replies) take the later value.
 */
export function mergeMessages(a: StoredMessage, b: StoredMessage): { merged: StoredMessage; textChanged: boolean } {
  const [older, newer] = b.lastSeen >= a.lastSeen ? [a, b] : [b, a];
  const textChanged = newer.text !== '' && newer.text !== older.text;
  const text = textChanged ? newer.text : older.text;
  const history = orderedUnion(older.previousTexts, newer.previousTexts, textChanged && older.text !== '' ? [older.text] : []);
  const mentions = textChanged ? newer.mentions : mergedMentions(older.mentions, newer.mentions);
  const merged: StoredMessage = {
    key: older.key,
    teamId: older.teamId,
    channelId: older.channelId,
    channelName: newer.channelName !== '' ? newer.channelName : older.channelName,
    ts: older.ts,
    permalink: newer.permalink !== '' ? newer.permalink : older.permalink,
    ...mergedAuthor(older, newer),
    text,
    mentions,
    threadTs: newer.threadTs ?? older.threadTs,
    replyCount: newer.replyCount,
    reactions: newer.reactions,
    edited: older.edited || newer.edited || textChanged,
    inThread: older.inThread || newer.inThread,
    sentAt: older.sentAt,
    mentionIds: [...new Set(mentions.map((mention) => mention.id))],
    firstSeen: Math.min(older.firstSeen, newer.firstSeen),
    lastSeen: Math.max(older.lastSeen, newer.lastSeen),
    previousTexts: history.filter((previous) => previous !== text),
  };
  return { merged, textChanged };
}

/** Everything but lastSeen, in a fixed order, so records read back from IndexedDB compare reliably. */
const contentOf = (m: StoredMessage): string =>
  JSON.stringify([
    m.key, m.teamId, m.channelId, m.channelName, m.ts, m.permalink, m.authorId, m.authorName, m.authorInferred, m.text,
    m.mentions.map((mention) => [mention.id, mention.label]), m.threadTs, m.replyCount,
    m.reactions.map((reaction) => [reaction.emoji, reaction.count]), m.edited, m.inThread, m.sentAt, m.mentionIds,
    m.firstSeen, m.previousTexts,
  ]);
export const sameMessageContent = (a: StoredMessage, b: StoredMessage): boolean => contentOf(a) === contentOf(b);

/** The message without its place in the classification queue: what the classifier and a backup are given. */
export function withoutQueue(message: StoredMessage): StoredMessage {
  const { queue: _queue, ...rest } = message;
  return rest;
}

/** A message's place at the back of the queue, untaken: new or edited text, or a model change. */
export const freshQueueState = (now: number): QueueState => ({ enqueuedAt: now, attempts: 0 });

type MessageStore = IDBPObjectStore<AspenSchema, ['messages'], 'messages', 'readwrite'>;

/**
 * The stored rows among `keys`. A capture batch is mostly messages not seen before, from a few channels, each
 * a run of consecutive ts: one key-only read per channel's span finds which are stored, and only those are read.
 */
async function storedRows(messages: MessageStore, keys: readonly string[]): Promise<Map<string, unknown>> {
  const byChannel = new Map<string, string[]>();
  for (const key of keys) {
    const channel = key.slice(0, key.lastIndexOf('/'));
    const group = byChannel.get(channel);
    if (group) group.push(key);
    else byChannel.set(channel, [key]);
  }
  const spans = [...byChannel.values()].map((group) => {
    group.sort();
    return messages.getAllKeys(IDBKeyRange.bound(group[0]!, group[group.length - 1]!));
  });
  const wanted = new Set(keys);
  const present = (await Promise.all(spans)).flat().filter((key) => wanted.has(key));
  const rows = await Promise.all(present.map((key) => messages.get(key)));
  return new Map(present.map((key, i) => [key, rows[i]]));
}

/**
 * Stores one batch from a content script in a single transaction: validates each item (bad ones are reported,
 * never thrown), merges with what is stored, and queues new or edited messages for classification.
 * Throws StorageFullError when the browser is out of space; then nothing of the batch is written.
 */
export async function ingestCapturedBatch(db: AspenDb, batch: unknown, now = Date.now()): Promise<IngestResult> {
  const result: IngestResult = { inserted: 0, updated: 0, unchanged: 0, rejected: [] };
  if (!Array.isArray(batch)) {
    result.rejected.push({ index: -1, reason: 'batch is not a list of messages' });
    return result;
  }
  // Several tabs or re-renders can put one message in a batch more than once.
  const candidates = new Map<string, StoredMessage>();
  batch.forEach((item: unknown, index) => {
    const parsed = capturedMessageSchema.safeParse(item);
    if (!parsed.success) {
      result.rejected.push({ index, reason: describeZodError(parsed.error) });
      return;
    }
    const candidate = storedFromCaptured(parsed.data, now);
    const earlier = candidates.get(candidate.key);
    candidates.set(candidate.key, earlier ? mergeMessages(earlier, candidate).merged : candidate);
  });
  if (candidates.size === 0) return result;

  await writeTransaction(db, ['messages'], async (tx) => {
    const messages = tx.objectStore('messages');
    const stored = await storedRows(messages, [...candidates.keys()]);
    const writes = requestGroup();
    candidates.forEach((candidate, key) => {
      const existing = storedMessageSchema.safeParse(stored.get(key));
      if (!existing.success) {
        result.inserted += 1;
        writes.add(messages.put({ ...candidate, queue: freshQueueState(now) }));
        return;
      }
      const { merged, textChanged } = mergeMessages(existing.data, candidate);
      // A fresh place also drops any lease, so a classifier finishing the old text does not dequeue the new.
      const queue = textChanged ? freshQueueState(now) : existing.data.queue;
      const written = queue === undefined ? merged : { ...merged, queue };
      if (!sameMessageContent(merged, existing.data)) {
        result.updated += 1;
        writes.add(messages.put(written));
        return;
      }
      result.unchanged += 1;
      if (merged.lastSeen - existing.data.lastSeen >= LAST_SEEN_REFRESH_MS) writes.add(messages.put(written));
    });
    await writes.settled();
  });
  return result;
}
