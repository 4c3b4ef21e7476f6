import { createClassifier, type MessageClassifier } from './classifier';
import { createEncoderPool, encoderWorkerCount, workerChannel, type EncoderPool } from './encoder-pool';
import { ENCODER_WORKER_PATH, type ResolveExtensionUrl } from './model-files';
import { shippedHead } from './shipped-head';

/** USE lite in `workers` of the extension's encoder worker script (entrypoints/encoder-worker.ts). */
export function createExtensionEncoder(getURL: ResolveExtensionUrl, workers: number): Promise<EncoderPool> {
  return createEncoderPool(Array.from({ length: workers }, () => workerChannel(new Worker(getURL(ENCODER_WORKER_PATH)))));
}

/** The shipped classifier in the browser: the same encoder and head code as Node, in one worker per core. */
export async function createExtensionClassifier(getURL: ResolveExtensionUrl): Promise<MessageClassifier> {
  const workers = encoderWorkerCount(globalThis.navigator?.hardwareConcurrency);
  return createClassifier(await createExtensionEncoder(getURL, workers), shippedHead());
}
