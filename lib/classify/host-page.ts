import { broadcastStoreEvent } from '../messaging';
import { openAspenDb, releaseQueueLeases } from '../store';
import { createExtensionClassifier } from './extension-source';
import { createQueueService } from './queue-service';
import { saveClassifierStatus } from './status';

/** A minute without new messages: long enough to span a scroll through history, short enough to matter. */
const CLASSIFIER_IDLE_RELEASE_MS = 60_000;

/**
 * Runs the classification queue in an extension page (Chrome's offscreen document, Firefox's background
 * page): model files come from the extension itself, status goes to the panel.
 */
export async function startQueueServiceInPage(): Promise<{ wake(): Promise<void> }> {
  const db = await openAspenDb();
  // This page is the only classifier: a batch leased before it started was lost with the page that took it.
  await releaseQueueLeases(db);
  return createQueueService(db, {
    loadClassifier: () => createExtensionClassifier((path) => browser.runtime.getURL(path as '/')),
    onStatus: (status) => {
      saveClassifierStatus(localStorage, status);
      broadcastStoreEvent('model');
    },
    onClassified: () => broadcastStoreEvent('classifications'),
    // Two workers with a model each hold ~180 MB apiece: give it back once capture has gone quiet.
    releaseAfterIdleMs: CLASSIFIER_IDLE_RELEASE_MS,
  });
}
