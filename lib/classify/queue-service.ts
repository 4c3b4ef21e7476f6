import { completeQueueItems, enqueueForModel, takeQueueBatch, type AspenDb } from '../store';
import type { MessageClassifier } from './classifier';
import { runClassificationQueue, type ClassifierStatus } from './runner';

export interface QueueServiceOptions {
  loadClassifier(): Promise<MessageClassifier>;
  onStatus(status: ClassifierStatus): void;
  /** Called after each stored batch, so open panels refresh. */
  onClassified(): void;
  /**
   * After this long with nothing to classify, the classifier is closed (its workers and their copies of
   * the model go) and the next wake loads it again. Unset: it is kept for the service's lifetime.
   */
  releaseAfterIdleMs?: number;
}

/**
 * Drains the persistent classification queue of one database, one run at a time. A wake during a run
 * schedules exactly one more run, so messages captured meanwhile are never left waiting.
 */
export interface QueueService {
  wake(): Promise<void>;
  /**
   * The model changed (the manager's head was refitted or reset): once the current run ends, the classifier
   * is loaded again, and every message another model labelled is queued for the new one.
   */
  reload(): Promise<void>;
}

export function createQueueService(db: AspenDb, options: QueueServiceOptions): QueueService {
  let modelChecked = false;
  let loaded: Promise<MessageClassifier> | undefined;
  const loadClassifier = () => {
    loaded ??= (async () => {
      const classifier = await options.loadClassifier();
      if (!modelChecked) {
        // A new model version re-labels what the old one did; manager tags are separate and stay.
        await enqueueForModel(db, classifier.modelId);
        modelChecked = true;
      }
      return classifier;
    })().catch((error: unknown) => {
      loaded = undefined;
      throw error;
    });
    return loaded;
  };
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  const release = () => {
    const classifier = loaded;
    loaded = undefined;
    void classifier?.then((c) => c.close?.(), () => {});
  };
  /** The idle release, said in the status so the panel does not call an unloaded classifier ready. */
  const rest = () => {
    const classifier = loaded;
    release();
    void classifier?.then((c) => options.onStatus({ state: 'resting', modelId: c.modelId }), () => {});
  };
  let running: Promise<void> | null = null;
  let again = false;
  let reloadWanted = false;
  /** Thread parents' authors of the batch in flight, looked up by the store while taking it. */
  let parents = new Map<string, string | undefined>();

  const run = async () => {
    do {
      again = false;
      if (reloadWanted) {
        reloadWanted = false;
        release();
        modelChecked = false;
      }
      const result = await runClassificationQueue(
        {
          loadClassifier,
          takeBatch: async (size) => {
            const batch = await takeQueueBatch(db, size);
            parents = new Map(batch.map((item) => [item.message.key, item.parentAuthorId ?? undefined]));
            return batch.map((item) => ({ key: item.message.key, text: item.message.text, message: item.message }));
          },
          complete: async (results) => {
            await completeQueueItems(db, results);
            options.onClassified();
          },
          parentAuthorOf: async (message) => parents.get(message.key),
        },
        { onStatus: options.onStatus },
      );
      // A run that stopped on an error may have a broken classifier (its workers gone): the next run starts
      // from a fresh one rather than failing the same way until the page reloads.
      if (result.error !== undefined) release();
    } while (again);
  };
  const wake = () => {
    clearTimeout(idleTimer);
    if (running) {
      again = true;
      return running;
    }
    running = run().finally(() => {
      running = null;
      if (options.releaseAfterIdleMs !== undefined) idleTimer = setTimeout(rest, options.releaseAfterIdleMs);
    });
    return running;
  };
  return {
    wake,
    reload() {
      reloadWanted = true;
      return wake();
    },
  };
}
