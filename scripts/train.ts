/**
 * Trains the classifier head on seeds/labelled/{train,validation}.jsonl and writes lib/classify/head.json.
 * Model selection (linear vs one hidden layer, L2) and the softmax temperature use the validation split
 * only; the test split is never read here.
 *
 *   npm run train [-- --data-dir DIR] [--out FILE]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { LABELS } from '../lib/store/schema';
import { embedMessages } from '../lib/classify/classifier';
import { createNodeTransformersEncoder } from '../lib/classify/node-source';
import {
  DEFAULT_TRAINING,
  buildHead,
  chooseRecognitionOffset,
  chooseUnsureThreshold,
  fitTemperature,
  macroF1Of,
  trainHeadLayers,
  withLabelOffset,
  type HeadTrainingOptions,
  type TrainingSet,
} from '../lib/classify/train-head';
import { formatRowProblems, parseLabelledRows, type LabelledRow } from '../lib/classify/labelled-rows';

const { values: args } = parseArgs({
  options: {
    'data-dir': { type: 'string', default: new URL('../seeds/labelled', import.meta.url).pathname },
    out: { type: 'string', default: new URL('../lib/classify/head.json', import.meta.url).pathname },
  },
});

// Linear heads only: on the old corpus a linear head beat one hidden layer of 64, and on the written corpus
// too (validation macro-F1 0.892-0.897 against 0.912, one split earlier); L2 is chosen among these on validation
// (0.871 at 1e-4, 0.883 at 3e-5, 0.882 at 1e-5 on the shipped corpus).
const CANDIDATES: Array<Partial<HeadTrainingOptions>> = [
  { hidden: 0, l2: 1e-4 },
  { hidden: 0, l2: 3e-5 },
  { hidden: 0, l2: 1e-5 },
];

// Not node-source: that module loads the shipped head.json, which this script is about to (re)write.
const encoder = await createNodeTransformersEncoder();

function loadSplit(split: 'train' | 'validation'): LabelledRow[] {
  const file = `${args['data-dir']}/${split}.jsonl`;
  const { rows, problems } = parseLabelledRows(readFileSync(file, 'utf8'));
  if (problems.length > 0) throw new Error(`bad rows:\n${formatRowProblems(file, problems)}`);
  return rows;
}

async function toTrainingSet(examples: LabelledRow[]): Promise<TrainingSet> {
  const features = await embedMessages(encoder, examples.map((e) => e.text));
  return { features, labels: examples.map((e) => LABELS.indexOf(e.label)) };
}

const train = loadSplit('train');
const validation = loadSplit('validation');
console.log(`train ${train.length} rows, validation ${validation.length} rows; embedding with ${encoder.id}`);
const [trainSet, validationSet] = [await toTrainingSet(train), await toTrainingSet(validation)];

let best: { f1: number; options: HeadTrainingOptions; trained: ReturnType<typeof trainHeadLayers> } | undefined;
for (const candidate of CANDIDATES) {
  const options = { ...DEFAULT_TRAINING, ...candidate };
  const trained = trainHeadLayers(trainSet, validationSet, options);
  const f1 = macroF1Of(trained.layers, validationSet);
  console.log(`hidden ${options.hidden} l2 ${options.l2}: validation macro-F1 ${f1.toFixed(3)} after ${trained.epochs} epochs`);
  if (!best || f1 > best.f1) best = { f1, options, trained };
}

// The recognition prior is lowered only as far as validation needs for the precision target (see
// chooseRecognitionOffset); temperature and the unsure threshold are then fitted on the shifted head.
const offset = chooseRecognitionOffset(best!.trained.layers, validationSet);
console.log(
  `recognition offset ${offset.offset}: validation recognition precision ${offset.precision.toFixed(3)}, ` +
    `recall ${offset.recall.toFixed(3)}, macro-F1 ${offset.macroF1.toFixed(3)}`,
);
const chosen = { ...best!.trained, layers: withLabelOffset(best!.trained.layers, LABELS.indexOf('recognition'), offset.offset) };
const temperature = fitTemperature(chosen.layers, validationSet);
const unsure = chooseUnsureThreshold(chosen.layers, temperature, validationSet);
console.log(
  `unsure below ${unsure.threshold}: ${(unsure.unsureShare * 100).toFixed(1)}% of validation held back, ` +
    `the rest ${(unsure.confidentAccuracy * 100).toFixed(1)}% right`,
);
const head = buildHead(encoder.id, chosen, temperature, unsure.threshold, {
  train: train.length,
  validation: validation.length,
  validationMacroF1: Number(offset.macroF1.toFixed(4)),
});
writeFileSync(args.out, JSON.stringify(head) + '\n');
console.log(`chose hidden ${best!.options.hidden} l2 ${best!.options.l2}, temperature ${temperature}; wrote ${head.modelId} to ${args.out}`);
