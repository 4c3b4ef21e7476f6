import { z } from 'zod';
import { labelSchema, type Label } from '../store/schema';
import { decodeInt8Rows, encodeInt8Rows, int8RowsSchema, int8ValueCount } from './int8-rows';

/**
 * Cosine similarity at which a message reads like one of the manager's examples and takes its label. Every
 * pair of messages this close had one label: 50 of 50 pairs in validation and the four unseen-hands writers
 * (O to R, each within itself); between 0.80 and 0.85, 91 of 98 did (2026-12-01).
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

function unitLength(features: ArrayLike<number>): Float32Array {
  let norm = 0;
  for (let i = 0; i < features.length; i++) norm += features[i]! * features[i]!;
  norm = Math.sqrt(norm) || 1;
  return Float32Array.from(features, (v) => v / norm);
}

/** Decoded rows (unit length), once per remembered set: every message a head classifies looks them up. */
const decoded = new WeakMap<RememberedExamples, Float32Array[]>();

/** The nearest example at REMEMBERED_SIMILARITY or closer; on a tie the later one, as the latest label wins. */
export function nearestRemembered(remembered: RememberedExamples, features: ArrayLike<number>): { label: Label; similarity: number } | null {
  let rows = decoded.get(remembered);
  if (!rows) decoded.set(remembered, (rows = decodeInt8Rows(remembered.rows).map(unitLength)));
  const query = unitLength(features);
  let best = { index: -1, similarity: REMEMBERED_SIMILARITY };
  rows.forEach((row, index) => {
    let similarity = 0;
    for (let d = 0; d < row.length; d++) similarity += row[d]! * query[d]!;
    if (similarity >= best.similarity) best = { index, similarity };
  });
  return best.index < 0 ? null : { label: remembered.labels[best.index]!, similarity: Math.min(1, best.similarity) };
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
