/** The bench page's worker for the TF.js path, which the extension no longer ships, side by side with its own. */
import { serveTfjsUseLiteInThisWorker } from '../../lib/classify/tfjs-encoder-worker';

serveTfjsUseLiteInThisWorker();
