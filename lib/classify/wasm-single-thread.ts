// TF.js picks its threaded wasm build whenever SharedArrayBuffer exists (extension pages have it). That build
// starts its workers from blob: URLs, which the extension's content security policy refuses, and the backend
// then never finishes loading. Nothing else in the classifier's page needs SharedArrayBuffer, so it is
// hidden before TF.js is evaluated: this module must be imported before @energetic-ai/core.
Reflect.deleteProperty(globalThis, 'SharedArrayBuffer');
