import { describe, expect, it } from 'vitest';
import { headScores, parseHead, type ClassifierHead } from '../../lib/classify/head';
import { int8ValueCount, encodeInt8Rows } from '../../lib/classify/int8-rows';
import { nearestRemembered, recallRemembered, rememberExamples, REMEMBERED_SIMILARITY } from '../../lib/classify/remembered';
import { LABELS } from '../../lib/store/schema';

/** A unit vector at `angle` radians from the first axis, in the plane of the first two of 4 dimensions. */
const at = (angle: number) => Float32Array.of(Math.cos(angle), Math.sin(angle), 0, 0);
const similarity = (s: number) => at(Math.acos(s));

/** A head that always says `other` at 0.6 (its bias), whatever the features. */
const head = (remembered?: ClassifierHead['remembered']): ClassifierHead =>
  parseHead({
    format: 'aspen-head@1',
    encoderId: 'e',
    modelId: 'e+head',
    labels: LABELS,
    layers: [{ inputs: 4, outputs: 5, weights: new Array(20).fill(0), bias: LABELS.map((l) => (l === 'other' ? Math.log(6) : 0)) }],
    temperature: 1,
    unsureBelow: 0.7,
    remembered,
    training: { train: 1, validation: 1, validationMacroF1: 1, epochs: 1 },
  });

describe("a refitted head's remembered examples", () => {
  const remembered = rememberExamples([at(0), at(Math.PI / 2)], ['request', 'recognition']);

  it('give their label to the same text, lean towards it for a near one, and leave the rest alone', () => {
    const plain = headScores(head(), at(0), '');
    expect(plain.other).toBeCloseTo(0.6, 5);
    const same = headScores(head(remembered), at(0), '');
    expect(same.request).toBeCloseTo(1, 2);
    const near = headScores(head(remembered), similarity(REMEMBERED_SIMILARITY + 0.05), '');
    expect(Object.entries(near).sort((a, b) => b[1] - a[1])[0]![0]).toBe('request');
    expect(near.request).toBeGreaterThan(0.5);
    expect(near.request).toBeLessThan(same.request);
    expect(headScores(head(remembered), similarity(REMEMBERED_SIMILARITY - 0.05), '')).toEqual(plain);
    expect(headScores(head(remembered), at(Math.PI / 4), '')).toEqual(plain);
    // The length of the features does not matter, only their direction.
    expect(nearestRemembered(remembered, Float32Array.of(0, 3, 0, 0))).toEqual({ label: 'recognition', similarity: expect.closeTo(1, 2) });
  });

  it('answer two examples that read the same with the later one', () => {
    const both = rememberExamples([at(0), at(0)], ['coaching', 'constructive']);
    expect(nearestRemembered(both, at(0))?.label).toBe('constructive');
    const scores = recallRemembered(both, LABELS, at(0), Float64Array.from([0.2, 0.2, 0.2, 0.2, 0.2]));
    expect(scores[LABELS.indexOf('constructive')]).toBeCloseTo(1, 2);
  });

  it('are refused when damaged: rows and labels must match, and the rows must have the head’s inputs', () => {
    expect(int8ValueCount(remembered.rows)).toBe(8);
    expect(() => head({ ...remembered, labels: ['request'] })).toThrow(/one row per label/);
    expect(() => head({ labels: ['request'], rows: encodeInt8Rows([Float32Array.of(1, 0, 0)]) })).toThrow(/inputs/);
    expect(() => head({ ...remembered, labels: ['request', 'praise' as never] })).toThrow();
  });
});
