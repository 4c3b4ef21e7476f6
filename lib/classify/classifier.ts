import type { Label } from '../store/schema';
import type { SentenceEncoder } from './encoder';
import { headScores, isUnsure, type ClassifierHead } from './head';
import { normaliseMessageText } from './message-text';

export interface Prediction {
  label: Label;
  /** Probability per label; sums to 1. */
  scores: Record<Label, number>;
  /** The top score is under the head's threshold: the label waits for the manager's confirmation. */
  unsure?: boolean;
}

/** What the extension, eval and bench all call; the keyword baseline has the same shape. */
export interface MessageClassifier {
  modelId: string;
  classify(texts: string[]): Promise<Prediction[]>;
  /** Frees what the classifier holds: the workers of a pooled encoder. */
  close?(): void;
}

export const topLabel = (scores: Record<Label, number>): Label =>
  (Object.entries(scores) as Array<[Label, number]>).reduce((best, entry) => (entry[1] > best[1] ? entry : best))[0];

export const DEFAULT_BATCH_SIZE = 4;

/**
 * Embeddings of normalised texts, in input order. The encoder pads each batch to its longest text, which
 * costs time, so texts go in batches of similar length. The batches are
 * sent together, so that an encoder pool spreads them over its workers. Training embeds through this too,
 * so the head sees exactly what it will see in use.
 */
export async function embedMessages(encoder: SentenceEncoder, texts: string[], batchSize = DEFAULT_BATCH_SIZE): Promise<Float32Array[]> {
  const normalised = texts.map(normaliseMessageText);
  const order = normalised.map((_, i) => i).sort((a, b) => normalised[a]!.length - normalised[b]!.length);
  const batches: number[][] = [];
  for (let start = 0; start < order.length; start += batchSize) batches.push(order.slice(start, start + batchSize));
  const embedded = await Promise.all(batches.map((indices) => encoder.embed(indices.map((i) => normalised[i]!))));
  const embeddings = new Array<Float32Array>(texts.length);
  batches.forEach((indices, b) => indices.forEach((index, j) => (embeddings[index] = embedded[b]![j]!)));
  return embeddings;
}

export interface ClassifierOptions {
  /** Texts per encoder call: 2 to 4 length-sorted texts measured fastest for USE lite on Slack-length messages. */
  batchSize?: number;
}

export function createClassifier(encoder: SentenceEncoder, head: ClassifierHead, options: ClassifierOptions = {}): MessageClassifier {
  if (head.encoderId !== encoder.id) {
    throw new Error(`Classifier head was trained on ${head.encoderId}, not ${encoder.id}`);
  }
  if (head.layers[0]!.inputs !== encoder.dimensions) {
    throw new Error(`Classifier head expects ${head.layers[0]!.inputs} inputs, encoder gives ${encoder.dimensions}`);
  }
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;

  return {
    modelId: head.modelId,
    close: () => encoder.close?.(),
    async classify(texts) {
      const embeddings = await embedMessages(encoder, texts, batchSize);
      return embeddings.map((embedding, i) => {
        const scores = headScores(head, embedding, texts[i]!);
        return { label: topLabel(scores), scores, unsure: isUnsure(head, scores) };
      });
    },
  };
}
