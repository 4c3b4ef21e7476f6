import { completeQueueItems, enqueueForModel, takeQueueBatch, type AspenDb } from '../store';
import type { MessageClassifier } from './classifier';
import { memoiseLoader, runClassificationQueue, type ClassifierStatus } from './runner';

export interface QueueServiceOptions {
  loadClassifier(): Promise<MessageClassifier>;
  onStatus(status: ClassifierStatus): void;
  /** Called after each stored batch, so open panels refresh. */
  onClassified(): void;
}

/**
 * Drains the persistent classification queue of one database, one run at a time. A wake during a run
 * schedules exactly one more run, so messages captured meanwhile are never left waiting.
 */
export function createQueueService(db: AspenDb, options: QueueServiceOptions): { wake(): Promise<void> } {
  let modelChecked = false;
  const loadClassifier = memoiseLoader(async () => {
    const classifier = await options.loadClassifier();
    if (!modelChecked) {
      // A new model version re-labels what the old one did; manager tags are separate and stay.
      await enqueueForModel(db, classifier.modelId);
      modelChecked = true;
    }
    return classifier;
  });
  let running: Promise<void> | null = null;
  let again = false;
  /** Thread parents' authors of the batch in flight, looked up by the store while taking it. */
  let parents = new Map<string, string | undefined>();

  const run = async () => {
    do {
      again = false;
      await runClassificationQueue(
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
    } while (again);
  };
  return {
    wake() {
      if (running) {
        again = true;
        return running;
      }
      running = run().finally(() => {
        running = null;
      });
      return running;
    },
  };
}
