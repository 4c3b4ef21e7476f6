import { adamStep } from './adam';
import { headLogits, messageLogits, softmax, type HeadLayer, type WordedHead } from './head';
import { encodeWordWeights, type WordWeights } from './word-weights';

/** Messages as the word weights read them: embeddings and their messageWords. */
export interface WordedRows {
  features: readonly ArrayLike<number>[];
  words: readonly (readonly number[])[];
}

/** One message as a fit of word weights sees it: its fixed logits, the rows of its words among the weights, what it should score. */
interface WordRow {
  logits: Float64Array;
  rows: number[];
  /** A label index, or scores to keep. */
  target: number | ArrayLike<number>;
  /** Its weight in the loss. */
  scale: number;
}

/** The gradient of the rows' weighted cross-entropy with respect to `weights` (one per label for each word, word by word). */
function wordGradient(rows: readonly WordRow[], weights: Float64Array, classes: number, temperature: number): Float64Array {
  const gradient = new Float64Array(weights.length);
  for (const row of rows) {
    const p = softmax(row.logits.map((v, c) => v + row.rows.reduce((sum, r) => sum + weights[r * classes + c]!, 0)), temperature);
    for (let c = 0; c < classes; c++) {
      const target = typeof row.target === 'number' ? Number(row.target === c) : row.target[c]!;
      const d = ((p[c]! - target) / temperature) * row.scale;
      for (const r of row.rows) gradient[r * classes + c]! += d;
    }
  }
  return gradient;
}

