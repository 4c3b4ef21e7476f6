import { describe, expect, it } from 'vitest';
import { evaluatePredictions, formatEvaluation } from '../../lib/classify/metrics';
import type { Label } from '../../lib/store/schema';

describe('evaluatePredictions', () => {
  // actual:    rec rec rec con con req oth oth
  // predicted: rec rec con con rec req oth req
  const actual: Label[] = ['recognition', 'recognition', 'recognition', 'constructive', 'constructive', 'request', 'other', 'other'];
  const predicted: Label[] = ['recognition', 'recognition', 'constructive', 'constructive', 'recognition', 'request', 'other', 'request'];
  const report = evaluatePredictions(actual, predicted);
  const of = (label: Label) => report.perLabel.find((m) => m.label === label)!;

  it('computes precision, recall and F1 per label by hand-checked counts', () => {
    // recognition: TP 2, predicted 3, support 3 → P 2/3, R 2/3, F1 2/3
    expect(of('recognition').precision).toBeCloseTo(2 / 3);
    expect(of('recognition').recall).toBeCloseTo(2 / 3);
    expect(of('recognition').f1).toBeCloseTo(2 / 3);
    // constructive: TP 1, predicted 2, support 2 → 0.5 / 0.5 / 0.5
    expect(of('constructive').f1).toBeCloseTo(0.5);
    // request: TP 1, predicted 2, support 1 → P 0.5, R 1, F1 2/3
    expect(of('request').precision).toBeCloseTo(0.5);
    expect(of('request').recall).toBeCloseTo(1);
    expect(of('request').f1).toBeCloseTo(2 / 3);
    // other: TP 1, predicted 1, support 2 → P 1, R 0.5, F1 2/3
    expect(of('other').precision).toBeCloseTo(1);
    expect(of('other').recall).toBeCloseTo(0.5);
    expect(of('coaching')).toMatchObject({ support: 0, precision: 0, recall: 0, f1: 0 });
  });

  it('averages F1 over the labels present in the data and counts the confusion matrix', () => {
    expect(report.macroF1).toBeCloseTo((2 / 3 + 0.5 + 2 / 3 + 2 / 3) / 4);
    expect(report.accuracy).toBeCloseTo(5 / 8);
    // rows actual, columns predicted, LABELS order: recognition, constructive, coaching, request, other
    expect(report.confusion).toEqual([
      [2, 1, 0, 0, 0],
      [1, 1, 0, 0, 0],
      [0, 0, 0, 0, 0],
      [0, 0, 0, 1, 0],
      [0, 0, 0, 1, 1],
    ]);
  });

  it('refuses predictions that do not line up with the labels', () => {
    expect(() => evaluatePredictions(['other'], [])).toThrow();
  });

  it('formats one row per label starting with the label, then a macro-F1 line', () => {
    const lines = formatEvaluation(report).split('\n');
    expect(lines[0]!.split(/\s+/)).toEqual(['label', 'precision', 'recall', 'f1', 'support']);
    expect(lines[1]!.split(/\s+/)).toEqual(['recognition', '0.667', '0.667', '0.667', '3']);
    expect(lines[4]!.split(/\s+/)).toEqual(['request', '0.500', '1.000', '0.667', '1']);
    expect(lines).toContain(`macro-F1 ${report.macroF1.toFixed(3)}`);
    expect(lines.some((l) => l.split(/\s+/).join(' ') === 'other 0 0 0 1 1')).toBe(true);
  });
});
