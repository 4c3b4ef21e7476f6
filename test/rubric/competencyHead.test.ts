import { describe, expect, it } from 'vitest';
import { NONE_CLASS, chooseThreshold, foldsOf, mappingQuality, predictCompetency, trainTrackHead, type ScoredAnswer } from '../../lib/rubric/competencyHead';
import { seededRandom } from '../../lib/seeded-random';

const answer = (predicted: string, probability: number, gold: string): ScoredAnswer => ({ predicted, probability, gold });

describe('mappingQuality', () => {
  it('counts wrong competencies and evidence wrongly filed when it has none as errors; "none" answers as silence', () => {
    const answers = [answer('a', 0.9, 'a'), answer('b', 0.8, 'a'), answer('a', 0.7, NONE_CLASS), answer(NONE_CLASS, 0.9, 'b'), answer('b', 0.3, 'b')];
    expect(mappingQuality(answers, 0.5)).toEqual({ threshold: 0.5, precision: 1 / 3, coverage: 3 / 4, recall: 1 / 4, answered: 3, withCompetency: 4 });
    expect(mappingQuality(answers, 0.85)).toMatchObject({ precision: 1, coverage: 1 / 4, recall: 1 / 4 });
  });
});

describe('chooseThreshold', () => {
  // Confident answers are right, hesitant ones mostly wrong: the bar belongs between them.
  const answers = [
    ...Array.from({ length: 12 }, (_, i) => answer('a', 0.7 + i * 0.01, 'a')),
    ...Array.from({ length: 12 }, (_, i) => answer('a', 0.3 + i * 0.01, i % 4 === 0 ? 'a' : 'b')),
  ];

  it('picks the lowest threshold that reaches the precision target, for the most coverage', () => {
    const chosen = chooseThreshold(answers);
    expect(chosen.threshold).toBe(0.4);
    expect(chosen.precision).toBeGreaterThanOrEqual(0.8);
    expect(mappingQuality(answers, 0.35).precision).toBeLessThan(0.8);
  });

  it('falls back to the most precise threshold when none reaches the target', () => {
    const poor = Array.from({ length: 40 }, (_, i) => answer('a', 0.3 + (i % 10) * 0.05, i % 2 === 0 ? 'a' : 'b'));
    const chosen = chooseThreshold(poor);
    expect(chosen.precision).toBeLessThan(0.8);
    for (const t of [0.3, 0.5, 0.7]) expect(chosen.precision).toBeGreaterThanOrEqual(mappingQuality(poor, t).precision);
  });
});

describe('trainTrackHead', () => {
  it('learns to tell clusters apart, and a "none" cluster from both', () => {
    const random = seededRandom(3);
    const around = (centre: number[], label: string) => ({ vector: centre.map((c) => c + (random() - 0.5) * 0.2), label });
    const examples = Array.from({ length: 20 }, () => [around([1, 0, 0], 'a'), around([0, 1, 0], 'b'), around([0, 0, 1], NONE_CLASS)]).flat();
    const head = trainTrackHead(examples, ['a', 'b', NONE_CLASS], { l2: 1e-3, learningRate: 2, epochs: 200 });
    expect(predictCompetency(head, [0.9, 0.1, 0])[0].id).toBe('a');
    expect(predictCompetency(head, [0, 1, 0.1])[0].id).toBe('b');
    expect(predictCompetency(head, [0.1, 0, 0.9])[0].id).toBe(NONE_CLASS);
    const probabilities = predictCompetency(head, [1, 0, 0]).map((p) => p.probability);
    expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1);
    expect(trainTrackHead(examples, ['a', 'b', NONE_CLASS], { l2: 1e-3, learningRate: 2, epochs: 200 })).toEqual(head);
  });
});

describe('foldsOf', () => {
  it('spreads indices evenly over the folds, the same way every time', () => {
    const folds = foldsOf(23, 5);
    expect(folds).toHaveLength(23);
    for (let f = 0; f < 5; f++) expect(folds.filter((x) => x === f).length).toBeGreaterThanOrEqual(4);
    expect(foldsOf(23, 5)).toEqual(folds);
  });
});
