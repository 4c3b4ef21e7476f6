import type { EmbeddingsModelData, EmbeddingsModelSource } from '@energetic-ai/embeddings';
import { io, loadGraphModel, setWasmPaths } from '@energetic-ai/core';
import { TFJS_WASM_DIR, USE_LITE_DIR, type ResolveExtensionUrl } from './model-files';

// @energetic-ai/core starts initialising its wasm backend as soon as it is evaluated and reads the wasm
// location a few microtasks later, so the location must be set in this same synchronous module evaluation.
// Extension pages and workers live at the extension root, so the origin is the extension's own.
setWasmPaths(new URL(TFJS_WASM_DIR, globalThis.location.origin).href);

/** USE lite read from the extension's own files (copied there at build from CLASSIFIER_ASSETS). */
export function extensionUseLiteSource(getURL: ResolveExtensionUrl): EmbeddingsModelSource {
  return async () => {
    const [model, vocabulary] = await Promise.all([
      loadGraphModel(io.http(getURL(`${USE_LITE_DIR}model.json`))),
      fetch(getURL(`${USE_LITE_DIR}vocab.json`)).then(async (response) => {
        if (!response.ok) throw new Error(`vocab.json: HTTP ${response.status}`);
        return (await response.json()) as EmbeddingsModelData['vocabulary'];
      }),
    ]);
    return { model, vocabulary };
  };
}
