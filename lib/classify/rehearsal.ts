import { z } from 'zod';
import type { WordedRows } from './fit-word-weights';
import { decodeInt8Rows, encodeInt8Rows, int8RowsSchema, int8ValueCount } from './int8-rows';
import { messageWordSchema } from './message-words';

/**
 * Rehearsal rows: embeddings of training-corpus messages shipped beside the head, with their words (as
 * messageWords' hashes, not the words), on which a refit keeps the shipped head's own scores (adaptHeadLayers'
 * and fitTeamWords' rehearsalWeight). Without them a refit can only hold the head still by pulling its
 * weights back, which also holds back what the corrections teach; with them the head learns the manager's
 * examples and keeps its behaviour on every other kind of message.
 *
 * `npm run train` ships REHEARSAL_ROWS rows of train, stratified by label, seeded. 500 rows: 1,000 gained no
 * more in `npm run tune:adaptation` and take twice the refit time (see DEFAULT_ADAPTATION). Stored int8 (one
 * scale for all: 250 KiB, 340 kB as base64) with their words' hashes, about 0.5 MB in all, only in the
 * classifier worker's bundle.
 */
export const REHEARSAL_ROWS = 500;

const rehearsalSchema = int8RowsSchema
  .extend({
    format: z.literal('aspen-rehearsal@3'),
    /** The head these rows rehearse: a refit of another head has none. */
    modelId: z.string(),
    /** Each row's messageWords, for the corpus and team words (@2 held 16,384 buckets of them). */
    words: z.array(z.array(messageWordSchema)),
  })
  .strict()
  // Values that are not whole rows are decodeInt8Rows' to report; whole rows need one list of words each.
  .refine((r) => int8ValueCount(r) % r.dimensions !== 0 || r.words.length * r.dimensions === int8ValueCount(r), 'one list of words per row');
export type Rehearsal = z.infer<typeof rehearsalSchema>;

export const encodeRehearsal = (modelId: string, rows: WordedRows): Rehearsal => ({
  format: 'aspen-rehearsal@3',
  modelId,
  ...encodeInt8Rows(rows.features),
  words: rows.words.map((w) => [...w]),
});

/** The rows of `json` (validated) as feature vectors. Throws a clear error on a damaged file. */
export function decodeRehearsal(json: unknown): { modelId: string; features: Float32Array[]; words: number[][] } {
  const parsed = rehearsalSchema.safeParse(json);
  if (!parsed.success) throw new Error(`Rehearsal rows are damaged: ${parsed.error.issues[0]?.message ?? 'unreadable'}`);
  try {
    return { modelId: parsed.data.modelId, features: decodeInt8Rows(parsed.data), words: parsed.data.words };
  } catch (error) {
    throw new Error(`Rehearsal rows are damaged: ${error instanceof Error ? error.message : String(error)}`);
  }
}
