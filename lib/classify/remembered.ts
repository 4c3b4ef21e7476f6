import { z } from 'zod';
import { labelSchema, type Label } from '../store/schema';
import { decodeInt8Rows, encodeInt8Rows, int8RowsSchema, int8ValueCount } from './int8-rows';

/**
 * Cosine similarity at which a message reads like one of the manager's examples and takes its label. Every
 * pair of messages this close had one label: 50 of 50 pairs in validation (its 2,083 rows before writers S to
 * V) and in the four unseen-hands writers (O to R, each within itself); between 0.80 and 0.85, 91 of 98 did
 * (2026-12-01).
 */
export const REMEMBERED_SIMILARITY = 0.85;

/**
 * A refitted head's examples as the encoder read them, with the manager's labels. The refit alone can leave
 * an example on its old label (it keeps the shipped head's behaviour on the rest); these make the manager's
 * word stick for every message that reads like one they labelled, such as the next "ptal" or the next
 * standup bot post.
 */
export const rememberedSchema = z
  .object({ labels: z.array(labelSchema).min(1), rows: int8RowsSchema })
  .strict()
  .refine((r) => int8ValueCount(r.rows) === r.labels.length * r.rows.dimensions, 'remembered examples: one row per label');
export type RememberedExamples = z.infer<typeof rememberedSchema>;

export const rememberExamples = (features: readonly ArrayLike<number>[], labels: readonly Label[]): RememberedExamples => ({
  labels: [...labels],
  rows: encodeInt8Rows(features.map(unitLength)),
});

function unitLength(features: ArrayLike<number>): Float64Array {
  let norm = 0;
  for (let i = 0; i < features.length; i++) norm += features[i]! * features[i]!;
  norm = Math.sqrt(norm) || 1;
  const unit = new Float64Array(features.length);
  for (let i = 0; i < features.length; i++) unit[i] = features[i]! / norm;
  return unit;
}

/** Decoded rows, unit length, end to end in one array: every message a head classifies is compared with them all. */
const decoded = new WeakMap<RememberedExamples, Float64Array>();

function rowsOf(remembered: RememberedExamples): Float64Array {
  let rows = decoded.get(remembered);
  if (!rows) {
    const { dimensions } = remembered.rows;
    rows = new Float64Array(remembered.labels.length * dimensions);
    decodeInt8Rows(remembered.rows).forEach((row, r) => rows!.set(unitLength(row), r * dimensions));
    decoded.set(remembered, rows);
  }
  return rows;
}

/** The nearest example at REMEMBERED_SIMILARITY or closer; on a tie the later one, as the latest label wins. */
export function nearestRemembered(remembered: RememberedExamples, features: ArrayLike<number>): { label: Label; similarity: number } | null {
  const rows = rowsOf(remembered);
  const query = unitLength(features);
  const dimensions = query.length;
  let best = -1;
  let bestSimilarity = REMEMBERED_SIMILARITY;
  for (let r = 0, offset = 0; offset < rows.length; r++, offset += dimensions) {
    // Four sums at a time: the dot products are all of a lookup's cost, and this took about two fifths off it in V8.
    let a = 0;
    let b = 0;
    let c = 0;
    let e = 0;
    let d = 0;
    for (; d + 3 < dimensions; d += 4) {
      a += rows[offset + d]! * query[d]!;
      b += rows[offset + d + 1]! * query[d + 1]!;
      c += rows[offset + d + 2]! * query[d + 2]!;
      e += rows[offset + d + 3]! * query[d + 3]!;
    }
    for (; d < dimensions; d++) a += rows[offset + d]! * query[d]!;
    const similarity = a + b + c + e;
    if (similarity >= bestSimilarity) {
      best = r;
      bestSimilarity = similarity;
    }
  }
  return best < 0 ? null : { label: remembered.labels[best]!, similarity: Math.min(1, bestSimilarity) };
}

/**
 * `probabilities` (in `labels` order) moved towards the nearest remembered example's label: at least halfway
 * at REMEMBERED_SIMILARITY, so the manager's label comes out on top, and all the way for the same text; a
 * near match that the head doubts can still be shown as unsure.
 */
export function recallRemembered(remembered: RememberedExamples | undefined, labels: readonly Label[], features: ArrayLike<number>, probabilities: Float64Array): Float64Array {
  const match = remembered ? nearestRemembered(remembered, features) : null;
  if (!match) return probabilities;
  const pull = 0.5 + (0.5 * (match.similarity - REMEMBERED_SIMILARITY)) / (1 - REMEMBERED_SIMILARITY);
  const target = labels.indexOf(match.label);
  return probabilities.map((p, i) => (1 - pull) * p + (i === target ? pull : 0));
}
