/** The bench page's encoder worker: the module the extension's worker script runs, bundled on its own. */
import { serveUseLiteInThisWorker } from '../../lib/classify/encoder-worker';

serveUseLiteInThisWorker();
