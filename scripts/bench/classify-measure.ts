import type { MessageClassifier } from '../../lib/classify/classifier';

export interface ClassifierFigures {
  coldLoadMs: number;
  medianMs: number;
  p95Ms: number;
  batchMessagesPerSecond: number;
  /** Largest memory reading taken (bytes): RSS in Node, the renderer's RSS in Chromium (read from outside). */
  peakMemoryBytes: number;
  /**
   * Chromium: what the classifier adds to the renderer (its peak less the page's own RSS before the
   * classifier started). Dedicated workers live in their page's renderer, so this is the workers' share.
   */
  classifierMemoryBytes?: number;
}

export const BATCH_SIZE = 32;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;

/** The same measurement in Node and in the browser: only how the classifier loads and memory is read differ. */
export async function measureClassifier(
  load: () => Promise<MessageClassifier>,
  texts: string[],
  readMemory: () => number,
): Promise<ClassifierFigures> {
  let peakMemoryBytes = readMemory();
  const sample = () => (peakMemoryBytes = Math.max(peakMemoryBytes, readMemory()));

  const loadStarted = performance.now();
  const classifier = await load();
  // Cold load includes the first inference: that is when the graph and wasm kernels first run.
  await classifier.classify([texts[0]!]);
  const coldLoadMs = performance.now() - loadStarted;
  sample();

  const singles: number[] = [];
  for (const text of texts) {
    const started = performance.now();
    await classifier.classify([text]);
    singles.push(performance.now() - started);
  }
  sample();
  singles.sort((a, b) => a - b);

  const batchStarted = performance.now();
  for (let start = 0; start < texts.length; start += BATCH_SIZE) await classifier.classify(texts.slice(start, start + BATCH_SIZE));
  const batchMs = performance.now() - batchStarted;
  sample();

  return {
    coldLoadMs,
    medianMs: percentile(singles, 0.5),
    p95Ms: percentile(singles, 0.95),
    batchMessagesPerSecond: (texts.length / batchMs) * 1000,
    peakMemoryBytes,
  };
}
