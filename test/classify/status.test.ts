import { describe, expect, it } from 'vitest';
import type { ClassifierStatus } from '../../lib/classify/runner';
import { readClassifierStatus, saveClassifierStatus } from '../../lib/classify/status';

/** The Storage methods the status uses; the panel and the classifier host pass their real localStorage. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

describe('classifier status in shared storage', () => {
  it('reads back every state the classifier host writes', () => {
    const storage = memoryStorage();
    const states: ClassifierStatus[] = [
      { state: 'loading' },
      { state: 'ready', modelId: 'm' },
      { state: 'classifying', modelId: 'm', done: 3 },
      { state: 'resting', modelId: 'm' },
      { state: 'error', message: 'Classifier worker stopped: out of memory' },
    ];
    for (const status of states) {
      saveClassifierStatus(storage, status);
      expect(readClassifierStatus(storage)).toEqual(status);
    }
  });

  it('treats a missing or unreadable status as none', () => {
    const storage = memoryStorage();
    expect(readClassifierStatus(storage)).toBeNull();
    storage.setItem('aspen.classifierStatus', '{not json');
    expect(readClassifierStatus(storage)).toBeNull();
    storage.setItem('aspen.classifierStatus', JSON.stringify({ state: 'sleeping' }));
    expect(readClassifierStatus(storage)).toBeNull();
  });
});
