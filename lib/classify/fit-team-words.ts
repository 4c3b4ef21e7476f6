import { headLogits, softmax, type HeadLayer } from './head';
import type { TeamWords } from './team-words';

/** Messages as a refit reads them: embeddings and, for the team words, their wordBuckets. */
export interface WordedRows {
  features: readonly ArrayLike<number>[];
  words: readonly (readonly number[])[];
}

export interface TeamWordsOptions {
  /** L2 on the word weights, against the examples' average loss (it is divided by their count). */
  l2: number;
  /** Full-batch gradient steps; a few thousand weights over the examples and the rehearsal rows that share a word. */
  steps: number;
  learningRate: number;
  /** Weight of keeping the refitted head's scores on the rehearsal rows, as adaptHeadLayers' rehearsalWeight. */
  rehearsalWeight: number;
}

/**
 * Chosen in scratch runs (2026-12-02), 50 corrections each, seeds 1 to 3; macro-F1 gain of adaptHead on the
 * rows left, with its team words and without them (the refit and remembered examples alone):
 *   - the head before writers AA to AH on their rows, as a new team would meet it (24 runs): +0.0041 against
 *     +0.0017, 5 runs lost against 7; the head with AA to AD, on AE to AH (12 runs): +0.0040 against +0.0026;
 *   - the shipped head on writers O to R (12 runs): +0.0040 against +0.0031;
 *   - the shipped head on the test split's writer, which it already reads well (3 runs): −0.0062 against −0.0055.
 * A first version of the same runs (rehearsal rows drawn from validation, 4,096 buckets) chose the setting: L2
 * 0.1 and 1 within 0.001 of 0.3; words alone no better than words and pairs; 16,384 buckets +0.0046 against
 * +0.0037 on AA to AH, about the same elsewhere; without rehearsal rows, the words cost the test split's
 * writer twice what the refit alone does.
 */
export const DEFAULT_TEAM_WORDS: TeamWordsOptions = { l2: 0.3, steps: 200, learningRate: 0.5, rehearsalWeight: 1 };

/**
 * Team words for `layers` (the refitted head) learned from `examples`: a weight per label for each word bucket
 * the examples use, by gradient descent on their cross-entropy (logits of `layers` plus the words') plus
 * `rehearsalWeight` times the cross-entropy against what `layers` alone says of each rehearsal row, so a word
 * that training messages of every label share (the, thanks, we) learns little, plus the L2.
 */
export function fitTeamWords(
  layers: readonly HeadLayer[],
  examples: WordedRows & { labels: readonly number[] },
  rehearsal: WordedRows,
  temperature: number,
  options: TeamWordsOptions = DEFAULT_TEAM_WORDS,
): TeamWords {
  const buckets = [...new Set(examples.words.flat())].sort((a, b) => a - b);
  const rowOf = new Map(buckets.map((bucket, row) => [bucket, row]));
  const classes = layers.at(-1)!.outputs;
  const n = examples.features.length;
  // Each row's words as weight rows; a rehearsal row that shares no word with the examples never moves.
  const rowsOf = (words: readonly number[]) => words.flatMap((w) => (rowOf.has(w) ? [rowOf.get(w)!] : []));
  const learned = examples.features.map((x, i) => ({ logits: headLogits(layers, x), rows: rowsOf(examples.words[i]!), target: examples.labels[i]!, scale: 1 / n }));
  const kept = rehearsal.features
    .map((x, i) => ({ logits: headLogits(layers, x), rows: rowsOf(rehearsal.words[i]!) }))
    .filter((r) => r.rows.length > 0)
    .map((r) => ({ ...r, target: softmax(r.logits, temperature), scale: options.rehearsalWeight / rehearsal.features.length }));
  const weights = new Float64Array(buckets.length * classes);
  for (let step = 0; step < options.steps; step++) {
    const gradient = new Float64Array(weights.length);
    for (const row of [...learned, ...kept]) {
      const p = softmax(row.logits.map((v, c) => v + row.rows.reduce((sum, r) => sum + weights[r * classes + c]!, 0)), temperature);
      for (let c = 0; c < classes; c++) {
        const target = typeof row.target === 'number' ? Number(row.target === c) : row.target[c]!;
        const d = ((p[c]! - target) / temperature) * row.scale;
        for (const r of row.rows) gradient[r * classes + c]! += d;
      }
    }
    for (let k = 0; k < weights.length; k++) weights[k]! -= options.learningRate * (gradient[k]! + (options.l2 / n) * weights[k]!);
  }
  return { buckets, weights: Array.from(weights, (w) => Number(w.toPrecision(6))) };
}
