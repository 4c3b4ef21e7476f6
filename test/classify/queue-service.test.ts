import { describe, expect, it } from 'vitest';
import type { MessageClassifier } from '../../lib/classify/classifier';
import { createQueueService } from '../../lib/classify/queue-service';
import { ingestCapturedBatch, LABELS, messageKey, queueLength } from '../../lib/store';
import { captured, freshDb } from '../store/helpers';

const IDLE_MS = 40;
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Counts loads and closes; labels everything `other`. The model itself is tested in model.test.ts. */
function countingClassifier() {
  const counts = { loads: 0, closes: 0 };
  const load = async (): Promise<MessageClassifier> => {
    counts.loads += 1;
    return {
      modelId: 'model-a',
      classify: async (texts) =>
        texts.map(() => ({ label: 'other' as const, scores: Object.fromEntries(LABELS.map((l) => [l, l === 'other' ? 1 : 0])) as never })),
      close: () => void (counts.closes += 1),
    };
  };
  return { counts, load };
}

describe('createQueueService', () => {
  it('drains the queue, then closes the classifier after the idle time and loads it again on the next wake', async () => {
    const db = await freshDb();
    const { counts, load } = countingClassifier();
    const service = createQueueService(db, { loadClassifier: load, onStatus: () => {}, onClassified: () => {}, releaseAfterIdleMs: IDLE_MS });
    const first = captured();
    await ingestCapturedBatch(db, [first], Date.now());
    await service.wake();
    expect(await queueLength(db)).toBe(0);
    expect((await db.get('classifications', messageKey(first)))?.label).toBe('other');
    expect(counts).toEqual({ loads: 1, closes: 0 });

    await wait(IDLE_MS * 3);
    expect(counts).toEqual({ loads: 1, closes: 1 });

    await ingestCapturedBatch(db, [captured()], Date.now());
    await service.wake();
    expect(await queueLength(db)).toBe(0);
    expect(counts).toEqual({ loads: 2, closes: 1 });
  });

  it('keeps the classifier while wakes keep coming within the idle time', async () => {
    const db = await freshDb();
    const { counts, load } = countingClassifier();
    const service = createQueueService(db, { loadClassifier: load, onStatus: () => {}, onClassified: () => {}, releaseAfterIdleMs: IDLE_MS });
    for (let i = 0; i < 4; i += 1) {
      await ingestCapturedBatch(db, [captured()], Date.now());
      await service.wake();
      await wait(IDLE_MS / 4);
    }
    expect(counts).toEqual({ loads: 1, closes: 0 });
  });

  it('keeps the classifier for good without an idle time', async () => {
    const db = await freshDb();
    const { counts, load } = countingClassifier();
    const service = createQueueService(db, { loadClassifier: load, onStatus: () => {}, onClassified: () => {} });
    await ingestCapturedBatch(db, [captured()], Date.now());
    await service.wake();
    await wait(IDLE_MS * 3);
    expect(counts).toEqual({ loads: 1, closes: 0 });
  });
});
