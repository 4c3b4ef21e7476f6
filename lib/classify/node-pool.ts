import { availableParallelism } from 'node:os';
import { Worker, type MessagePort } from 'node:worker_threads';
import { createClassifier, type MessageClassifier } from './classifier';
import { createEncoderPool, encoderWorkerCount, type EncoderChannel, type EncoderPool } from './encoder-pool';
import { shippedHead } from './shipped-head';

/** A worker_threads Worker, seen from the thread that started it. */
function threadChannel(worker: Worker): EncoderChannel {
  return {
    post: (message) => worker.postMessage(message),
    listen: ({ message, failure }) => {
      worker.on('message', message);
      worker.on('error', (error) => failure(error.message));
      worker.on('exit', (code) => failure(`the worker exited with code ${code}`));
    },
    close: () => void worker.terminate(),
  };
}

/** A worker thread's own end (its parentPort). */
export function parentPortChannel(port: MessagePort): EncoderChannel {
  return {
    post: (message) => port.postMessage(message),
    listen: ({ message }) => port.on('message', message),
    close: () => port.close(),
  };
}

// The worker is TypeScript: it registers tsx's loader in the new thread before importing it.
const WORKER_URL = new URL('./node-encoder-worker.ts', import.meta.url).href;
const WORKER_BOOTSTRAP = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(WORKER_URL)}); })`;

/**
 * USE lite on TF.js in worker threads, one per core (at most two), as the extension ran it before transformers.js:
 * the bench measures it beside the shipped runtime, and the refit tests use its workers.
 */
export function createNodeEncoderPool(workers = encoderWorkerCount(availableParallelism())): Promise<EncoderPool> {
  const threads = Array.from({ length: workers }, () => new Worker(WORKER_BOOTSTRAP, { eval: true }));
  return createEncoderPool(threads.map(threadChannel));
}

/**
 * The shipped classifier with USE lite in worker threads: what eval and the bench measure. `close` it when
 * done: the threads keep Node alive.
 */
export async function createNodeClassifierPool(workers?: number): Promise<MessageClassifier> {
  return createClassifier(await createNodeEncoderPool(workers), shippedHead());
}
