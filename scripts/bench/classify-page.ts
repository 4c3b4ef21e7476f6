/**
 * Browser side of the classifier bench: the extension's own createExtensionClassifier, loading the model
 * files from this page's origin exactly as the extension loads them from chrome-extension://<id>/.
 */
import { createExtensionClassifier } from '../../lib/classify/extension-source';
import { measureClassifier, type ClassifierFigures } from './classify-measure';

declare global {
  interface Window {
    runClassifierBench(texts: string[]): Promise<ClassifierFigures>;
  }
}

// Memory is read from outside (the renderer process's RSS): the model lives in workers, whose heaps the
// page cannot see.
window.runClassifierBench = (texts) =>
  measureClassifier(() => createExtensionClassifier((path) => new URL(path, location.origin).href), texts, () => 0);
