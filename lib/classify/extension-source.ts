import { createClassifier, type MessageClassifier } from './classifier';
import { createEncoderPool, encoderWorkerCount, workerChannel, type EncoderPool } from './encoder-pool';
import { ENCODER_WORKER_PATH, type ResolveExtensionUrl } from './model-files';
import { shippedHead } from './shipped-head';

/** USE lite in `workers` of an encoder worker script (the extension's: entrypoints/encoder-worker.ts). */
export function createExtensionEncoder(getURL: ResolveExtensionUrl, workers: number, workerPath = ENCODER_WORKER_PATH): Promise<EncoderPool> {
  return createEncoderPool(Array.from({ length: workers }, () => workerChannel(new Worker(getURL(workerPath)))));
}

/**
 * How many copies of the model a page runs: one, using every core through onnxruntime-web's own threads,
 * where the page is cross-origin isolated (Chrome's extension pages, by the manifest's COOP/COEP keys);
 * else one single-threaded worker per core (Firefox).
 */
export const extensionEncoderWorkers = (): number =>
  globalThis.crossOriginIsolated ? 1 : encoderWorkerCount(globalThis.navigator?.hardwareConcurrency);

/** The shipped classifier in the browser: the same encoder and head code as Node, in workers. */
export async function createExtensionClassifier(
  getURL: ResolveExtensionUrl,
  workerPath = ENCODER_WORKER_PATH,
  workers = extensionEncoderWorkers(),
): Promise<MessageClassifier> {
  return createClassifier(await createExtensionEncoder(getURL, workers, workerPath), shippedHead());
}
