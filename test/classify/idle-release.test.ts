import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SentenceEncoder } from '../../lib/classify/encoder';
import { embedWithIdleRelease } from '../../lib/classify/idle-release';

const IDLE_MS = 1000;

function countingEncoder() {
  const counts = { loads: 0, closes: 0 };
  const state = { failing: false };
  const load = async (): Promise<SentenceEncoder> => {
    counts.loads += 1;
    return {
      id: 'test',
      dimensions: 1,
      embed: async (texts) => {
        if (state.failing) throw new Error('Classifier worker stopped: out of memory');
        return texts.map((text) => Float32Array.of(text.length));
      },
      close: () => void (counts.closes += 1),
    };
  };
  return { counts, state, load };
}

afterEach(() => vi.useRealTimers());

describe('embedWithIdleRelease', () => {
  it('loads on first use, keeps the encoder while calls keep coming, and closes it once idle', async () => {
    vi.useFakeTimers();
    const { counts, load } = countingEncoder();
    const embed = embedWithIdleRelease(load, IDLE_MS);
    expect(counts.loads).toBe(0);
    expect(await embed(['ab'])).toEqual([Float32Array.of(2)]);
    await vi.advanceTimersByTimeAsync(IDLE_MS / 2);
    await embed(['abc']);
    await vi.advanceTimersByTimeAsync(IDLE_MS / 2);
    expect(counts).toEqual({ loads: 1, closes: 0 });
    await vi.advanceTimersByTimeAsync(IDLE_MS);
    expect(counts).toEqual({ loads: 1, closes: 1 });
    await embed(['a']);
    expect(counts).toEqual({ loads: 2, closes: 1 });
  });

  it('never closes the encoder under a call still running', async () => {
    vi.useFakeTimers();
    let finish: () => void = () => {};
    let closes = 0;
    const embed = embedWithIdleRelease(async () => ({
      id: 'test',
      dimensions: 1,
      embed: (texts) => new Promise<Float32Array[]>((resolve) => (finish = () => resolve(texts.map(() => Float32Array.of(0))))),
      close: () => void (closes += 1),
    }), IDLE_MS);
    const slow = embed(['a', 'b']);
    await vi.advanceTimersByTimeAsync(IDLE_MS * 3);
    expect(closes).toBe(0);
    finish();
    expect(await slow).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(IDLE_MS);
    expect(closes).toBe(1);
  });

  it('replaces an encoder whose call failed', async () => {
    const { counts, state, load } = countingEncoder();
    const embed = embedWithIdleRelease(load, IDLE_MS);
    state.failing = true;
    await expect(embed(['x'])).rejects.toThrow('Classifier worker stopped');
    expect(counts).toEqual({ loads: 1, closes: 1 });
    state.failing = false;
    expect(await embed(['xy'])).toEqual([Float32Array.of(2)]);
    expect(counts.loads).toBe(2);
  });

  it('tries loading again after a load that failed', async () => {
    let attempts = 0;
    const embed = embedWithIdleRelease(async () => {
      attempts += 1;
      if (attempts === 1) throw new Error('model.json: HTTP 404');
      return countingEncoder().load();
    }, IDLE_MS);
    await expect(embed(['x'])).rejects.toThrow('model.json: HTTP 404');
    expect(await embed(['x'])).toEqual([Float32Array.of(1)]);
  });
});
