import { z } from 'zod';
import { LABELS, labelSchema, type Label } from '../store/schema';
import { recallRemembered, rememberedSchema } from './remembered';
import { messageWords } from './message-words';
import { addWordLogits, wordWeightsProblem, wordWeightsSchema, type WordWeights } from './word-weights';

/** One dense layer, weights row-major (outputs × inputs). ReLU between layers, softmax after the last. */
const layerSchema = z
  .object({
    inputs: z.number().int().positive(),
    outputs: z.number().int().positive(),
    weights: z.array(z.number()),
    bias: z.array(z.number()),
  })
  .refine((l) => l.weights.length === l.inputs * l.outputs && l.bias.length === l.outputs, 'layer shape mismatch');
export type HeadLayer = z.infer<typeof layerSchema>;

export const headSchema = z
  .object({
    format: z.literal('aspen-head@1'),
    /** Encoder the head was trained on (SentenceEncoder.id). */
    encoderId: z.string(),
    /** Version string stored with every classification: encoder + hash of the head's weights. */
    modelId: z.string(),
    /** Output order of the last layer. */
    labels: z.array(labelSchema).length(LABELS.length),
    layers: z.array(layerSchema).min(1),
    /** Softmax temperature fitted on the validation split. */
    temperature: z.number().positive(),
    /**
     * A prediction whose top score is below this is *unsure*: shown for the manager to confirm or correct, and
     * left out of counts and cues until they do. Chosen on the validation split; heads before it had none.
     */
    unsureBelow: z.number().min(0).max(1).default(0),
    /** Set on a head refitted on the manager's own examples: the shipped head it started from, and how many. */
    learned: z.object({ baseModelId: z.string(), examples: z.number().int().positive() }).optional(),
    /** Set on a refitted head: its examples, which messages that read like them follow (see remembered.ts). */
    remembered: rememberedSchema.optional(),
    /** What each word of the training corpus adds to each label's logit (see word-weights.ts); heads before it had none. */
    corpusWords: wordWeightsSchema.optional(),
    /** Set on a refitted head: what its examples' words add to each label's logit, beside the corpus words. */
    teamWords: wordWeightsSchema.optional(),
    /** What the head was trained and checked on, for the README and the eval report. */
    training: z.object({
      train: z.number().int(),
      validation: z.number().int(),
      validationMacroF1: z.number(),
      epochs: z.number().int(),
    }),
  })
  .refine((h) => h.layers.at(-1)!.outputs === h.labels.length, 'last layer must have one output per label')
  .refine((h) => h.layers.every((l, i) => i === 0 || l.inputs === h.layers[i - 1]!.outputs), 'layers do not chain')
  .refine((h) => !h.remembered || h.remembered.rows.dimensions === h.layers[0]!.inputs, 'remembered examples must have the head’s inputs')
  .superRefine((h, context) => {
    for (const key of ['corpusWords', 'teamWords'] as const) {
      const problem = h[key] && wordWeightsProblem(h[key], h.labels.length);
      if (problem) context.addIssue({ code: 'custom', path: [key], message: `${key === 'corpusWords' ? 'corpus' : 'team'} words: ${problem}` });
    }
  });
export type ClassifierHead = z.infer<typeof headSchema>;

export const parseHead = (json: unknown): ClassifierHead => headSchema.parse(json);

/** Pre-activation outputs of one layer. */
export function denseForward(layer: Pick<HeadLayer, 'inputs' | 'outputs' | 'weights' | 'bias'>, input: ArrayLike<number>): Float64Array {
  const out = new Float64Array(layer.outputs);
  for (let o = 0; o < layer.outputs; o++) {
    let sum = layer.bias[o]!;
    const row = o * layer.inputs;
    for (let i = 0; i < layer.inputs; i++) sum += layer.weights[row + i]! * input[i]!;
    out[o] = sum;
  }
  return out;
}

export function softmax(logits: ArrayLike<number>, temperature = 1): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]! / temperature);
  const out = new Float64Array(logits.length);
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum += out[i] = Math.exp(logits[i]! / temperature - max);
  for (let i = 0; i < out.length; i++) out[i]! /= sum;
  return out;
}

/** Logits of the whole head (before temperature and softmax). */
export function headLogits(layers: readonly HeadLayer[], features: ArrayLike<number>): Float64Array {
  let activation: ArrayLike<number> = features;
  let logits: Float64Array = new Float64Array(0);
  layers.forEach((layer, index) => {
    logits = denseForward(layer, activation);
    if (index < layers.length - 1) activation = logits.map((v) => (v > 0 ? v : 0));
  });
  return logits;
}

/** Whether a prediction's top score is too low to count without the manager's confirmation. */
export const isUnsure = (head: Pick<ClassifierHead, 'unsureBelow'>, scores: Record<Label, number>): boolean =>
  Math.max(...Object.values(scores)) < head.unsureBelow;

/** What a message's logits come from: layers over its embedding, and word weights over its words. */
export interface WordedHead {
  layers: readonly HeadLayer[];
  corpusWords?: WordWeights;
  teamWords?: WordWeights;
}

/** A message's logits: its embedding's through the layers, plus its words' (messageWords) corpus and team words. */
export function messageLogits(head: WordedHead, features: ArrayLike<number>, words: readonly number[]): Float64Array {
  const logits = headLogits(head.layers, features);
  if (head.corpusWords) addWordLogits(head.corpusWords, words, logits);
  if (head.teamWords) addWordLogits(head.teamWords, words, logits);
  return logits;
}

/**
 * Per-label probabilities of the message `text` embedded as `features`, keyed by label: the layers' and the
 * words' logits, and a message that reads like a remembered example of a refitted head leans to its label.
 */
export function headScores(head: ClassifierHead, features: ArrayLike<number>, text: string): Record<Label, number> {
  const logits = messageLogits(head, features, head.corpusWords || head.teamWords ? messageWords(text) : []);
  const probabilities = recallRemembered(head.remembered, head.labels, features, softmax(logits, head.temperature));
  return Object.fromEntries(head.labels.map((label, i) => [label, probabilities[i]!])) as Record<Label, number>;
}
