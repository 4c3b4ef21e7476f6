// First, so that SharedArrayBuffer is hidden before TF.js is evaluated; see single-threaded-wasm.ts.
import './single-threaded-wasm';
import { createUseLiteEncoder } from './tfjs-encoder';
import { serveEncoder, workerScopeChannel, type WorkerScope } from './encoder-pool';
import { extensionUseLiteSource } from './extension-model-source';

/**
 * The TF.js path in a dedicated worker: what the extension ran before the converted model. Only the bench
 * runs it now, side by side with the extension's worker (encoder-worker.ts), on the files TFJS_ASSETS lists.
 */
export function serveTfjsUseLiteInThisWorker(): void {
  const scope = globalThis as unknown as WorkerScope;
  const fromThisOrigin = (path: string) => new URL(path, globalThis.location.origin).href;
  serveEncoder(() => createUseLiteEncoder(extensionUseLiteSource(fromThisOrigin)), workerScopeChannel(scope));
}
