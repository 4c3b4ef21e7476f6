import { z } from 'zod';
import { base64ToBytes, bytesToBase64 } from './int8-rows';

/**
 * Word weights: a weight per label for each of a set of words (messageWords' hashes), added to a message's
 * logits for each of its words in the set. A head has up to two sets: its **corpus words**, learned by
 * `npm run train` from the training corpus, and a refitted head's **team words**, learned from the manager's
 * examples (fit-word-weights.ts). Stored as base64, the words as ascending uint32 and the weights as int8 with
 * one scale: the corpus words' 52,000 words take about 0.6 MB of head.json.
 */
export const wordWeightsSchema = z
  .object({
    /** The words, ascending: uint32, little-endian, base64. */
    words: z.string(),
    /** Each weight is its int8 times this. */
    scale: z.number().positive(),
    /** One int8 weight per label for each word, word by word, base64. */
    weights: z.string(),
  })
  .strict();
export type WordWeights = z.infer<typeof wordWeightsSchema>;

interface Decoded {
  words: Uint32Array;
  weights: Int8Array;
}

/**
 * The last few sets decoded, by their text: a head is read back (and checked) for every batch the classifier
 * runs, as a new object each time, and its corpus words take milliseconds to decode.
 */
const recentlyDecoded: Array<{ wordWeights: WordWeights; labels: number; decoded: Decoded }> = [];
const RECENT = 4;

function decode(wordWeights: WordWeights, labels: number): Decoded {
  const same = (r: (typeof recentlyDecoded)[number]) =>
    r.labels === labels && r.wordWeights.words === wordWeights.words && r.wordWeights.weights === wordWeights.weights && r.wordWeights.scale === wordWeights.scale;
  const recent = recentlyDecoded.find(same);
  if (recent) return recent.decoded;
  const wordBytes = base64ToBytes(wordWeights.words);
  if (wordBytes.length % 4 !== 0) throw new Error('the words are not whole 32-bit hashes');
  const view = new DataView(wordBytes.buffer, wordBytes.byteOffset, wordBytes.byteLength);
  const words = new Uint32Array(wordBytes.length / 4);
  for (let i = 0; i < words.length; i++) {
    words[i] = view.getUint32(i * 4, true);
    if (i > 0 && words[i]! <= words[i - 1]!) throw new Error('the words must ascend');
  }
  const weights = base64ToBytes(wordWeights.weights);
  if (weights.length !== words.length * labels) throw new Error('one weight per label for each word');
  const decoded = { words, weights: new Int8Array(weights.buffer, weights.byteOffset, weights.length) };
  recentlyDecoded.unshift({ wordWeights, labels, decoded });
  recentlyDecoded.length = Math.min(recentlyDecoded.length, RECENT);
  return decoded;
}

/** The row of `word` in ascending `words`, or -1. */
function rowOf(words: Uint32Array, word: number): number {
  let [low, high] = [0, words.length - 1];
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if (words[middle]! === word) return middle;
    if (words[middle]! < word) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/** What is wrong with `wordWeights` for a head of `labels` labels, or null: for the head's schema. */
export function wordWeightsProblem(wordWeights: WordWeights, labels: number): string | null {
  try {
    decode(wordWeights, labels);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** `weights` (one per label for each of `words`, word by word) stored as word weights; `words` ascending. */
export function encodeWordWeights(words: readonly number[], weights: ArrayLike<number>): WordWeights {
  let largest = 0;
  for (let k = 0; k < weights.length; k++) largest = Math.max(largest, Math.abs(weights[k]!));
  const scale = (largest || 1) / 127;
  const wordBytes = new DataView(new ArrayBuffer(words.length * 4));
  words.forEach((word, i) => wordBytes.setUint32(i * 4, word, true));
  return { words: bytesToBase64(wordBytes), scale, weights: bytesToBase64(Int8Array.from({ length: weights.length }, (_, k) => Math.round(weights[k]! / scale))) };
}

/** `logits` with `wordWeights`' weights for `words` (a message's messageWords) added, in place; returns `logits`. */
export function addWordLogits(wordWeights: WordWeights, words: readonly number[], logits: Float64Array): Float64Array {
  const { words: known, weights } = decode(wordWeights, logits.length);
  for (const word of words) {
    const row = rowOf(known, word);
    if (row < 0) continue;
    for (let c = 0; c < logits.length; c++) logits[c]! += weights[row * logits.length + c]! * wordWeights.scale;
  }
  return logits;
}
