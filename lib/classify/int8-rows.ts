import { z } from 'zod';

/**
 * Feature vectors stored as int8 with one scale for all, in base64: a quarter of float32's size, and safe in
 * JSON, IndexedDB and worker messages. The rehearsal rows and a refitted head's remembered examples use it.
 */
export const int8RowsSchema = z
  .object({
    dimensions: z.number().int().positive(),
    /** Each value is its int8 times `scale`. */
    scale: z.number().positive(),
    /** Row-major int8 values, base64. */
    values: z.string(),
  })
  .strict();
export type Int8Rows = z.infer<typeof int8RowsSchema>;

export function encodeInt8Rows(features: readonly ArrayLike<number>[]): Int8Rows {
  const dimensions = features[0]?.length ?? 0;
  if (dimensions === 0 || features.some((f) => f.length !== dimensions)) throw new Error('Rows need one non-empty length');
  let largest = 0;
  for (const f of features) for (let d = 0; d < dimensions; d++) largest = Math.max(largest, Math.abs(f[d]!));
  const scale = (largest || 1) / 127;
  const bytes = new Int8Array(features.length * dimensions);
  features.forEach((f, r) => {
    for (let d = 0; d < dimensions; d++) bytes[r * dimensions + d] = Math.round(f[d]! / scale);
  });
  return { dimensions, scale, values: bytesToBase64(bytes) };
}

/** `bytes` as base64, in chunks (a spread of a whole large array overflows the call stack). */
export function bytesToBase64(bytes: ArrayBufferView): string {
  const view = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let binary = '';
  for (let i = 0; i < view.length; i += 0x8000) binary += String.fromCharCode(...view.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The bytes of base64 `text`; throws on text that is not base64. */
export function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** How many values `rows` holds, without decoding them: base64 carries 3 bytes in every 4 characters. */
export const int8ValueCount = ({ values }: Pick<Int8Rows, 'values'>): number =>
  (values.length / 4) * 3 - (values.endsWith('==') ? 2 : values.endsWith('=') ? 1 : 0);

/** The rows as feature vectors; throws when the values are not whole rows. */
export function decodeInt8Rows({ dimensions, scale, values }: Int8Rows): Float32Array[] {
  const raw = base64ToBytes(values);
  if (raw.length % dimensions !== 0) throw new Error(`${raw.length} values are not rows of ${dimensions}`);
  const bytes = new Int8Array(raw.buffer, raw.byteOffset, raw.length);
  return Array.from({ length: bytes.length / dimensions }, (_, r) => Float32Array.from(bytes.subarray(r * dimensions, (r + 1) * dimensions), (v) => v * scale));
}
