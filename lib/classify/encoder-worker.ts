import { createTransformersUseLiteEncoder } from './encoder';
import { serveEncoder, workerScopeChannel, type WorkerScope } from './encoder-pool';
import { encoderThreads, MODEL_ROOT, ORT_WASM_FILES } from './model-files';

/**
 * Runs USE lite (the converted ONNX model, through transformers.js and onnxruntime-web) for the page that
 * started this dedicated worker (the classifier host or the side panel), loading the model and wasm files
 * from the worker's own origin: the extension's, or the bench page's.
 */
export function serveUseLiteInThisWorker(): void {
  const scope = globalThis as unknown as WorkerScope;
  const fromThisOrigin = (path: string) => new URL(path, globalThis.location.origin).href;
  serveEncoder(
    () =>
      createTransformersUseLiteEncoder({
        // A path, not a URL: transformers.js takes an http(s) model root for a remote one, which it refuses.
        modelRoot: MODEL_ROOT,
        wasmPaths: { mjs: fromThisOrigin(ORT_WASM_FILES.mjs), wasm: fromThisOrigin(ORT_WASM_FILES.wasm) },
        threads: encoderThreads(globalThis.crossOriginIsolated, globalThis.navigator?.hardwareConcurrency),
      }),
    workerScopeChannel(scope),
  );
}
