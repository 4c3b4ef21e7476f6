/**
 * Browser side of the classifier bench: the extension's own createExtensionClassifier, loading the model
 * files from this page's origin exactly as the extension loads them from chrome-extension://<id>/.
 */
import { encoderWorkerCount } from '../../lib/classify/encoder-pool';
import { createExtensionClassifier, extensionEncoderWorkers } from '../../lib/classify/extension-source';
import { ENCODER_WORKER_PATH } from '../../lib/classify/model-files';
import { measureClassifier, type ClassifierFigures } from './classify-measure';

declare global {
  interface Window {
    /** `workerPath`: the encoder worker script, the extension's or the bench's TF.js one. */
    runClassifierBench(texts: string[], workerPath: string): Promise<ClassifierFigures>;
  }
}

// Memory is read from outside (the renderer process's RSS): the model lives in workers, whose heaps the
// page cannot see.
// The TF.js path runs as it shipped: one single-threaded worker per core.
window.runClassifierBench = (texts, workerPath) =>
  measureClassifier(
    () =>
      createExtensionClassifier(
        (path) => new URL(path, location.origin).href,
        workerPath,
        workerPath === ENCODER_WORKER_PATH ? extensionEncoderWorkers() : encoderWorkerCount(navigator.hardwareConcurrency),
      ),
    texts,
    () => 0,
  );
