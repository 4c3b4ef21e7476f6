import { serveUseLiteInThisWorker } from '@/lib/classify/encoder-worker';

/** The worker script that runs the model (started by lib/classify/extension-source.ts). */
export default defineUnlistedScript(() => serveUseLiteInThisWorker());
