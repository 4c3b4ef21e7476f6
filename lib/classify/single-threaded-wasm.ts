// Imported first by the encoder worker, before anything that loads TF.js. TF.js picks its threaded wasm
// build whenever SharedArrayBuffer exists (Chrome extension pages and their workers have it); that build
// starts its own workers from blob: URLs, which the extension's content security policy refuses, and the
// model then never loads. The worker needs nothing else from SharedArrayBuffer, so it is hidden.
Reflect.deleteProperty(globalThis, 'SharedArrayBuffer');
