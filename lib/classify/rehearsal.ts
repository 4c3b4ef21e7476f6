import { z } from 'zod';
import { decodeInt8Rows, encodeInt8Rows, int8RowsSchema } from './int8-rows';

/**
 * Rehearsal rows: embeddings of training-corpus messages shipped beside the head, on which a refit keeps the
 * shipped head's own scores (adaptHeadLayers' rehearsalWeight). Without them a refit can only hold the head
 * still by pulling its weights back, which also holds back what the corrections teach; with them the head
 * learns the manager's examples and keeps its behaviour on every other kind of message.
 *
 * `npm run train` ships REHEARSAL_ROWS rows of train, stratified by label, seeded. 500 rows: 1,000 gained no
 * more in `npm run tune:adaptation` and take twice the refit time (see DEFAULT_ADAPTATION). Stored int8 (one
 * scale for all): 250 KiB, 340 kB as base64, only in the classifier worker's bundle.
 */
export const REHEARSAL_ROWS = 500;

const rehearsalSchema = int8RowsSchema
  .extend({
    format: z.literal('aspen-rehearsal@1'),
    /** The head these rows rehearse: a refit of another head has none. */
    modelId: z.string(),
  })
  .strict();
export type Rehearsal = z.infer<typeof rehearsalSchema>;

export const encodeRehearsal = (modelId: string, features: readonly ArrayLike<number>[]): Rehearsal => ({
  format: 'aspen-rehearsal@1',
  modelId,
  ...encodeInt8Rows(features),
});

/** The rows of `json` (validated) as feature vectors. Throws a clear error on a damaged file. */
export function decodeRehearsal(json: unknown): { modelId: string; features: Float32Array[] } {
  const parsed = rehearsalSchema.safeParse(json);
  if (!parsed.success) throw new Error(`Rehearsal rows are damaged: ${parsed.error.issues[0]?.message ?? 'unreadable'}`);
  try {
    return { modelId: parsed.data.modelId, features: decodeInt8Rows(parsed.data) };
  } catch (error) {
    throw new Error(`Rehearsal rows are damaged: ${error instanceof Error ? error.message : String(error)}`);
  }
}
