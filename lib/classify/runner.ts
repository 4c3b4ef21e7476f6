import type { Classification, StoredMessage } from '../store/schema';
import type { MessageClassifier } from './classifier';
import { subjectsFor } from './subjects';

export interface QueuedMessage {
  key: string;
  text: string;
  message: StoredMessage;
}

export type ClassifierStatus =
  | { state: 'loading' }
  | { state: 'ready'; modelId: string }
  | { state: 'classifying'; modelId: string; done: number }
  /** Unloaded after a quiet spell to free its memory; the next message loads it again. */
  | { state: 'resting'; modelId: string }
  | { state: 'error'; message: string };

export interface ClassificationQueueDeps {
  /** Up to `size` queued messages; an item stays queued until `complete` is called with its key. */
  takeBatch(size: number): Promise<QueuedMessage[]>;
  /** Stores the classifications and removes their keys from the queue, in one step. */
  complete(results: Classification[]): Promise<void>;
  /** The loaded classifier; called on every run, so it should memoise (see memoiseLoader). */
  loadClassifier(): Promise<MessageClassifier>;
  /** Author of a thread reply's parent message, when it is stored. */
  parentAuthorOf(message: StoredMessage): Promise<string | undefined>;
}

export interface ClassificationQueueOptions {
  batchSize?: number;
  onStatus?: (status: ClassifierStatus) => void;
  now?: () => number;
}

export interface ClassificationRunResult {
  classified: number;
  /** Set when the run stopped early; what was not completed stays queued for the next run. */
  error?: string;
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Classifies queued messages batch by batch until the queue is empty. Never throws: failed items stay
 * queued (the next run retries them) and the run ends with an `error` status. When a whole batch fails,
 * its items are tried one by one; the run stops once a batch completes nothing.
 */
export async function runClassificationQueue(
  deps: ClassificationQueueDeps,
  options: ClassificationQueueOptions = {},
): Promise<ClassificationRunResult> {
  const batchSize = options.batchSize ?? 32;
  const report = options.onStatus ?? (() => {});
  const now = options.now ?? Date.now;
  let classified = 0;

  report({ state: 'loading' });
  let classifier: MessageClassifier;
  try {
    classifier = await deps.loadClassifier();
  } catch (error) {
    const message = `model failed to load: ${describe(error)}`;
    report({ state: 'error', message });
    return { classified, error: message };
  }
  const { modelId } = classifier;

  const classifyBatch = async (batch: QueuedMessage[]): Promise<Classification[]> => {
    const [predictions, parents] = await Promise.all([
      classifier.classify(batch.map((item) => item.text)),
      Promise.all(batch.map((item) => deps.parentAuthorOf(item.message))),
    ]);
    const classifiedAt = now();
    return batch.map((item, i) => ({
      key: item.key,
      label: predictions[i]!.label,
      scores: predictions[i]!.scores,
      ...(predictions[i]!.unsure ? { unsure: true } : {}),
      subjects: subjectsFor(item.message, parents[i]),
      modelId,
      classifiedAt,
    }));
  };

  // Set when some item failed; the run goes on while batches still make progress, so that one bad
  // message (which stays first in the queue) cannot hold back the rest, and stops when none do.
  let failure: string | undefined;
  try {
    for (;;) {
      const batch = await deps.takeBatch(batchSize);
      if (batch.length === 0) break;
      report({ state: 'classifying', modelId, done: classified });
      try {
        await deps.complete(await classifyBatch(batch));
        classified += batch.length;
        continue;
      } catch {
        // A batch that fails whole may hold one bad message: try its items one by one.
      }
      let progressed = false;
      for (const item of batch) {
        try {
          await deps.complete(await classifyBatch([item]));
          classified++;
          progressed = true;
        } catch (itemError) {
          failure ??= `${item.key}: ${describe(itemError)}`;
        }
      }
      if (!progressed) break;
    }
  } catch (error) {
    failure ??= describe(error);
  }
  if (failure !== undefined) {
    const message = `classification failed: ${failure}`;
    report({ state: 'error', message });
    return { classified, error: message };
  }
  report({ state: 'ready', modelId });
  return { classified };
}

/** Loads once and shares the result; a failed load is forgotten so the next call tries again. */
export function memoiseLoader<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= load().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}
