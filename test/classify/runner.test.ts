import { describe, expect, it } from 'vitest';
import type { MessageClassifier } from '../../lib/classify/classifier';
import { memoiseLoader, runClassificationQueue, type ClassifierStatus } from '../../lib/classify/runner';
import { fakeQueue, storedMessage } from './fake-queue';

const labelling = (fail: (texts: string[]) => boolean = () => false): MessageClassifier => ({
  modelId: 'fake@1',
  classify: async (texts) => {
    if (fail(texts)) throw new Error('model crashed');
    return texts.map((t) => ({
      label: t.includes('thanks') ? 'recognition' : 'other',
      scores: { recognition: 0.5, constructive: 0.1, coaching: 0.1, request: 0.1, other: 0.2 },
    }));
  },
});

const messages = Array.from({ length: 7 }, (_, i) => storedMessage(`170000000${i}.000100`, i % 2 ? `thanks @U${i}` : `note ${i}`, { mentionIds: i % 2 ? [`U${i}`] : [] }));

describe('runClassificationQueue', () => {
  it('classifies every queued message in batches, with subjects, and reports its status', async () => {
    const queue = fakeQueue(messages);
    const statuses: ClassifierStatus[] = [];
    const reply = storedMessage('1700000009.000100', 'thanks!', { threadTs: '1700000000.000100', authorId: 'UB' });
    queue.queued.set(reply.key, reply);
    const result = await runClassificationQueue(
      { ...queue, loadClassifier: async () => labelling(), parentAuthorOf: async (m) => (m.threadTs ? 'UPARENT' : undefined) },
      { batchSize: 3, onStatus: (s) => statuses.push(s), now: () => 42 },
    );
    expect(result).toEqual({ classified: 8 });
    expect(queue.queued.size).toBe(0);
    expect(queue.stored.find((c) => c.key === messages[1]!.key)).toMatchObject({ label: 'recognition', subjects: ['U1'], modelId: 'fake@1', classifiedAt: 42 });
    expect(queue.stored.find((c) => c.key === reply.key)).toMatchObject({ label: 'recognition', subjects: ['UPARENT'] });
    expect(statuses.map((s) => s.state)).toEqual(['loading', 'classifying', 'classifying', 'classifying', 'ready']);
  });

  it('never loses items when the model crashes mid-run: they stay queued and the next run finishes them', async () => {
    const queue = fakeQueue(messages);
    let calls = 0;
    const crashOnSecondBatch = labelling(() => ++calls >= 2 && calls <= 5);
    const statuses: ClassifierStatus[] = [];
    const first = await runClassificationQueue(
      { ...queue, loadClassifier: async () => crashOnSecondBatch, parentAuthorOf: async () => undefined },
      { batchSize: 3, onStatus: (s) => statuses.push(s) },
    );
    expect(first.error).toMatch(/model crashed/);
    expect(statuses.at(-1)).toMatchObject({ state: 'error' });
    expect(first.classified + queue.queued.size).toBe(messages.length);
    expect(queue.queued.size).toBeGreaterThan(0);

    const second = await runClassificationQueue({ ...queue, loadClassifier: async () => labelling(), parentAuthorOf: async () => undefined });
    expect(second.error).toBeUndefined();
    expect(queue.queued.size).toBe(0);
    expect(new Set(queue.stored.map((c) => c.key))).toEqual(new Set(messages.map((m) => m.key)));
  });

  it('lets the rest of a batch through when one message always fails', async () => {
    const queue = fakeQueue(messages);
    const poison = messages[2]!.text;
    const result = await runClassificationQueue(
      { ...queue, loadClassifier: async () => labelling((texts) => texts.includes(poison)), parentAuthorOf: async () => undefined },
      { batchSize: 4 },
    );
    expect(result.error).toContain(messages[2]!.key);
    expect([...queue.queued.keys()]).toEqual([messages[2]!.key]);
    expect(result.classified).toBe(messages.length - 1);
  });

  it('reports a model that fails to load and does not throw', async () => {
    const queue = fakeQueue(messages);
    const statuses: ClassifierStatus[] = [];
    const result = await runClassificationQueue(
      { ...queue, loadClassifier: () => Promise.reject(new Error('missing model.json')), parentAuthorOf: async () => undefined },
      { onStatus: (s) => statuses.push(s) },
    );
    expect(result).toEqual({ classified: 0, error: 'model failed to load: missing model.json' });
    expect(statuses).toEqual([{ state: 'loading' }, { state: 'error', message: 'model failed to load: missing model.json' }]);
    expect(queue.queued.size).toBe(messages.length);
  });

  it('survives a store that fails to complete', async () => {
    const queue = fakeQueue(messages);
    const result = await runClassificationQueue({
      ...queue,
      complete: () => Promise.reject(new Error('quota exceeded')),
      loadClassifier: async () => labelling(),
      parentAuthorOf: async () => undefined,
    });
    expect(result.error).toMatch(/quota exceeded/);
    expect(queue.queued.size).toBe(messages.length);
  });
});

describe('memoiseLoader', () => {
  it('loads once, and retries after a failure', async () => {
    let loads = 0;
    const load = memoiseLoader(async () => {
      loads++;
      if (loads === 1) throw new Error('first load fails');
      return loads;
    });
    await expect(load()).rejects.toThrow('first load fails');
    expect(await load()).toBe(2);
    expect(await load()).toBe(2);
    expect(loads).toBe(2);
  });
});