/** Each message's words as rows of `words` (ascending), leaving out words it does not hold. */
function rowsIn(words: readonly number[]): (messageWords: readonly number[]) => number[] {
  const rowOf = new Map(words.map((word, row) => [word, row]));
  return (messageWords) => messageWords.flatMap((w) => (rowOf.has(w) ? [rowOf.get(w)!] : []));
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
 * Chosen in scratch runs (2026-12-02, heads without corpus words), 50 corrections each, seeds 1 to 3; macro-F1
 * gain of adaptHead on the rows left, with its team words and without them (the refit and remembered examples alone):
 *   - the head before writers AA to AH on their rows, as a new team would meet it (24 runs): +0.0041 against
 *     +0.0017, 5 runs lost against 7; the head with AA to AD, on AE to AH (12 runs): +0.0040 against +0.0026;
 *   - the head of that time on writers O to R (12 runs): +0.0040 against +0.0031;
 *   - the head of that time on the test split's writer, which it already read well (3 runs): −0.0062 against −0.0055.
 * A first version of the same runs (rehearsal rows drawn from validation, words hashed into 4,096 buckets) chose
 * the setting: L2 0.1 and 1 within 0.001 of 0.3; words alone no better than words and pairs; 16,384 buckets
 * +0.0046 against +0.0037 on AA to AH, about the same elsewhere (words are whole hashes now: no two share a
 * weight); without rehearsal rows, the words cost the test split's writer twice what the refit alone does.
 */
export const DEFAULT_TEAM_WORDS: TeamWordsOptions = { l2: 0.3, steps: 200, learningRate: 0.5, rehearsalWeight: 1 };

/**
 * Team words for `head` (the refitted layers, with the shipped head's corpus words) learned from `examples`: a
 * weight per label for each word the examples use, by gradient descent on their cross-entropy (the head's
 * logits plus the team words') plus `rehearsalWeight` times the cross-entropy against what `head` alone says
 * of each rehearsal row, so a word that training messages of every label share (the, thanks, we) learns
 * little, plus the L2.
 */
export function fitTeamWords(
  head: Omit<WordedHead, 'teamWords'>,
  examples: WordedRows & { labels: readonly number[] },
  rehearsal: WordedRows,
  temperature: number,
  options: TeamWordsOptions = DEFAULT_TEAM_WORDS,
): WordWeights {
  const words = [...new Set(examples.words.flat())].sort((a, b) => a - b);
  const rowsOf = rowsIn(words);
  const classes = head.layers.at(-1)!.outputs;
  const n = examples.features.length;
  const learned: WordRow[] = examples.features.map((x, i) => ({ logits: messageLogits(head, x, examples.words[i]!), rows: rowsOf(examples.words[i]!), target: examples.labels[i]!, scale: 1 / n }));
  // A rehearsal row that shares no word with the examples never moves.
  const kept: WordRow[] = rehearsal.features
    .map((x, i) => ({ logits: messageLogits(head, x, rehearsal.words[i]!), rows: rowsOf(rehearsal.words[i]!) }))
    .filter((r) => r.rows.length > 0)
    .map((r) => ({ ...r, target: softmax(r.logits, temperature), scale: options.rehearsalWeight / rehearsal.features.length }));
  const weights = new Float64Array(words.length * classes);
  for (let step = 0; step < options.steps; step++) {
    const gradient = wordGradient([...learned, ...kept], weights, classes, temperature);
    for (let k = 0; k < weights.length; k++) weights[k]! -= options.learningRate * (gradient[k]! + (options.l2 / n) * weights[k]!);
  }
  return encodeWordWeights(words, weights);
}

export interface CorpusWordsOptions {
  /** A word (or word pair) gets weights only when at least this many training messages hold it. */
  minMessages: number;
  /** L2 on the word weights, against the training rows' average loss. */
  l2: number;
  /** Full-batch Adam steps. */
  steps: number;
  learningRate: number;
}

/**
 * Measured on the split of head c643b2d0 (scratch, 2026-12-02; its layers, words fitted on train; macro-F1 gain on
 * validation / the test split / writers O to R, whom training never saw): at L2 3e-5, 100 steps, words in at
 * least 2 messages (52,364 of 187,583) +0.048 / +0.043 / +0.043; in at least 1 +0.048 / +0.041 / +0.044 at 3.6
 * times the size; in at least 3 +0.046 / +0.040 / +0.041. Words alone, without pairs: +0.038 / +0.034 / +0.033.
 * Stored int8: +0.047 / +0.043 / +0.044. `npm run train` chooses the L2 on validation (CORPUS_WORDS_L2).
 */
export const DEFAULT_CORPUS_WORDS: CorpusWordsOptions = { minMessages: 2, l2: 3e-5, steps: 100, learningRate: 0.05 };

/**
 * Corpus words for `layers` (a head trained on the embeddings of `train`): a weight per label for each word of
 * `train` in at least `minMessages` of its messages, by Adam on the training rows' cross-entropy (the layers'
 * logits, held fixed, plus the words'), plus the L2. What the embedding misses that the words say, the words learn.
 */
export function fitCorpusWords(
  layers: readonly HeadLayer[],
  train: WordedRows & { labels: readonly number[] },
  options: CorpusWordsOptions = DEFAULT_CORPUS_WORDS,
): WordWeights {
  const messages = new Map<number, number>();
  for (const words of train.words) for (const word of words) messages.set(word, (messages.get(word) ?? 0) + 1);
  const words = [...messages].filter(([, count]) => count >= options.minMessages).map(([word]) => word).sort((a, b) => a - b);
  const rowsOf = rowsIn(words);
  const classes = layers.at(-1)!.outputs;
  const n = train.features.length;
  const rows: WordRow[] = train.features.map((x, i) => ({ logits: headLogits(layers, x), rows: rowsOf(train.words[i]!), target: train.labels[i]!, scale: 1 / n }));
  const weights = new Float64Array(words.length * classes);
  const [m, v] = [new Float64Array(weights.length), new Float64Array(weights.length)];
  for (let step = 1; step <= options.steps; step++) {
    const gradient = wordGradient(rows, weights, classes, 1);
    for (let k = 0; k < weights.length; k++) weights[k] = adamStep(weights[k]!, gradient[k]! + options.l2 * weights[k]!, m, v, k, step, options.learningRate);
  }
  return encodeWordWeights(words, weights);
}
