import { describe, expect, it } from 'vitest';
import { failedClassifications, ingestCapturedBatch, messageKey, QUEUE_MAX_ATTEMPTS, retryClassifications, takeQueueBatch } from '../../lib/store';
import { captured, freshDb } from './helpers';

describe('messages the classifier gave up on', () => {
  it('are listed after five failed attempts, and a retry queues them again with fresh attempts', async () => {
    const db = await freshDb();
    const [stuck, fine] = [captured(), captured()];
    await ingestCapturedBatch(db, [stuck, fine], 0);
    // Five leases that never complete: each one expires and the message is taken again.
    for (let attempt = 1; attempt <= QUEUE_MAX_ATTEMPTS; attempt++) await takeQueueBatch(db, 1, attempt * 10 * 60_000);
    expect((await failedClassifications(db)).map((m) => m.key)).toEqual([messageKey(stuck)]);
    expect(await retryClassifications(db, [messageKey(stuck), messageKey(fine)], 99)).toBe(1);
    expect(await failedClassifications(db)).toEqual([]);
    expect((await db.get('messages', messageKey(stuck)))!.queue).toEqual({ enqueuedAt: 99, attempts: 0 });
  });
});
