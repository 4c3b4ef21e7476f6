import { describe, expect, it } from 'vitest';
import { headLogits, headScores, isUnsure, parseHead, softmax, type HeadLayer } from '../../lib/classify/head';
import {
  adaptHead,
  adaptHeadLayers,
  buildHead,
  chooseRecognitionOffset,
  chooseUnsureThreshold,
  fitTemperature,
  balancedClassWeights,
  predictLabels,
  trainAveragedHead,
  trainHeadLayers,
  withLabelOffset,
  DEFAULT_TRAINING,
  type TrainingSet,
} from '../../lib/classify/train-head';
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
    const head = parseHead(buildHead('test-encoder', trained, fitTemperature(trained.layers, validation), 0.5, { train: 100, validation: 40, validationMacroF1: 1 }));
    const scores = headScores(head, validation.features[0]!, '');
    expect(Object.keys(scores)).toEqual([...LABELS]);
    expect(Object.values(scores).reduce((a, b) => a + b, 0)).toBeCloseTo(1);
    expect(scores.recognition).toBeGreaterThan(0.5);
    expect(head.modelId).toMatch(/^test-encoder\+head-[0-9a-f]{8}$/);

    const retrained = trainHeadLayers(train, validation, { ...DEFAULT_TRAINING, maxEpochs: 40, seed: 7 });
    expect(buildHead('test-encoder', retrained, 1, 0.5, { train: 100, validation: 40, validationMacroF1: 1 }).modelId).not.toBe(head.modelId);
  });

  it('chooses the lowest unsure threshold that makes the confident predictions accurate, within the share it may hold back', () => {
    // Half of label 1 sits inside label 0's cluster, so those predictions are wrong or, mostly, less sure.
    const blurred = (set: TrainingSet): TrainingSet => ({
      features: set.features.map((x, i) => (set.labels[i] === 1 && i % 2 === 0 ? Array.from(x, (v, d) => (d === 0 ? v + 2 : d === 1 ? v - 2 : v)) : x)),
      labels: set.labels,
    });
    const trained = trainHeadLayers(blurred(train), blurred(validation), { ...DEFAULT_TRAINING, maxEpochs: 60 });
    const temperature = fitTemperature(trained.layers, blurred(validation));
    const chosen = chooseUnsureThreshold(trained.layers, temperature, blurred(validation), { confidentAccuracy: 1, maxUnsureShare: 0.5 });
    expect(chosen.threshold).toBeGreaterThan(0);
    expect(chosen.unsureShare).toBeLessThanOrEqual(0.5);
    const lower = chooseUnsureThreshold(trained.layers, temperature, blurred(validation), { confidentAccuracy: 1, maxUnsureShare: 0 });
    expect(lower.threshold).toBeLessThanOrEqual(chosen.threshold);
    expect(lower.unsureShare).toBe(0);

    const head = parseHead(buildHead('e', trained, temperature, 0.6, { train: 1, validation: 1, validationMacroF1: 1 }));
    expect(isUnsure(head, { recognition: 0.55, constructive: 0.45, coaching: 0, request: 0, other: 0 })).toBe(true);
    expect(isUnsure(head, { recognition: 0.65, constructive: 0.35, coaching: 0, request: 0, other: 0 })).toBe(false);
  });

  it('lowers the recognition prior just enough for the precision target, and never below the recall floor', () => {
    // Identity head over five features: each feature is one label's logit.
    const identity: HeadLayer[] = [{ inputs: 5, outputs: 5, weights: Array.from({ length: 25 }, (_, k) => (k % 6 === 0 ? 1 : 0)), bias: [0, 0, 0, 0, 0] }];
    const recognition = LABELS.indexOf('recognition');
    const other = LABELS.indexOf('other');
    // Four clear praise rows, one faint one, and two closing-thanks rows that lean towards recognition.
    const validation: TrainingSet = {
      features: [[1, 0, 0, 0, 0], [1, 0, 0, 0, 0], [1, 0, 0, 0, 0], [1, 0, 0, 0, 0], [0.3, 0, 0, 0, 0.1], [0.8, 0, 0, 0, 0.6], [0.8, 0, 0, 0, 0.6]],
      labels: [recognition, recognition, recognition, recognition, recognition, other, other],
    };
    expect(chooseRecognitionOffset(identity, validation, { precision: 0.5, minRecall: 0 })).toMatchObject({ offset: 0, precision: 5 / 7, recall: 1 });
    // −0.25 turns both closing thanks to other and loses the faint praise: precision 1, recall 0.8.
    expect(chooseRecognitionOffset(identity, validation, { precision: 1, minRecall: 0.75 })).toMatchObject({ offset: -0.25, precision: 1, recall: 0.8 });
    // A recall floor the shift would break leaves the head as trained.
    expect(chooseRecognitionOffset(identity, validation, { precision: 1, minRecall: 0.9 }).offset).toBe(0);
    const shifted = withLabelOffset(identity, recognition, -0.25);
    expect(shifted[0]!.bias).toEqual([-0.25, 0, 0, 0, 0]);
    expect(identity[0]!.bias).toEqual([0, 0, 0, 0, 0]);
  });

  it('refits towards the examples it is given, keeps the rest, and names the refit head after its weights', () => {
    const trained = trainHeadLayers(train, validation, { ...DEFAULT_TRAINING, maxEpochs: 40 });
    const shipped = parseHead(buildHead('e', trained, 1, 0, { train: 100, validation: 40, validationMacroF1: 1 }));
    // The manager's team writes requests in a way the shipped head has not seen (a region of its own).
    const corner = (i: number) => Float32Array.from({ length: 8 }, (_, d) => (d === 5 ? 2 + i * 0.05 : d === 6 ? 1 : 0));
    const [shippedLabel] = predictLabels(shipped.layers, { features: [corner(6)], labels: [0] });
    const taught = (shippedLabel! + 1) % LABELS.length;
    const examples: TrainingSet = { features: [0, 1, 2, 3, 4].map(corner), labels: new Array(5).fill(taught) };
    // Its rehearsal rows: what it was trained on (no words: these messages are vectors alone).
    const noWords = (set: TrainingSet) => ({ ...set, words: set.features.map(() => []) });
    const learned = parseHead(adaptHead(shipped, noWords(examples), noWords(train)));
    expect(predictLabels(learned.layers, { features: [corner(6)], labels: [0] })).toEqual([taught]);
    // Elsewhere, the refit head agrees with the shipped one.
    expect(predictLabels(learned.layers, validation)).toEqual(predictLabels(shipped.layers, validation));
    expect(learned.modelId).toMatch(new RegExp(`^${shipped.modelId.replace('+', '\\+')}\\+learned-[0-9a-f]{8}$`));
    expect(learned.learned).toEqual({ baseModelId: shipped.modelId, examples: 5 });
    expect(parseHead(adaptHead(shipped, noWords(examples), noWords(train))).modelId).toBe(learned.modelId);
  });

  it('keeps the rest of the model by rehearsing the shipped scores: without rehearsal rows or pulls, the same refit forgets', () => {
    const shipped = trainHeadLayers(train, validation, { ...DEFAULT_TRAINING, maxEpochs: 40 }).layers;
    const corner = (i: number) => Float32Array.from({ length: 8 }, (_, d) => (d === 5 ? 2 + i * 0.05 : d === 6 ? 1 : 0));
    const [shippedLabel] = predictLabels(shipped, { features: [corner(6)], labels: [0] });
    const examples: TrainingSet = { features: [0, 1, 2, 3, 4].map(corner), labels: new Array(5).fill((shippedLabel! + 1) % LABELS.length) };
    const free = { anchor: 0, biasAnchor: 0, steps: 100, learningRate: 0.05 };
    const agreement = (layers: HeadLayer[]) => {
      const [before, after] = [predictLabels(shipped, validation), predictLabels(layers, validation)];
      return after.filter((label, i) => label === before[i]).length / after.length;
    };
    const rehearsed = adaptHeadLayers(shipped, examples, 1, { ...free, rehearsalWeight: 1 }, train.features);
    const forgetting = adaptHeadLayers(shipped, examples, 1, { ...free, rehearsalWeight: 0 }, train.features);
    expect(predictLabels(rehearsed, { features: [corner(6)], labels: [0] })).toEqual(examples.labels.slice(0, 1));
    expect(agreement(rehearsed)).toBe(1);
    expect(agreement(forgetting)).toBeLessThan(1);
    // The shipped head's own scores are where rehearsal starts: with no examples against them, nothing moves.
    const agreeing: TrainingSet = { features: validation.features, labels: predictLabels(shipped, validation) };
    const unchanged = adaptHeadLayers(shipped, { features: [], labels: [] }, 1, { ...free, rehearsalWeight: 1 }, train.features);
    expect(unchanged).toEqual(shipped.map((l) => ({ ...l })));
    expect(agreement(adaptHeadLayers(shipped, agreeing, 1, { ...free, rehearsalWeight: 1 }, train.features))).toBe(1);
  });

  it('pulls the biases by their own anchor: held weights with free biases shift only the label priors', () => {
    const shipped = trainHeadLayers(train, validation, { ...DEFAULT_TRAINING, maxEpochs: 20 }).layers;
    const examples: TrainingSet = { features: validation.features.slice(0, 8), labels: new Array(8).fill(2) };
    const options = { anchor: 1e6, steps: 100, learningRate: 0.01, rehearsalWeight: 0 };
    const priorsOnly = adaptHeadLayers(shipped, examples, 1, { ...options, biasAnchor: 0 })[0]!;
    const held = adaptHeadLayers(shipped, examples, 1, { ...options, biasAnchor: 1e6 })[0]!;
    priorsOnly.weights.forEach((w, k) => expect(w).toBeCloseTo(shipped[0]!.weights[k]!, 2));
    expect(priorsOnly.bias[2]! - shipped[0]!.bias[2]!).toBeGreaterThan(0.1);
    held.bias.forEach((b, k) => expect(b).toBeCloseTo(shipped[0]!.bias[k]!, 2));
  });

  it('averages linear heads of several seeds into one head whose logits are the mean of theirs', () => {
    const options = { ...DEFAULT_TRAINING, maxEpochs: 20 };
    const runs = [1, 2, 3].map((seed) => trainHeadLayers(train, validation, { ...options, seed }).layers);
    const averaged = trainAveragedHead(train, validation, options, [1, 2, 3]);
    expect(averaged.layers).toHaveLength(1);
    for (const x of validation.features.slice(0, 5)) {
      const mean = LABELS.map((_, k) => runs.reduce((sum, layers) => sum + headLogits(layers, x)[k]!, 0) / runs.length);
      headLogits(averaged.layers, x).forEach((logit, k) => expect(logit).toBeCloseTo(mean[k]!, 9));
    }
    expect(() => trainAveragedHead(train, validation, { ...options, hidden: 4 }, [1, 2])).toThrow(/linear/);
  });

  it('weighs labels by inverse frequency to a power: 1 balances them, 0 weighs every row alike', () => {
    const labels = [0, 0, 0, 1];
    expect(balancedClassWeights(labels, 2)).toEqual([2 / 3, 2]);
    expect(balancedClassWeights(labels, 2, 0.5)).toEqual([Math.sqrt(2 / 3), Math.sqrt(2)]);
    expect(balancedClassWeights(labels, 2, 0)).toEqual([1, 1]);
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
