import { requestGroup, writeTransaction, type AspenDb } from './db';
import { freshQueueState, withoutQueue } from './messages';
import { classificationSchema, messageKey, storedMessageSchema, type Classification, type QueueState, type StoredMessage } from './schema';
import { validRows } from './validation';

/** How long a taken message stays hidden from other takers; after that (crash, reload) it is taken again. */
export const QUEUE_LEASE_MS = 5 * 60_000;
/** A message that failed this often stays queued but is no longer handed out, so one bad message cannot stall the rest. */
export const QUEUE_MAX_ATTEMPTS = 5;

/*
 * The queue is the messages that carry a `queue` state, listed oldest first by the messages' sparse `queued`
 * index: capture queues a message in the same write that stores it.
 */

export interface QueuedMessage {
  message: StoredMessage;
  /** Times this message has been taken, this one included. */
  attempts: number;
  /** For a thread reply, the parent's author (the default subject of the reply); else null. */
  parentAuthorId: string | null;
}

/**
 * Hands out up to `size` queued messages, oldest first, and leases them. Nothing is dequeued here: only
 * completeQueueItems does that, so a batch that never completes is handed out again once its lease runs out.
 */
export async function takeQueueBatch(db: AspenDb, size: number, now = Date.now()): Promise<QueuedMessage[]> {
  return writeTransaction(db, ['messages'], async (tx) => {
    const messages = tx.objectStore('messages');
    // Read first, write after: a cursor that only reads is prefetched in batches; a write between its steps
    // makes every step a round trip of its own.
    const available: Array<StoredMessage & { queue: QueueState }> = [];
    for (let cursor = await messages.index('queued').openCursor(); cursor && available.length < size; cursor = await cursor.continue()) {
      const message = storedMessageSchema.safeParse(cursor.value);
      const queue = message.success ? message.data.queue : undefined;
      if (queue && queue.attempts < QUEUE_MAX_ATTEMPTS && (queue.leasedUntil ?? 0) <= now) available.push({ ...message.data!, queue });
    }
    const leased = available.map((message) => ({
      ...message,
      queue: { ...message.queue, attempts: message.queue.attempts + 1, leasedUntil: now + QUEUE_LEASE_MS },
    }));
    const writes = requestGroup();
    for (const message of leased) writes.add(messages.put(message));
    const parents = await Promise.all(leased.map(parentAuthorOf));
    await writes.settled();
    return leased.map((message, i) => ({ message: withoutQueue(message), attempts: message.queue.attempts, parentAuthorId: parents[i]! }));

    async function parentAuthorOf(message: StoredMessage): Promise<string | null> {
      if (message.threadTs === null || message.threadTs === message.ts) return null;
      const parent = await messages.get(messageKey({ ...message, ts: message.threadTs }));
      return parent?.authorId || null;
    }
  });
}

/**
 * Saves classifier results and dequeues their messages in one transaction. A message re-queued after it was
 * taken (its text was edited meanwhile) stays queued; results for messages removed meanwhile are dropped.
 */
export async function completeQueueItems(db: AspenDb, classifications: Classification[]): Promise<void> {
  const valid = classificationSchema.array().parse(classifications);
  await writeTransaction(db, ['messages', 'classifications'], async (tx) => {
    const messages = tx.objectStore('messages');
    const store = tx.objectStore('classifications');
    await Promise.all(
      valid.map(async (classification) => {
        const message = await messages.get(classification.key);
        if (message === undefined) return;
        const writes: Promise<unknown>[] = [store.put({ ...classification, authorId: message.authorId })];
        if (message.queue?.leasedUntil !== undefined) writes.push(messages.put(withoutQueue(message)));
        await Promise.all(writes);
      }),
    );
  });
}

