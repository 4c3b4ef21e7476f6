import { describe, expect, it } from 'vitest';
import type { MessageClassifier } from '../../lib/classify/classifier';
import { createQueueService } from '../../lib/classify/queue-service';
import { ingestCapturedBatch, LABELS, messageKey, queueLength, releaseQueueLeases, setManagerTag } from '../../lib/store';
import { captured, freshDb } from '../store/helpers';

const IDLE_MS = 40;
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Counts loads and closes; labels everything `other`, or fails every call while `broken` (as a classifier
 * whose workers have stopped does). The model itself is tested in model.test.ts.
 */
function countingClassifier() {
  const counts = { loads: 0, closes: 0 };
  const state = { broken: false, modelId: 'model-a' };
  const load = async (): Promise<MessageClassifier> => {
    counts.loads += 1;
    return {
      modelId: state.modelId,
      classify: async (texts) => {
        if (state.broken) throw new Error('Classifier worker stopped: out of memory');
        return texts.map(() => ({ label: 'other' as const, scores: Object.fromEntries(LABELS.map((l) => [l, l === 'other' ? 1 : 0])) as never }));
      },
      close: () => void (counts.closes += 1),
    };
  };
  return { counts, state, load };
}

describe('createQueueService', () => {
  it('drains the queue, then closes the classifier after the idle time and loads it again on the next wake', async () => {
    const db = await freshDb();
    const { counts, load } = countingClassifier();
    const statuses: string[] = [];
    const service = createQueueService(db, { loadClassifier: load, onStatus: (s) => statuses.push(s.state), onClassified: () => {}, releaseAfterIdleMs: IDLE_MS });
    const first = captured();
    await ingestCapturedBatch(db, [first], Date.now());
    await service.wake();
    expect(await queueLength(db)).toBe(0);
    expect((await db.get('classifications', messageKey(first)))?.label).toBe('other');
    expect(counts).toEqual({ loads: 1, closes: 0 });

    expect(statuses.at(-1)).toBe('ready');
    await wait(IDLE_MS * 3);
    expect(counts).toEqual({ loads: 1, closes: 1 });
    expect(statuses.at(-1)).toBe('resting');

    await ingestCapturedBatch(db, [captured()], Date.now());
    await service.wake();
    expect(await queueLength(db)).toBe(0);
    expect(counts).toEqual({ loads: 2, closes: 1 });
    expect(statuses.at(-1)).toBe('ready');
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

  it('starts from a fresh classifier after a run that failed, and the queue then drains', async () => {
    const db = await freshDb();
    const { counts, state, load } = countingClassifier();
    const statuses: string[] = [];
    const service = createQueueService(db, { loadClassifier: load, onStatus: (s) => statuses.push(s.state), onClassified: () => {} });
    await ingestCapturedBatch(db, [captured()], Date.now());
    state.broken = true;
    await service.wake();
    expect(statuses.at(-1)).toBe('error');
    expect(await queueLength(db)).toBe(1);
    expect(counts).toEqual({ loads: 1, closes: 1 });

    // The failed batch stays leased until its lease runs out (QUEUE_LEASE_MS); here it runs out at once.
    await releaseQueueLeases(db);
    state.broken = false;
    await service.wake();
    expect(await queueLength(db)).toBe(0);
    expect(counts).toEqual({ loads: 2, closes: 1 });
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

  it('reloads the classifier when the model changed, re-labelling what the old one labelled; tags are not touched', async () => {
    const db = await freshDb();
    const { counts, state, load } = countingClassifier();
    const service = createQueueService(db, { loadClassifier: load, onStatus: () => {}, onClassified: () => {} });
    const messages = [captured(), captured()];
    await ingestCapturedBatch(db, messages, Date.now());
    await service.wake();
    await setManagerTag(db, messageKey(messages[0]!), { label: 'coaching', subjects: [], dismissed: false });
    expect(counts).toEqual({ loads: 1, closes: 0 });

    state.modelId = 'model-a+learned-1';
    await service.reload();
    expect(counts).toEqual({ loads: 2, closes: 1 });
    expect(await queueLength(db)).toBe(0);
    for (const message of messages) expect((await db.get('classifications', messageKey(message)))?.modelId).toBe('model-a+learned-1');
    expect((await db.get('tags', messageKey(messages[0]!)))?.label).toBe('coaching');
  });
});
