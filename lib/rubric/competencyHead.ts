import { z } from 'zod';
import { seededRandom } from '../seeded-random';
import { trackSchema } from '../store/schema';

/**
 * A small softmax classifier over sentence embeddings that says which competency of a track a piece of
 * evidence is about, or "none of these". Trained by `npm run train:rubric` on the project's labelled pairs
 * (lib/rubric/exemplars.json) and the rubric's own behaviour phrases; the threshold below which it stays
 * silent is chosen by cross-validation on those pairs, never on the held-out test part.
 */

/** The class for evidence that is about none of the track's competencies. */
export const NONE_CLASS = 'none';

export const labelledPairSchema = z.object({
  text: z.string().trim().min(1),
  track: trackSchema,
  /** The competency id the evidence is about, or null for "none of these". */
  competency: z.string().min(1).nullable(),
});
export type LabelledPair = z.infer<typeof labelledPairSchema>;
export const labelledPairsSchema = z.array(labelledPairSchema).min(1);

const trackHeadSchema = z
  .object({
    /** Competency ids, and NONE_CLASS, in the order of the weight rows. */
    classes: z.array(z.string().min(1)).min(2),
    inputs: z.number().int().positive(),
    /** classes.length × inputs, row-major. */
    weights: z.array(z.number()),
    bias: z.array(z.number()),
    /** Below this probability the head stays silent (the evidence goes to "Other evidence"). */
    threshold: z.number().min(0).max(1),
    /** What the threshold was chosen on: cross-validated tuning pairs, as printed by `npm run eval:rubric`. */
    tuning: z.object({ precision: z.number(), coverage: z.number(), recall: z.number(), answered: z.number(), withCompetency: z.number() }),
  })
  .refine((h) => h.weights.length === h.classes.length * h.inputs && h.bias.length === h.classes.length, {
    message: 'weights must be classes × inputs and bias one per class',
  });
export type TrackHead = z.infer<typeof trackHeadSchema>;

export const competencyHeadSchema = z.object({
  version: z.literal(1),
  encoder: z.string().min(1),
  tracks: z.object({ ic: trackHeadSchema, manager: trackHeadSchema }),
});
export type CompetencyHead = z.infer<typeof competencyHeadSchema>;

export interface HeadPrediction {
  /** A competency id, or NONE_CLASS. */
  id: string;
  probability: number;
}

/** Class probabilities, best first. */
export function predictCompetency(head: TrackWeights, vector: ArrayLike<number>): HeadPrediction[] {
  const { classes, inputs, weights, bias } = head;
  const logits = classes.map((_, k) => {
    let sum = bias[k];
    for (let d = 0; d < inputs; d++) sum += weights[k * inputs + d] * vector[d];
    return sum;
  });
  const max = Math.max(...logits);
  const exps = logits.map((l) => Math.exp(l - max));
  const total = exps.reduce((a, b) => a + b, 0);
  return classes.map((id, k) => ({ id, probability: exps[k] / total })).sort((a, b) => b.probability - a.probability);
}

export interface HeadTraining {
  l2: number;
  learningRate: number;
  epochs: number;
}

/** Chosen by cross-validation on the tuning pairs (README, "Mapping evidence to the rubric"). */
export const HEAD_TRAINING: HeadTraining = { l2: 1e-3, learningRate: 4, epochs: 300 };

export interface TrainingExample {
  vector: ArrayLike<number>;
  /** A competency id, or NONE_CLASS. */
  label: string;
}

/**
 * Full-batch gradient descent on class-balanced cross-entropy with L2: a few hundred examples of 512
 * numbers train in about a second, and the same inputs always give the same weights.
 */
export type TrackWeights = Pick<TrackHead, 'classes' | 'inputs' | 'weights' | 'bias'>;

