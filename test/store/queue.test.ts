import { afterEach, describe, expect, it } from 'vitest';
import {
  completeQueueItems,
  enqueueForModel,
  getManagerTag,
  ingestCapturedBatch,
  QUEUE_LEASE_MS,
  QUEUE_MAX_ATTEMPTS,
  queueLength,
  setManagerTag,
  StorageFullError,
  takeQueueBatch,
  type Classification,
  type StoredMessage,
} from '../../lib/store';
import { captured, classified as classifiedBy, freshDb, limitWrites, snapshot } from './helpers';

const T0 = 1_750_000_000_000;
let restore: (() => void) | undefined;
afterEach(() => {
  restore?.();
  restore = undefined;
});

const classified = (message: StoredMessage, modelId = 'model-a'): Classification => classifiedBy(message, { modelId, classifiedAt: T0 });

async function seeded(count: number) {
  const db = await freshDb();
  for (let i = 0; i < count; i += 1) await ingestCapturedBatch(db, [captured()], T0 + i);
  return db;
}

describe('classification queue', () => {
  it('hands out the oldest items first, leased, and dequeues them on completion', async () => {
    const db = await seeded(5);
    const first = await takeQueueBatch(db, 3, T0 + 100);
    expect(first.map((q) => q.message.sentAt)).toEqual([...first.map((q) => q.message.sentAt)].sort((a, b) => a - b));
    expect(first.every((q) => q.attempts === 1)).toBe(true);
    const second = await takeQueueBatch(db, 3, T0 + 100);
    expect(second).toHaveLength(2);
    expect(new Set([...first, ...second].map((q) => q.message.key)).size).toBe(5);

    await completeQueueItems(db, first.map((q) => classified(q.message)));
    expect(await queueLength(db)).toBe(2);
    // The store keeps the message's author beside the classification, for per-person reads.
    expect(await db.get('classifications', first[0]!.message.key)).toEqual({
      ...classified(first[0]!.message),
      authorId: first[0]!.message.authorId,
    });
  });

  it('hands a batch that was never completed out again once its lease runs out', async () => {
    const db = await seeded(2);
    const taken = await takeQueueBatch(db, 10, T0);
    expect(await takeQueueBatch(db, 10, T0 + QUEUE_LEASE_MS - 1)).toEqual([]);
    const retried = await takeQueueBatch(db, 10, T0 + QUEUE_LEASE_MS);
    expect(retried.map((q) => q.message.key)).toEqual(taken.map((q) => q.message.key));
    expect(retried.map((q) => q.attempts)).toEqual([2, 2]);
    expect(await queueLength(db)).toBe(2);
  });

  it('loses nothing when completion fails: classifications are not written and items stay queued', async () => {
    const db = await seeded(3);
    const taken = await takeQueueBatch(db, 3, T0);
    const before = await snapshot(db);
    restore = limitWrites(2);
    await expect(completeQueueItems(db, taken.map((q) => classified(q.message)))).rejects.toBeInstanceOf(StorageFullError);
    restore();
    restore = undefined;
    expect(await snapshot(db)).toEqual(before);
    const retried = await takeQueueBatch(db, 3, T0 + QUEUE_LEASE_MS);
    expect(retried).toHaveLength(3);
  });

  it('rejects invalid results before writing anything', async () => {
    const db = await seeded(1);
    const [taken] = await takeQueueBatch(db, 1, T0);
    const bad = { ...classified(taken!.message), label: 'praise' } as unknown as Classification;
    await expect(completeQueueItems(db, [bad])).rejects.toThrow();
    expect(await db.count('classifications')).toBe(0);
    expect(await queueLength(db)).toBe(1);
  });

  it('keeps a message queued when it was edited while its old text was being classified', async () => {
    const db = await freshDb();
    const m = captured({ text: 'before' });
    await ingestCapturedBatch(db, [m], T0);
    const [taken] = await takeQueueBatch(db, 1, T0);
    await ingestCapturedBatch(db, [{ ...m, text: 'after' }], T0 + 1);
    await completeQueueItems(db, [classified(taken!.message)]);
    expect(await queueLength(db)).toBe(1);
    const [again] = await takeQueueBatch(db, 1, T0 + 2);
    expect(again!.message.text).toBe('after');
  });

  it('stops handing out an item that keeps failing, without dropping it', async () => {
    const db = await seeded(1);
    for (let attempt = 0; attempt < QUEUE_MAX_ATTEMPTS; attempt += 1) {
      expect(await takeQueueBatch(db, 1, T0 + attempt * QUEUE_LEASE_MS)).toHaveLength(1);
    }
    expect(await takeQueueBatch(db, 1, T0 + 100 * QUEUE_LEASE_MS)).toEqual([]);
    expect(await queueLength(db)).toBe(1);
  });

  it("gives a thread reply its parent's author and drops items whose message is gone", async () => {
    const db = await freshDb();
    const parent = captured({ authorId: 'U5' });
    const reply = captured({ authorId: 'U6', threadTs: parent.ts, inThread: true });
    await ingestCapturedBatch(db, [parent, reply], T0);
    await db.delete('messages', `T1/C1/${parent.ts}`);
    const taken = await takeQueueBatch(db, 10, T0);
    expect(taken).toEqual([expect.objectContaining({ parentAuthorId: null })]);
    await ingestCapturedBatch(db, [parent], T0 + 1);
    await completeQueueItems(db, taken.map((q) => classified(q.message)));
    const [forReply] = await takeQueueBatch(db, 10, T0 + 2);
    expect(forReply!.message.key).toBe(`T1/C1/${parent.ts}`);
    expect(await queueLength(db)).toBe(1);

    const db2 = await freshDb();
    await ingestCapturedBatch(db2, [parent, reply], T0);
    const both = await takeQueueBatch(db2, 10, T0);
    expect(both.find((q) => q.message.ts === reply.ts)!.parentAuthorId).toBe('U5');
    expect(both.find((q) => q.message.ts === parent.ts)!.parentAuthorId).toBeNull();
  });

  it('re-queues messages of an older model or never classified, and leaves manager tags alone', async () => {
    const db = await seeded(4);
    const taken = await takeQueueBatch(db, 4, T0);
    const [a, b, c] = taken.map((q) => q.message);
    await completeQueueItems(db, [classified(a!, 'model-a'), classified(b!, 'model-b'), classified(c!, 'model-c')]);
    const tag = await setManagerTag(db, a!.key, { label: 'coaching', subjects: ['U3'], dismissed: false }, T0);
    expect(await queueLength(db)).toBe(1);

    expect(await enqueueForModel(db, 'model-b', T0 + 10)).toBe(2);
    const queuedKeys = (await db.getAllKeysFromIndex('messages', 'queued')).sort();
    expect(queuedKeys).toEqual([a!.key, c!.key, taken[3]!.message.key].sort());
    expect(await getManagerTag(db, a!.key)).toEqual(tag);
    expect(await db.get('classifications', a!.key)).toMatchObject({ modelId: 'model-a' });
    expect(await enqueueForModel(db, 'model-b', T0 + 20)).toBe(0);
  });
});
