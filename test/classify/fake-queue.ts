import type { QueuedMessage } from '../../lib/classify/runner';
import type { Classification, StoredMessage } from '../../lib/store/schema';

export function storedMessage(ts: string, text: string, over: Partial<StoredMessage> = {}): StoredMessage {
  return {
    key: `T1/C1/${ts}`, teamId: 'T1', channelId: 'C1', channelName: 'general', ts, permalink: '', authorId: 'UA', authorName: 'A',
    authorInferred: false, text, mentions: [], threadTs: null, replyCount: 0, reactions: [], edited: false, inThread: false,
    sentAt: 0, mentionIds: [], firstSeen: 0, lastSeen: 0, previousTexts: [], ...over,
  };
}

/** An in-memory stand-in for the store's persistent queue: items leave only when completed. */
export function fakeQueue(messages: StoredMessage[]) {
  const queued = new Map(messages.map((m) => [m.key, m]));
  const stored: Classification[] = [];
  return {
    queued,
    stored,
    takeBatch: async (size: number): Promise<QueuedMessage[]> =>
      [...queued.values()].slice(0, size).map((message) => ({ key: message.key, text: message.text, message })),
    complete: async (results: Classification[]) => {
      stored.push(...results);
      results.forEach((r) => queued.delete(r.key));
    },
  };
}
