// Loaded as a classic script before the page's modules. TF.js picks its threaded wasm build whenever
// SharedArrayBuffer exists (Chrome extension pages have it); that build starts its workers from blob: URLs,
// which the extension's content security policy refuses, and the model then never loads. Nothing in
// Aspen's pages needs SharedArrayBuffer, so it is hidden before any module (and TF.js) is evaluated.
Reflect.deleteProperty(globalThis, 'SharedArrayBuffer');
