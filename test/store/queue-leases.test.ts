import { describe, expect, it } from 'vitest';
import { completeQueueItems, ingestCapturedBatch, QUEUE_MAX_ATTEMPTS, queueLength, releaseQueueLeases, takeQueueBatch } from '../../lib/store';
import { captured, classified, freshDb } from './helpers';

const T0 = 1_750_000_000_000;

describe('releaseQueueLeases (a classifier starting after its predecessor died mid-batch)', () => {
  it('makes a leased batch takeable at once, keeping its attempts, and leaves free items alone', async () => {
    const db = await freshDb();
    const messages = [captured(), captured(), captured()];
    await ingestCapturedBatch(db, messages, T0);
    expect(await takeQueueBatch(db, 3, T0)).toHaveLength(3);
    // Without a release, the batch is hidden until its lease runs out.
    expect(await takeQueueBatch(db, 3, T0 + 1)).toEqual([]);

    expect(await releaseQueueLeases(db)).toBe(3);
    const retaken = await takeQueueBatch(db, 5, T0 + 2);
    expect(retaken.map((q) => q.message.key).sort()).toEqual(messages.map((m) => `T1/C1/${m.ts}`).sort());
    expect(retaken.every((q) => q.attempts === 2)).toBe(true);
    await completeQueueItems(db, retaken.map((q) => classified(q.message)));
    expect(await queueLength(db)).toBe(0);
    expect(await releaseQueueLeases(db)).toBe(0);
  });

  it('does not revive an item that has used up its attempts', async () => {
    const db = await freshDb();
    await ingestCapturedBatch(db, [captured()], T0);
    for (let attempt = 0; attempt < QUEUE_MAX_ATTEMPTS; attempt++) {
      expect(await takeQueueBatch(db, 1, T0)).toHaveLength(1);
      await releaseQueueLeases(db);
    }
    expect(await takeQueueBatch(db, 1, T0)).toEqual([]);
    expect(await queueLength(db)).toBe(1);
  });

  it('keeps rows it cannot read as they are', async () => {
    const db = await freshDb();
    const odd = { key: 'T1/C1/odd', queue: { enqueuedAt: 1, leasedUntil: 'soon' } };
    await db.put('messages', odd as never);
    expect(await queueLength(db)).toBe(1);
    expect(await releaseQueueLeases(db)).toBe(0);
    expect(await db.get('messages', 'T1/C1/odd')).toEqual(odd);
  });
});
