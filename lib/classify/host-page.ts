import { broadcastStoreEvent, onStoreEvent } from '../messaging';
import { openAspenDb, releaseQueueLeases } from '../store';
import { createClassifier } from './classifier';
import { createExtensionEncoder, extensionEncoderWorkers } from './extension-source';
import { headInUse, refitIfDue } from './manager-model';
import { createQueueService, type QueueService } from './queue-service';
import { shippedHead } from './shipped-head';
import { saveClassifierStatus } from './status';

/** A minute without new messages: long enough to span a scroll through history, short enough to matter. */
const CLASSIFIER_IDLE_RELEASE_MS = 60_000;

/** Store changes that may give the manager's model new examples, or take them away. */
const LEARNING_EVENTS = new Set(['tags', 'learning', 'wipe']);

/**
 * Runs the classification queue in an extension page (Chrome's offscreen document, Firefox's background
 * page): model files come from the extension itself, status goes to the panel. It also keeps the manager's
 * own head current: when enough new examples have come in, the head is refitted in a classifier worker
 * and the queue reloads the classifier, which re-labels the history in the background.
 */
export async function startQueueServiceInPage(): Promise<QueueService> {
  const db = await openAspenDb();
  // This page is the only classifier: a batch leased before it started was lost with the page that took it.
  await releaseQueueLeases(db);
  const shipped = shippedHead();
  const getURL = (path: string) => browser.runtime.getURL(path as '/');
  let headId = (await headInUse(db, shipped)).modelId;
  const service = createQueueService(db, {
    loadClassifier: async () => {
      const head = await headInUse(db, shipped);
      headId = head.modelId;
      return createClassifier(await createExtensionEncoder(getURL, extensionEncoderWorkers()), head);
    },
    onStatus: (status) => {
      saveClassifierStatus(localStorage, status);
      broadcastStoreEvent('model');
    },
    onClassified: () => broadcastStoreEvent('classifications'),
    // Two workers with a model each hold ~180 MB apiece: give it back once capture has gone quiet.
    releaseAfterIdleMs: CLASSIFIER_IDLE_RELEASE_MS,
  });

  // One check at a time; a change during a check asks for one more.
  let checking: Promise<void> | null = null;
  let checkAgain = false;
  const checkLearning = async () => {
    do {
      checkAgain = false;
      try {
        if (await refitIfDue(db, shipped, () => createExtensionEncoder(getURL, 1))) broadcastStoreEvent('learning');
        const head = await headInUse(db, shipped);
        if (head.modelId !== headId) {
          headId = head.modelId;
          void service.reload();
        }
      } catch (error) {
        // The shipped or last learned head keeps working; the next change tries again.
        console.warn('Aspen could not refit the classifier on your corrections:', error);
      }
    } while (checkAgain);
  };
  const learn = () => {
    if (checking) {
      checkAgain = true;
      return;
    }
    checking = checkLearning().finally(() => (checking = null));
  };
  onStoreEvent((event) => {
    if (LEARNING_EVENTS.has(event.type)) learn();
  });
  learn();
  return service;
}
