import type { SentenceEncoder } from './encoder';

/**
 * Embeds with an encoder loaded on first use and closed once `idleMs` pass without a call (a pooled encoder's
 * workers and their copies of the model go); the next call loads it again. A call that fails closes it at once,
 * so a broken encoder (its worker gone) is replaced rather than kept. For pages that embed in bursts.
 */
export function embedWithIdleRelease(load: () => Promise<SentenceEncoder>, idleMs: number): (texts: string[]) => Promise<Float32Array[]> {
  let encoder: Promise<SentenceEncoder> | undefined;
  let calls = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const release = () => {
    const current = encoder;
    encoder = undefined;
    void current?.then((loaded) => loaded.close?.(), () => {});
  };
  return async (texts) => {
    clearTimeout(timer);
    calls += 1;
    try {
      encoder ??= load();
      return await (await encoder).embed(texts);
    } catch (error) {
      release();
      throw error;
    } finally {
      calls -= 1;
      if (calls === 0) timer = setTimeout(release, idleMs);
    }
  };
}
