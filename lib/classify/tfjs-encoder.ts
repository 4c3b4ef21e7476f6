import type { EmbeddingsModelSource } from '@energetic-ai/embeddings';
import { USE_LITE_DIMENSIONS, USE_LITE_ID, type SentenceEncoder } from './encoder';
import { USE_LITE_MAX_TOKENS, useLiteForward, useLiteWeights } from './use-lite-forward';

/**
 * USE lite on TF.js (wasm backend). `source` says where model.json, its shards and vocab.json come from:
 * the package's own files in Node, the extension's URLs in the browser. Everything else is shared. The graph
 * is loaded for its weights; `useLiteForward` runs the same arithmetic without the graph's bookkeeping.
 */
export async function createUseLiteEncoder(source: EmbeddingsModelSource): Promise<SentenceEncoder> {
  const [tf, { EmbeddingsModel }] = await Promise.all([import('@energetic-ai/core'), import('@energetic-ai/embeddings')]);
  // Loading the graph needs an initialised backend: in the browser the wasm backend starts asynchronously.
  await tf.ready();
  const data = await source();
  const { tokenizer, model } = new EmbeddingsModel(data);
  const weights = useLiteWeights(tf, model.weights);

  return {
    id: USE_LITE_ID,
    dimensions: USE_LITE_DIMENSIONS,
    async embed(texts) {
      if (texts.length === 0) return [];
      return useLiteForward(tf, weights, texts.map((text) => tokenizer.encode(text).slice(0, USE_LITE_MAX_TOKENS)));
    },
  };
}
