import { z } from 'zod';
import { normaliseMessageText } from './message-text';

/**
 * Team words: what a refitted head learns from the words of the manager's examples, beside what it learns in
 * the embedding. A team's own shorthand ("#action", "ptal", a bot's name, an in-joke) reads alike to the
 * encoder whatever it means to them; a weight per word per label, learned from their examples alone, is how
 * the next message with their words leans to the label they gave. The shipped head has none.
 *
 * Words are hashed into TEAM_WORD_BUCKETS buckets, so a head holds numbers, never its examples' words.
 */
export const TEAM_WORD_BUCKETS = 16_384;

/** FNV-1a, 32 bits: cheap and stable across runs and browsers. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

/** Words as the team words read them: lowercased runs of letters, digits and the marks of tags, shortcodes and handles. */
const WORD = /[\p{L}\p{N}+#:'_-]+/gu;

/** The buckets of a message's words and word pairs (of the text the model reads), each once, in ascending order. */
export function wordBuckets(text: string): number[] {
  const words = normaliseMessageText(text).toLowerCase().match(WORD) ?? [];
  const buckets = new Set<number>();
  words.forEach((word, i) => {
    buckets.add(fnv1a(word) % TEAM_WORD_BUCKETS);
    if (i > 0) buckets.add(fnv1a(`${words[i - 1]} ${word}`) % TEAM_WORD_BUCKETS);
  });
  return [...buckets].sort((a, b) => a - b);
}

/** A word bucket as a head's schemas check it. */
export const wordBucketSchema = z
  .number()
  .int()
  .min(0)
  .max(TEAM_WORD_BUCKETS - 1);

/** The buckets the examples used, ascending, and one weight per label for each (bucket-major). */
export const teamWordsSchema = z
  .object({ buckets: z.array(wordBucketSchema), weights: z.array(z.number()) })
  .strict()
  .refine((t) => t.buckets.every((b, i) => i === 0 || b > t.buckets[i - 1]!), 'team words: buckets must ascend');
export type TeamWords = z.infer<typeof teamWordsSchema>;

const rowOfBucket = new WeakMap<TeamWords, Map<number, number>>();

/** `logits` with the team words of a message (its wordBuckets) added, in place; returns `logits`. */
export function addTeamWordLogits(teamWords: TeamWords, words: readonly number[], logits: Float64Array): Float64Array {
  let rows = rowOfBucket.get(teamWords);
  if (!rows) {
    rows = new Map(teamWords.buckets.map((bucket, row) => [bucket, row]));
    rowOfBucket.set(teamWords, rows);
  }
  for (const word of words) {
    const row = rows.get(word);
    if (row === undefined) continue;
    for (let c = 0; c < logits.length; c++) logits[c]! += teamWords.weights[row * logits.length + c]!;
  }
  return logits;
}
