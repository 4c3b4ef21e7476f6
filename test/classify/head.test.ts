import { describe, expect, it } from 'vitest';
import { headScores, parseHead, softmax } from '../../lib/classify/head';
import { buildHead, fitTemperature, predictLabels, trainHeadLayers, DEFAULT_TRAINING, type TrainingSet } from '../../lib/classify/train-head';
import { seededRandom } from '../../lib/seeded-random';
import { LABELS } from '../../lib/store/schema';

/** Five well-separated clusters in 8 dimensions, one per label. */
function clusters(perLabel: number, seed: number): TrainingSet {
  const random = seededRandom(seed);
  const set: TrainingSet = { features: [], labels: [] };
  LABELS.forEach((_, label) => {
    for (let i = 0; i < perLabel; i++) {
      set.features.push(Float32Array.from({ length: 8 }, (_, d) => (d === label ? 2 : 0) + (random() - 0.5) * 0.6));
      set.labels.push(label);
    }
  });
  return set;
}

describe('classifier head', () => {
  const train = clusters(20, 1);
  const validation = clusters(8, 2);

  it.each([0, 6])('learns a separable set (hidden units: %i)', (hidden) => {
    const trained = trainHeadLayers(train, validation, { ...DEFAULT_TRAINING, hidden, maxEpochs: 80, learningRate: 0.05 });
    expect(trained.layers).toHaveLength(hidden > 0 ? 2 : 1);
    expect(predictLabels(trained.layers, validation)).toEqual(validation.labels);
  });

  it('builds a head whose scores are probabilities and whose model id follows its weights', () => {
    const trained = trainHeadLayers(train, validation, { ...DEFAULT_TRAINING, maxEpochs: 40 });
    const head = parseHead(buildHead('test-encoder', trained, fitTemperature(trained.layers, validation), { train: 100, validation: 40, validationMacroF1: 1 }));
    const scores = headScores(head, validation.features[0]!);
    expect(Object.keys(scores)).toEqual([...LABELS]);
    expect(Object.values(scores).reduce((a, b) => a + b, 0)).toBeCloseTo(1);
    expect(scores.recognition).toBeGreaterThan(0.5);
    expect(head.modelId).toMatch(/^test-encoder\+head-[0-9a-f]{8}$/);

    const retrained = trainHeadLayers(train, validation, { ...DEFAULT_TRAINING, maxEpochs: 40, seed: 7 });
    expect(buildHead('test-encoder', retrained, 1, { train: 100, validation: 40, validationMacroF1: 1 }).modelId).not.toBe(head.modelId);
  });

  it('rejects a head whose layers do not fit together', () => {
    const layer = { inputs: 2, outputs: 5, weights: new Array(10).fill(0), bias: new Array(5).fill(0) };
    const head = { format: 'aspen-head@1', encoderId: 'e', modelId: 'm', labels: [...LABELS], temperature: 1, training: { train: 1, validation: 1, validationMacroF1: 1, epochs: 1 } };
    expect(() => parseHead({ ...head, layers: [layer] })).not.toThrow();
    expect(() => parseHead({ ...head, layers: [{ ...layer, weights: [0] }] })).toThrow();
    expect(() => parseHead({ ...head, layers: [layer, layer] })).toThrow();
  });

  it('softmax is shift-invariant and sharpens below temperature 1', () => {
    const a = softmax([1, 2, 3]);
    const b = softmax([101, 102, 103]);
    a.forEach((v, i) => expect(v).toBeCloseTo(b[i]!));
    expect(softmax([1, 2, 3], 0.5)[2]!).toBeGreaterThan(a[2]!);
  });
});