export function trainTrackHead(examples: readonly TrainingExample[], classes: readonly string[], options: HeadTraining = HEAD_TRAINING): TrackWeights {
  const inputs = examples[0].vector.length;
  const k = classes.length;
  const weights = new Float64Array(k * inputs);
  const bias = new Float64Array(k);
  const labels = examples.map((e) => classes.indexOf(e.label));
  if (labels.some((l) => l < 0)) throw new Error('Every training label must be one of the classes');
  const counts = classes.map((_, c) => labels.filter((l) => l === c).length);
  const classWeight = counts.map((c) => (c === 0 ? 0 : examples.length / (k * c)));
  const head = { classes: [...classes], inputs, weights: weights as unknown as number[], bias: bias as unknown as number[] };
  const gradWeights = new Float64Array(k * inputs);
  const gradBias = new Float64Array(k);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    gradWeights.fill(0);
    gradBias.fill(0);
    examples.forEach(({ vector }, n) => {
      const probabilities = predictCompetency(head, vector);
      for (const { id, probability } of probabilities) {
        const c = classes.indexOf(id);
        const g = classWeight[labels[n]] * (probability - (c === labels[n] ? 1 : 0));
        gradBias[c] += g;
        for (let d = 0; d < inputs; d++) gradWeights[c * inputs + d] += g * vector[d];
      }
    });
    for (let i = 0; i < weights.length; i++) weights[i] -= options.learningRate * (gradWeights[i] / examples.length + options.l2 * weights[i]);
    for (let c = 0; c < k; c++) bias[c] -= (options.learningRate * gradBias[c]) / examples.length;
  }
  return { classes: [...classes], inputs, weights: Array.from(weights), bias: Array.from(bias) };
}

/** One scored answer on a labelled pair: what the head said, how sure, and the truth. */
export interface ScoredAnswer {
  predicted: string;
  probability: number;
  /** The labelled competency, or NONE_CLASS. */
  gold: string;
}

export interface MappingQuality {
  threshold: number;
  /** Correct among the pieces filed under a competency. */
  precision: number;
  /** Pieces filed under any competency, over the pieces that have one. */
  coverage: number;
  /** Pieces filed under their right competency, over the pieces that have one. */
  recall: number;
  answered: number;
  withCompetency: number;
}

export function mappingQuality(answers: readonly ScoredAnswer[], threshold: number): MappingQuality {
  const filed = answers.filter((a) => a.predicted !== NONE_CLASS && a.probability >= threshold);
  const correct = filed.filter((a) => a.predicted === a.gold).length;
  const withCompetency = answers.filter((a) => a.gold !== NONE_CLASS).length;
  return {
    threshold,
    precision: filed.length === 0 ? 1 : correct / filed.length,
    coverage: withCompetency === 0 ? 0 : filed.length / withCompetency,
    recall: withCompetency === 0 ? 0 : correct / withCompetency,
    answered: filed.length,
    withCompetency,
  };
}

export const THRESHOLD_CHOICE = {
  /** The precision the mapping must reach on cross-validated tuning pairs. */
  targetPrecision: 0.8,
  /** A threshold that files fewer pieces than this has no precision worth trusting. */
  minAnswered: 10,
  candidates: Array.from({ length: 15 }, (_, i) => Math.round((0.25 + i * 0.05) * 100) / 100),
} as const;

/**
 * The lowest candidate threshold whose precision reaches the target (most coverage at that precision); when
 * none does, the one with the best precision, so the mapping errs towards silence.
 */
export function chooseThreshold(answers: readonly ScoredAnswer[], choice = THRESHOLD_CHOICE): MappingQuality {
  const qualities = choice.candidates.map((t) => mappingQuality(answers, t)).filter((q) => q.answered >= choice.minAnswered);
  if (qualities.length === 0) return mappingQuality(answers, choice.candidates[choice.candidates.length - 1]);
  return qualities.find((q) => q.precision >= choice.targetPrecision) ?? qualities.reduce((a, b) => (b.precision > a.precision ? b : a));
}

/** Splits indices into `folds` groups at random (seeded), for cross-validation. */
export function foldsOf(count: number, folds: number, seed = 1): number[] {
  const random = seededRandom(seed);
  const order = Array.from({ length: count }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const fold = new Array<number>(count);
  order.forEach((index, position) => (fold[index] = position % folds));
  return fold;
}

