// First, so that SharedArrayBuffer is hidden before TF.js is evaluated; see single-threaded-wasm.ts.
import './single-threaded-wasm';
import { createUseLiteEncoder } from './encoder';
import { serveEncoder, workerScopeChannel, type WorkerScope } from './encoder-pool';
import { extensionUseLiteSource } from './extension-model-source';

/**
 * Runs USE lite for the page that started this dedicated worker (the classifier host or the side panel),
 * loading the model files from the worker's own origin: the extension's, or the bench page's.
 */
export function serveUseLiteInThisWorker(): void {
  const scope = globalThis as unknown as WorkerScope;
  const fromThisOrigin = (path: string) => new URL(path, globalThis.location.origin).href;
  serveEncoder(() => createUseLiteEncoder(extensionUseLiteSource(fromThisOrigin)), workerScopeChannel(scope));
}
