import { z } from 'zod';

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

const rehearsalSchema = z
  .object({
    format: z.literal('aspen-rehearsal@1'),
    /** The head these rows rehearse: a refit of another head has none. */
    modelId: z.string(),
    dimensions: z.number().int().positive(),
    /** Each value is its int8 times `scale`. */
    scale: z.number().positive(),
    /** Row-major int8 values, base64. */
    values: z.string(),
  })
  .strict();
export type Rehearsal = z.infer<typeof rehearsalSchema>;

export function encodeRehearsal(modelId: string, features: readonly ArrayLike<number>[]): Rehearsal {
  const dimensions = features[0]?.length ?? 0;
  if (dimensions === 0 || features.some((f) => f.length !== dimensions)) throw new Error('Rehearsal rows need one non-empty length');
  let largest = 0;
  for (const f of features) for (let d = 0; d < dimensions; d++) largest = Math.max(largest, Math.abs(f[d]!));
  const scale = (largest || 1) / 127;
  const bytes = new Int8Array(features.length * dimensions);
  features.forEach((f, r) => {
    for (let d = 0; d < dimensions; d++) bytes[r * dimensions + d] = Math.round(f[d]! / scale);
  });
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...new Uint8Array(bytes.buffer, i, Math.min(0x8000, bytes.length - i)));
  return { format: 'aspen-rehearsal@1', modelId, dimensions, scale, values: btoa(binary) };
}

/** The rows of `json` (validated) as feature vectors. Throws a clear error on a damaged file. */
export function decodeRehearsal(json: unknown): { modelId: string; features: Float32Array[] } {
  const parsed = rehearsalSchema.safeParse(json);
  if (!parsed.success) throw new Error(`Rehearsal rows are damaged: ${parsed.error.issues[0]?.message ?? 'unreadable'}`);
  const { modelId, dimensions, scale, values } = parsed.data;
  const binary = atob(values);
  if (binary.length % dimensions !== 0) throw new Error(`Rehearsal rows are damaged: ${binary.length} values are not rows of ${dimensions}`);
  const bytes = Int8Array.from(binary, (c) => (c.charCodeAt(0) << 24) >> 24);
  const features = Array.from({ length: bytes.length / dimensions }, (_, r) => Float32Array.from(bytes.subarray(r * dimensions, (r + 1) * dimensions), (v) => v * scale));
  return { modelId, features };
}
