import { embedWithIdleRelease } from '@/lib/classify/idle-release';
import { memoiseLoader } from '@/lib/classify/runner';
import type { EmbedTexts } from '@/lib/rubric';

/** Past this many texts the cache starts over: a long-open panel must not grow without bound. */
export const EMBEDDING_CACHE_LIMIT = 5000;

/**
 * Remembers each text's vector, so the review and next-level mappings (and every live reload) embed a
 * message once per page lifetime.
 */
export function memoiseEmbeddings(embed: EmbedTexts, limit = EMBEDDING_CACHE_LIMIT): EmbedTexts {
  const cache = new Map<string, Float32Array>();
  return async (texts) => {
    const missing = [...new Set(texts.filter((text) => !cache.has(text)))];
    const vectors = missing.length > 0 ? await embed(missing) : [];
    const fresh = new Map(missing.map((text, i) => [text, vectors[i]]));
    const result = texts.map((text) => cache.get(text) ?? fresh.get(text)!);
    if (cache.size + fresh.size > limit) cache.clear();
    for (const [text, vector] of fresh) cache.set(text, vector);
    return result;
  };
}

/** Two minutes without mapping (the manager has moved on from Review and Calibration) frees the worker's ~180 MB. */
const PANEL_ENCODER_IDLE_MS = 2 * 60_000;

/**
 * USE lite in one worker, for mapping evidence to the rubric: the panel's own thread stays free for the UI.
 * The worker starts on first use (the Review and Calibration tabs) and stops when idle; embeddings stay cached.
 */
export const loadPanelEmbedder = memoiseLoader(async (): Promise<EmbedTexts> => {
  const { createExtensionEncoder } = await import('@/lib/classify/extension-source');
  const embed = embedWithIdleRelease(() => createExtensionEncoder((path) => browser.runtime.getURL(path as '/'), 1), PANEL_ENCODER_IDLE_MS);
  return memoiseEmbeddings(embed);
});
