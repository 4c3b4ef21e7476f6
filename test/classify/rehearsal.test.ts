import { describe, expect, it } from 'vitest';
import { decodeRehearsal, encodeRehearsal, REHEARSAL_ROWS } from '../../lib/classify/rehearsal';
import { rehearsalFor } from '../../lib/classify/shipped-rehearsal';
import { shippedHead } from '../../lib/classify/shipped-head';
import { seededRandom } from '../../lib/seeded-random';

describe('rehearsal rows', () => {
  it('round-trip through int8 within half a quantization step', () => {
    const random = seededRandom(3);
    const features = Array.from({ length: 7 }, () => Float32Array.from({ length: 16 }, () => random() * 2 - 1));
    const encoded = encodeRehearsal('m', features);
    const { modelId, features: decoded } = decodeRehearsal(JSON.parse(JSON.stringify(encoded)));
    expect(modelId).toBe('m');
    expect(decoded).toHaveLength(7);
    decoded.forEach((row, r) => row.forEach((v, d) => expect(Math.abs(v - features[r]![d]!)).toBeLessThanOrEqual(encoded.scale / 2 + 1e-7)));
  });

  it('refuse a damaged file with a clear message', () => {
    const encoded = encodeRehearsal('m', [Float32Array.of(0.5, -0.25, 1)]);
    expect(() => decodeRehearsal({ ...encoded, values: encoded.values.slice(0, 2) })).toThrow(/Rehearsal rows are damaged: 1 values are not rows of 3/);
    expect(() => decodeRehearsal({ ...encoded, format: 'x' })).toThrow(/Rehearsal rows are damaged/);
    expect(() => decodeRehearsal({})).toThrow(/Rehearsal rows are damaged/);
  });

  it('ship with the head they were written for: REHEARSAL_ROWS unit-length embeddings, none for any other head', () => {
    const shipped = shippedHead();
    const rows = rehearsalFor(shipped);
    expect(rows).toHaveLength(REHEARSAL_ROWS);
    for (const row of rows) {
      expect(row).toHaveLength(shipped.layers[0]!.inputs);
      expect(Math.hypot(...row)).toBeCloseTo(1, 1);
    }
    expect(rehearsalFor({ modelId: `${shipped.modelId}-other` })).toEqual([]);
  });
});
