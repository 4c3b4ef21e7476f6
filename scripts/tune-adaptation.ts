/**
 * Chooses the manager refit's strength (DEFAULT_ADAPTATION: anchor, steps, learning rate) by simulated
 * adaptation on train and validation only; the test split is never read. Each of the corpus's writers (A, B,
 * C) plays a new team in turn: a head is trained without that writer's rows, then refitted, as the extension
 * refits it, on K of the writer's validation rows (seeded, stratified) and scored on the rest of them, before
 * and after. A team's own way of writing is what the manager's corrections teach, so a writer the head never
 * saw is the closest this data comes to it. Prints the mean gain in macro-F1 of every setting, best first.
 *
 *   npm run tune:adaptation [-- --k 50 --seeds 3]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { LABELS } from '../lib/store/schema';
import { embedMessages } from '../lib/classify/classifier';
import { sampleStratified } from '../lib/classify/learning';
import { formatRowProblems, parseLabelledRows } from '../lib/classify/labelled-rows';
import { createNodeTransformersEncoder } from '../lib/classify/node-source';
import {
  DEFAULT_ADAPTATION,
  DEFAULT_TRAINING,
  adaptHeadLayers,
  macroF1Of,
  trainHeadLayers,
  type AdaptationOptions,
  type TrainingSet,
} from '../lib/classify/train-head';
import { shippedHead } from '../lib/classify/shipped-head';

const { values: args } = parseArgs({ options: { k: { type: 'string', default: '50' }, seeds: { type: 'string', default: '3' } } });
const k = Number(args.k);
const seeds = Number(args.seeds);
const DATA_DIR = new URL('../seeds/labelled', import.meta.url).pathname;

const GRID: AdaptationOptions[] = [0.001, 0.003, 0.01, 0.03, 0.1].flatMap((anchor) =>
  [50, 100, 200].flatMap((steps) => [0.003, 0.01, 0.03].map((learningRate) => ({ anchor, steps, learningRate }))),
);

interface Row {
  text: string;
  label: (typeof LABELS)[number];
  id: string;
  features: Float32Array;
}

const encoder = await createNodeTransformersEncoder();
async function load(split: 'train' | 'validation'): Promise<Row[]> {
  const file = `${DATA_DIR}/${split}.jsonl`;
  const { rows, problems } = parseLabelledRows(readFileSync(file, 'utf8'));
  if (problems.length > 0) throw new Error(`bad rows:\n${formatRowProblems(file, problems)}`);
  const ids = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => String((JSON.parse(l) as { id: string }).id));
  const features = await embedMessages(encoder, rows.map((r) => r.text));
  return rows.map((r, i) => ({ text: r.text, label: r.label, id: ids[i]!, features: features[i]! }));
}
const [train, validation] = [await load('train'), await load('validation')];
encoder.close?.();

const toSet = (rows: readonly Row[]): TrainingSet => ({ features: rows.map((r) => r.features), labels: rows.map((r) => LABELS.indexOf(r.label)) });
/** The L2 `npm run train` chooses on validation for the written corpus; the refit runs at the shipped head's temperature. */
const L2 = 3e-5;
const { temperature } = shippedHead();
const writers = ['A', 'B', 'C'];
const gains = new Map<AdaptationOptions, number[]>(GRID.map((o) => [o, []]));
for (const writer of writers) {
  const ofWriter = (r: Row) => r.id.startsWith(`${writer}-`);
  const base = trainHeadLayers(toSet(train.filter((r) => !ofWriter(r))), toSet(validation.filter((r) => !ofWriter(r))), { ...DEFAULT_TRAINING, l2: L2 }).layers;
  const team = validation.filter(ofWriter);
  for (let seed = 1; seed <= seeds; seed++) {
    const { sample, rest } = sampleStratified(team, k, seed);
    const before = macroF1Of(base, toSet(rest));
    for (const options of GRID) gains.get(options)!.push(macroF1Of(adaptHeadLayers(base, toSet(sample), temperature, options), toSet(rest)) - before);
  }
  console.error(`writer ${writer}: ${team.length} rows, head trained on ${train.filter((r) => !ofWriter(r)).length}`);
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const ranked = [...gains.entries()].map(([options, g]) => ({ options, gain: mean(g), worst: Math.min(...g) })).sort((a, b) => b.gain - a.gain);
console.log(`simulated adaptation with ${k} examples, ${writers.length} writers × ${seeds} seeds: mean macro-F1 gain (worst run)`);
for (const { options, gain, worst } of ranked) {
  const current = JSON.stringify(options) === JSON.stringify(DEFAULT_ADAPTATION) ? '  <- DEFAULT_ADAPTATION' : '';
  console.log(`anchor ${options.anchor}\tsteps ${options.steps}\tlr ${options.learningRate}\t${gain >= 0 ? '+' : ''}${gain.toFixed(4)} (${worst.toFixed(4)})${current}`);
}
