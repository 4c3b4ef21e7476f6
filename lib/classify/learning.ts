import { seededRandom } from '../seeded-random';
import type { Label } from '../store/schema';
import { normaliseMessageText } from './message-text';
import type { SentenceEncoder } from './encoder';
import { refitHeadOn, type EncoderPool, type LearnedExample } from './encoder-pool';
import type { ClassifierHead } from './head';
import { REHEARSAL_ROWS } from './rehearsal';

/**
 * The head is refitted once this many new examples have come in since the last fit. Each refit changes the
 * model id, and a new model id re-labels the whole history in the background (about 120 messages a second),
 * so refitting on every click would keep the classifier busy; five is a handful of corrections, enough for a
 * pattern (the same kind of message corrected a few times) without making the manager wait long.
 */
export const REFIT_AFTER_NEW_EXAMPLES = 5;

/** The most recent examples a refit uses: embedding them costs ~10 ms each in the worker. */
export const MAX_REFIT_EXAMPLES = 1000;

/** One of the manager's examples as kept: what was said, the label they gave it and when. */
export interface TimedExample {
  text: string;
  label: Label;
  addedAt: number;
}

/** Two texts that read the same to the model are one example: the key the store keeps examples under. */
export const exampleKey = (text: string): string => normaliseMessageText(text).toLowerCase();

/**
 * What a refit learns from: one example per text (the latest label wins when the same text was labelled two
 * ways), empty texts left out, the most recent MAX_REFIT_EXAMPLES, oldest first.
 */
export function refitExamples(examples: readonly TimedExample[]): LearnedExample[] {
  const latest = new Map<string, TimedExample>();
  for (const example of examples) {
    const key = exampleKey(example.text);
    if (key.length === 0) continue;
    const kept = latest.get(key);
    if (!kept || example.addedAt >= kept.addedAt) latest.set(key, example);
  }
  return [...latest.values()]
    .sort((a, b) => a.addedAt - b.addedAt)
    .slice(-MAX_REFIT_EXAMPLES)
    .map(({ text, label }) => ({ text, label }));
}

/** The manager's head: the shipped head refitted, in a classifier worker, on their examples. */
export function refitForManager(pool: Pick<EncoderPool, 'refitHead'>, shipped: ClassifierHead, examples: readonly TimedExample[]): Promise<ClassifierHead> {
  return pool.refitHead(shipped, refitExamples(examples));
}

/**
 * `rows` as if the manager had given them in this order, refitted the way a classifier worker refits
 * (refitHeadOn), here on `encoder` in this thread: what eval's --adapt and the bench measure.
 */
export function refitOnRows(encoder: SentenceEncoder, shipped: ClassifierHead, rows: readonly LearnedExample[]): Promise<ClassifierHead> {
  const pool = { refitHead: (head: ClassifierHead, examples: readonly LearnedExample[]) => refitHeadOn(encoder, head, examples) };
  return refitForManager(pool, shipped, rows.map((row, i) => ({ text: row.text, label: row.label, addedAt: i })));
}

/** `k` of `rows`, drawn per label in proportion to its share (largest remainders), seeded; and the rest, in order. */
export function sampleStratified<T extends { label: Label }>(rows: readonly T[], k: number, seed: number): { sample: T[]; rest: T[] } {
  const random = seededRandom(seed);
  const byLabel = new Map<Label, number[]>();
  rows.forEach((row, i) => byLabel.set(row.label, [...(byLabel.get(row.label) ?? []), i]));
  const groups = [...byLabel.values()].map((indices) => {
    for (let i = indices.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [indices[i], indices[j]] = [indices[j]!, indices[i]!];
    }
    const exact = (Math.min(k, rows.length) * indices.length) / rows.length;
    return { indices, take: Math.floor(exact), remainder: exact - Math.floor(exact) };
  });
  let left = Math.min(k, rows.length) - groups.reduce((sum, g) => sum + g.take, 0);
  for (const group of [...groups].sort((a, b) => b.remainder - a.remainder)) {
    if (left === 0) break;
    group.take++;
    left--;
  }
  const chosen = new Set(groups.flatMap((g) => g.indices.slice(0, g.take)));
  return { sample: rows.filter((_, i) => chosen.has(i)), rest: rows.filter((_, i) => !chosen.has(i)) };
}

/** The rehearsal rows `npm run train` ships with a head: `count` of its training rows, stratified by label, seed 1. */
export const chooseRehearsalRows = <T extends { label: Label }>(train: readonly T[], count = REHEARSAL_ROWS): T[] => sampleStratified(train, count, 1).sample;
