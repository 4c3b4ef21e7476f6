import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLabelledRows } from '../../lib/classify/labelled-rows';
import { chooseRehearsalRows } from '../../lib/classify/learning';
import { decodeRehearsal, encodeRehearsal, REHEARSAL_ROWS } from '../../lib/classify/rehearsal';
import { rehearsalFor } from '../../lib/classify/shipped-rehearsal';
import { shippedHead } from '../../lib/classify/shipped-head';
import { messageWords } from '../../lib/classify/message-words';
import { seededRandom } from '../../lib/seeded-random';

describe('rehearsal rows', () => {
  it('round-trip through int8 within half a quantization step', () => {
    const random = seededRandom(3);
    const features = Array.from({ length: 7 }, () => Float32Array.from({ length: 16 }, () => random() * 2 - 1));
    const words = features.map((_, r) => [r, r + 10, 0xffff_ffff - r]);
    const encoded = encodeRehearsal('m', { features, words });
    const { modelId, features: decoded, words: decodedWords } = decodeRehearsal(JSON.parse(JSON.stringify(encoded)));
    expect(modelId).toBe('m');
    expect(decoded).toHaveLength(7);
    expect(decodedWords).toEqual(words);
    decoded.forEach((row, r) => row.forEach((v, d) => expect(Math.abs(v - features[r]![d]!)).toBeLessThanOrEqual(encoded.scale / 2 + 1e-7)));
  });

  it('refuse a damaged file with a clear message', () => {
    const encoded = encodeRehearsal('m', { features: [Float32Array.of(0.5, -0.25, 1)], words: [[3]] });
    expect(() => decodeRehearsal({ ...encoded, values: encoded.values.slice(0, 2) })).toThrow(/Rehearsal rows are damaged: 1 values are not rows of 3/);
    expect(() => decodeRehearsal({ ...encoded, words: [[3], [4]] })).toThrow(/Rehearsal rows are damaged: one list of words per row/);
    expect(() => decodeRehearsal({ ...encoded, words: [[2 ** 32]] })).toThrow(/Rehearsal rows are damaged/);
    expect(() => decodeRehearsal({ ...encoded, format: 'aspen-rehearsal@2' })).toThrow(/Rehearsal rows are damaged/);
    expect(() => decodeRehearsal({ ...encoded, format: 'x' })).toThrow(/Rehearsal rows are damaged/);
    expect(() => decodeRehearsal({})).toThrow(/Rehearsal rows are damaged/);
  });

  it('ship with the head they were written for: REHEARSAL_ROWS unit-length embeddings, none for any other head', () => {
    const shipped = shippedHead();
    const { features } = rehearsalFor(shipped);
    expect(features).toHaveLength(REHEARSAL_ROWS);
    for (const row of features) {
      expect(row).toHaveLength(shipped.layers[0]!.inputs);
      expect(Math.hypot(...row)).toBeCloseTo(1, 1);
    }
    expect(rehearsalFor({ modelId: `${shipped.modelId}-other` })).toEqual({ features: [], words: [] });
  });

  it('carry the words of the training rows npm run train chose, in its order', () => {
    const { rows } = parseLabelledRows(readFileSync(new URL('../../seeds/labelled/train.jsonl', import.meta.url), 'utf8'));
    const chosen = new Set(chooseRehearsalRows(rows));
    expect(rehearsalFor(shippedHead()).words).toEqual(rows.filter((row) => chosen.has(row)).map((row) => messageWords(row.text)));
  });
});
