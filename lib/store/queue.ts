import { requestGroup, writeTransaction, type AspenDb } from './db';
import { freshQueueItem } from './messages';
import { classificationSchema, messageKey, queueItemSchema, storedMessageSchema, type Classification, type StoredMessage } from './schema';

/** How long a taken item stays hidden from other takers; after that (crash, reload) it is taken again. */
export const QUEUE_LEASE_MS = 5 * 60_000;
/** An item that failed this often is left queued but no longer handed out, so one bad message cannot stall the rest. */
export const QUEUE_MAX_ATTEMPTS = 5;

export interface QueuedMessage {
  message: StoredMessage;
  /** Times this item has been taken, this one included. */
  attempts: number;
  /** For a thread reply, the parent's author (the default subject of the reply); else null. */
  parentAuthorId: string | null;
}

/**
 * Hands out up to `size` queued messages, oldest first, and leases them. Nothing is removed here: only
 * completeQueueItems dequeues, so a batch that never completes is handed out again once its lease runs out.
 */
export async function takeQueueBatch(db: AspenDb, size: number, now = Date.now()): Promise<QueuedMessage[]> {
  return writeTransaction(db, ['queue', 'messages'], async (tx) => {
    const queue = tx.objectStore('queue');
    const messages = tx.objectStore('messages');
    const taken: QueuedMessage[] = [];
    let cursor = await queue.index('enqueuedAt').openCursor();
    while (cursor && taken.length < size) {
      const item = queueItemSchema.safeParse(cursor.value);
      const available = item.success && item.data.attempts < QUEUE_MAX_ATTEMPTS && (item.data.leasedUntil ?? 0) <= now;
      if (item.success && available) {
        const message = storedMessageSchema.safeParse(await messages.get(item.data.key));
        if (!message.success) {
          // Its message is gone (retention): there is nothing left to classify.
          await cursor.delete();
        } else {
          const attempts = item.data.attempts + 1;
          await cursor.update({ ...item.data, attempts, leasedUntil: now + QUEUE_LEASE_MS });
          taken.push({ message: message.data, attempts, parentAuthorId: await parentAuthorOf(message.data) });
        }
      }
      cursor = await cursor.continue();
    }
    return taken;

    async function parentAuthorOf(message: StoredMessage): Promise<string | null> {
      if (message.threadTs === null || message.threadTs === message.ts) return null;
      const parent = await messages.get(messageKey({ ...message, ts: message.threadTs }));
      return parent?.authorId || null;
    }
  });
}

/**
 * Saves classifier results and dequeues their items in one transaction. An item re-queued after it was taken
 * (its text was edited meanwhile) stays queued; results for messages removed meanwhile are dropped.
 */
export async function completeQueueItems(db: AspenDb, classifications: Classification[]): Promise<void> {
  const valid = classificationSchema.array().parse(classifications);
  await writeTransaction(db, ['queue', 'messages', 'classifications'], async (tx) => {
    const queue = tx.objectStore('queue');
    const messages = tx.objectStore('messages');
    const store = tx.objectStore('classifications');
    await Promise.all(
      valid.map(async (classification) => {
        const [message, item] = await Promise.all([messages.get(classification.key), queue.get(classification.key)]);
        const writes: Promise<unknown>[] = [];
        if (message !== undefined) writes.push(store.put({ ...classification, authorId: message.authorId }));
        if (item?.leasedUntil !== undefined) writes.push(queue.delete(classification.key));
        await Promise.all(writes);
      }),
    );
  });
}

/**
 * Makes every leased item takeable again, keeping its attempts. Only for a classifier starting up as the only
 * one there is (Chrome allows one offscreen document): any lease it finds belongs to a predecessor that was
 * closed or crashed mid-batch, whose items would otherwise wait out QUEUE_LEASE_MS. Returns how many it freed.
 */
export async function releaseQueueLeases(db: AspenDb): Promise<number> {
  return writeTransaction(db, ['queue'], async (tx) => {
    let released = 0;
    for (let cursor = await tx.objectStore('queue').openCursor(); cursor; cursor = await cursor.continue()) {
      const item = queueItemSchema.safeParse(cursor.value);
      if (!item.success || item.data.leasedUntil === undefined) continue;
      const { leasedUntil: _lease, ...free } = item.data;
      await cursor.update(free);
      released++;
    }
    return released;
  });
}

export const queueLength = (db: AspenDb): Promise<number> => db.count('queue');

/**
 * After a model change, queues every message not classified by `modelId` (older model, or never classified).
 * Old classifications stay readable until replaced; manager tags are not touched. Returns how many were queued.
 */
export async function enqueueForModel(db: AspenDb, modelId: string, now = Date.now()): Promise<number> {
  return writeTransaction(db, ['queue', 'messages', 'classifications'], async (tx) => {
    const queue = tx.objectStore('queue');
    const classifications = tx.objectStore('classifications');
    const byModel = classifications.index('modelId');
    const [messageKeys, classifiedKeys, before, after, queued] = await Promise.all([
      tx.objectStore('messages').getAllKeys(),
      classifications.getAllKeys(),
      byModel.getAllKeys(IDBKeyRange.upperBound(modelId, true)),
      byModel.getAllKeys(IDBKeyRange.lowerBound(modelId, true)),
      queue.getAllKeys(),
    ]);
    const classified = new Set(classifiedKeys);
    const alreadyQueued = new Set(queued);
    const existing = new Set(messageKeys);
    const stale = [...before, ...after].filter((key) => existing.has(key));
    const unclassified = messageKeys.filter((key) => !classified.has(key));
    const toQueue = [...stale, ...unclassified].filter((key) => !alreadyQueued.has(key));
    const writes = requestGroup();
    for (const key of toQueue) writes.add(queue.put(freshQueueItem(key, now)));
    await writes.settled();
    return toQueue.length;
  });
}