/**
 * Makes every leased message takeable again, keeping its attempts. Only for a classifier starting up as the
 * only one there is (Chrome allows one offscreen document): any lease it finds belongs to a predecessor that
 * was closed or crashed mid-batch, whose messages would otherwise wait out QUEUE_LEASE_MS. Returns how many
 * it freed.
 */
export async function releaseQueueLeases(db: AspenDb): Promise<number> {
  return writeTransaction(db, ['messages'], async (tx) => {
    let released = 0;
    for (let cursor = await tx.objectStore('messages').index('queued').openCursor(); cursor; cursor = await cursor.continue()) {
      const message = storedMessageSchema.safeParse(cursor.value);
      if (!message.success || message.data.queue?.leasedUntil === undefined) continue;
      const { leasedUntil: _lease, ...free } = message.data.queue;
      await cursor.update({ ...message.data, queue: free });
      released++;
    }
    return released;
  });
}

export const queueLength = (db: AspenDb): Promise<number> => db.countFromIndex('messages', 'queued');

/** Messages read at a time when a model change re-queues the history. */
const ENQUEUE_SLICE = 1000;

/**
 * After a model change, queues every message not classified by `modelId` (older model, or never classified).
 * Old classifications stay readable until replaced; manager tags are not touched. Returns how many were queued.
 */
export async function enqueueForModel(db: AspenDb, modelId: string, now = Date.now()): Promise<number> {
  return writeTransaction(db, ['messages', 'classifications'], async (tx) => {
    const messages = tx.objectStore('messages');
    const classifications = tx.objectStore('classifications');
    const byModel = classifications.index('modelId');
    const [messageKeys, classifiedKeys, before, after, queued] = await Promise.all([
      messages.getAllKeys(),
      classifications.getAllKeys(),
      byModel.getAllKeys(IDBKeyRange.upperBound(modelId, true)),
      byModel.getAllKeys(IDBKeyRange.lowerBound(modelId, true)),
      messages.index('queued').getAllKeys(),
    ]);
    const classified = new Set(classifiedKeys);
    const alreadyQueued = new Set(queued);
    const existing = new Set(messageKeys);
    const stale = [...before, ...after].filter((key) => existing.has(key));
    const unclassified = messageKeys.filter((key) => !classified.has(key));
    const toQueue = [...stale, ...unclassified].filter((key) => !alreadyQueued.has(key));
    const writes = requestGroup();
    // In slices, so that a model change over a large history never holds every message in memory at once.
    for (let start = 0; start < toQueue.length; start += ENQUEUE_SLICE) {
      const stored = await Promise.all(toQueue.slice(start, start + ENQUEUE_SLICE).map((key) => messages.get(key)));
      for (const message of stored) if (message) writes.add(messages.put({ ...message, queue: freshQueueState(now) }));
    }
    await writes.settled();
    return toQueue.length;
  });
}

/** Messages the classifier gave up on after QUEUE_MAX_ATTEMPTS tries, oldest first: Health lists them. */
export async function failedClassifications(db: AspenDb): Promise<StoredMessage[]> {
  const rows = await db.getAllFromIndex('messages', 'queued');
  return validRows(storedMessageSchema, rows).filter((message) => (message.queue?.attempts ?? 0) >= QUEUE_MAX_ATTEMPTS);
}

/** Puts messages the classifier gave up on back in the queue with fresh attempts (the manager pressed Retry). */
export async function retryClassifications(db: AspenDb, keys: readonly string[], now = Date.now()): Promise<number> {
  return writeTransaction(db, ['messages'], async (tx) => {
    const messages = tx.objectStore('messages');
    const rows = validRows(storedMessageSchema, await Promise.all(keys.map((key) => messages.get(key))));
    const failed = rows.filter((message) => (message.queue?.attempts ?? 0) >= QUEUE_MAX_ATTEMPTS);
    const writes = requestGroup();
    for (const message of failed) writes.add(messages.put({ ...message, queue: freshQueueState(now) }));
    await writes.settled();
    return failed.length;
  });
}
