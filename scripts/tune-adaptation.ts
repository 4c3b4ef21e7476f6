/**
 * Chooses the manager refit (DEFAULT_ADAPTATION: how strongly it keeps the shipped head's scores on the
 * rehearsal rows, the pulls on weights and biases, its learning rate) and REHEARSAL_ROWS by simulated
 * adaptation on train and validation only; the test split is never read. Each writer of the corpus (A, B, C, …, from the ids) plays a
 * new team, in two regimes:
 *   - unseen writer: the head is trained as `npm run train` trains it on every other writer (a small shift:
 *     the team writes in a voice the head has not seen, about things it has);
 *   - one writer's head: the head is trained on one other writer alone (a large shift, like the gap between
 *     the templates Aspen once learned from and real messages: 0.908 against 0.754).
 * The head is then refitted, as the extension refits it, on K of the team's rows (seeded, stratified; its
 * rehearsal rows drawn from the head's own training rows as `npm run train` draws them) and scored on the
 * team's other rows, before and after. Its heads are layers alone, without the corpus words `npm run train`
 * adds: what it tunes is the refit of the layers.
 *
 * Each regime scores a setting by its mean macro-F1 gain less half the mean loss of the runs that lost (a
 * setting that gains on average but sometimes costs a team dearly scores lower), and settings rank by the worse
 * of their two scores: a refit must help a team far from the corpus without costing one close to it.
 *
 *   npm run tune:adaptation [-- --k 50 --seeds 5 --large-seeds 2 --head-seeds N --writers A,B,…]
 *       --head-seeds: average the first N of HEAD_SEEDS for each head (2 unless given): the heads are much
 *       of the run's time, and the refit's gain moves little with them.
 *       --writers: simulate on these writers' rows alone (every writer unless given). The one-writer regime
 *       grows with the square of the writers: 6 writers took 43 minutes here, 14 would take hours.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { LABELS } from '../lib/store/schema';
import { embedMessages } from '../lib/classify/classifier';
import { chooseRehearsalRows, sampleStratified } from '../lib/classify/learning';
import { formatRowProblems, parseLabelledRows } from '../lib/classify/labelled-rows';
import { createNodeTransformersEncoder } from '../lib/classify/node-source';
import { REHEARSAL_ROWS } from '../lib/classify/rehearsal';
import {
  DEFAULT_ADAPTATION,
  adaptHeadLayers,
  chooseRecognitionOffset,
  fitTemperature,
  HEAD_SEEDS,
  DEFAULT_TRAINING,
  macroF1Of,
  trainAveragedHead,
  withLabelOffset,
  type AdaptationOptions,
  type TrainingSet,
} from '../lib/classify/train-head';
import type { HeadLayer } from '../lib/classify/head';

const { values: args } = parseArgs({
  options: {
    k: { type: 'string', default: '50' },
    seeds: { type: 'string', default: '5' },
    'large-seeds': { type: 'string', default: '2' },
    'head-seeds': { type: 'string', default: '2' },
    writers: { type: 'string' },
  },
});
const k = Number(args.k);
const headSeeds = HEAD_SEEDS.slice(0, Number(args['head-seeds']));
const DATA_DIR = new URL('../seeds/labelled', import.meta.url).pathname;

interface Setting {
  options: AdaptationOptions;
  rehearsalRows: number;
}
const refit = { steps: 100, learningRate: DEFAULT_ADAPTATION.learningRate };
// The refit before rehearsal rows (weight pulls only), then rehearsal at several weights and sizes, then the
// shipped setting at other learning rates.
const GRID: Setting[] = [
  ...[0.03, 0.1, 0.3].map((anchor) => ({ options: { ...refit, anchor, biasAnchor: anchor, rehearsalWeight: 0 }, rehearsalRows: 0 })),
  ...[0.5, 1, 2].flatMap((rehearsalWeight) =>
    [0, 0.01].flatMap((anchor) => [500, 1000].map((rehearsalRows) => ({ options: { ...refit, anchor, biasAnchor: anchor, rehearsalWeight }, rehearsalRows }))),
  ),
  ...[0.01, 0.02].map((learningRate) => ({ options: { ...DEFAULT_ADAPTATION, learningRate }, rehearsalRows: REHEARSAL_ROWS })),
];
// Field by field: the grid's options list their keys in another order than DEFAULT_ADAPTATION does.
const isShipped = (s: Setting) =>
  s.rehearsalRows === REHEARSAL_ROWS && (Object.keys(DEFAULT_ADAPTATION) as Array<keyof AdaptationOptions>).every((key) => s.options[key] === DEFAULT_ADAPTATION[key]);
if (!GRID.some(isShipped)) GRID.push({ options: DEFAULT_ADAPTATION, rehearsalRows: REHEARSAL_ROWS });

interface Row {
  label: (typeof LABELS)[number];
  id: string;
  features: Float32Array;
}

const writerOf = (r: Pick<Row, 'id'>) => r.id.split('-')[0]!;
const onlyWriters = args.writers === undefined ? undefined : new Set(args.writers.split(','));

const encoder = await createNodeTransformersEncoder();
/** The split's rows of the chosen writers, embedded (only those: embedding is most of the loading time). */
async function load(split: 'train' | 'validation'): Promise<Row[]> {
  const file = `${DATA_DIR}/${split}.jsonl`;
  const { rows, problems } = parseLabelledRows(readFileSync(file, 'utf8'));
  if (problems.length > 0) throw new Error(`bad rows:\n${formatRowProblems(file, problems)}`);
  const ids = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => String((JSON.parse(l) as { id: string }).id));
  const chosen = rows.map((r, i) => ({ ...r, id: ids[i]! })).filter((r) => !onlyWriters || onlyWriters.has(writerOf(r)));
  const features = await embedMessages(encoder, chosen.map((r) => r.text));
  return chosen.map((r, i) => ({ label: r.label, id: r.id, features: features[i]! }));
}
const [train, validation] = [await load('train'), await load('validation')];
if (train.length === 0) throw new Error(`no training rows of writers ${args.writers}`);
encoder.close?.();

const toSet = (rows: readonly Row[]): TrainingSet => ({ features: rows.map((r) => r.features), labels: rows.map((r) => LABELS.indexOf(r.label)) });
/** The L2 `npm run train` chooses on validation for the written corpus. */
const L2 = 1e-5;
const writers = [...new Set(train.map(writerOf))].sort();

/** A head as `npm run train` makes one, on the rows `trainedOn` picks, and the rehearsal rows it would ship. */
function headFor(trainedOn: (r: Row) => boolean) {
  const [rows, rowsValidation] = [train.filter(trainedOn), toSet(validation.filter(trainedOn))];
  const trained = trainAveragedHead(toSet(rows), rowsValidation, { ...DEFAULT_TRAINING, l2: L2 }, headSeeds);
  const layers = withLabelOffset(trained.layers, LABELS.indexOf('recognition'), chooseRecognitionOffset(trained.layers, rowsValidation).offset);
  const rehearsals = new Map<number, Float32Array[]>();
  const rehearsal = (count: number) => rehearsals.get(count) ?? rehearsals.set(count, chooseRehearsalRows(rows, count).map((r) => r.features)).get(count)!;
  return { layers, temperature: fitTemperature(layers, rowsValidation), rehearsal, rows: rows.length };
}

/** Macro-F1 gains of every setting on `team`, one per seed, for a head from headFor. */
function gainsOn(head: ReturnType<typeof headFor>, team: readonly Row[], seeds: number, into: Map<Setting, number[]>, baseline: number[]) {
  for (let seed = 1; seed <= seeds; seed++) {
    const { sample, rest } = sampleStratified(team, k, seed);
    const [examples, scored] = [toSet(sample), toSet(rest)];
    const before = macroF1Of(head.layers, scored);
    baseline.push(before);
    for (const setting of GRID) {
      const refitted: HeadLayer[] = adaptHeadLayers(head.layers, examples, head.temperature, setting.options, head.rehearsal(setting.rehearsalRows));
      into.get(setting)!.push(macroF1Of(refitted, scored) - before);
    }
  }
}

const regime = (name: string) => ({ name, gains: new Map(GRID.map((s) => [s, [] as number[]])), baseline: [] as number[] });
const regimes = [regime('unseen writer'), regime("one writer's head")];
const ofWriter = (writer: string) => (r: Row) => writerOf(r) === writer;
for (const writer of writers) {
  const team = [...train, ...validation].filter(ofWriter(writer));
  const others = headFor((r) => writerOf(r) !== writer);
  gainsOn(others, team, Number(args.seeds), regimes[0]!.gains, regimes[0]!.baseline);
  console.error(`unseen writer ${writer}: ${team.length} rows, head trained on ${others.rows}`);
}
for (const source of writers) {
  const alone = headFor(ofWriter(source));
  for (const writer of writers.filter((w) => w !== source)) {
    gainsOn(alone, [...train, ...validation].filter(ofWriter(writer)), Number(args['large-seeds']), regimes[1]!.gains, regimes[1]!.baseline);
  }
  console.error(`head of writer ${source} alone (${alone.rows} rows), refitted for each other writer`);
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const spread = (values: number[]) => Math.sqrt(mean(values.map((v) => (v - mean(values)) ** 2)));
/** Mean gain less half the mean loss: every run that loses macro-F1 counts against the setting. */
const score = (values: number[]) => mean(values) - 0.5 * mean(values.map((v) => Math.max(0, -v)));
const sign = (v: number) => `${v >= 0 ? '+' : ''}${v.toFixed(4)}`;
const ranked = GRID.map((setting) => ({ setting, score: Math.min(...regimes.map((r) => score(r.gains.get(setting)!))) })).sort((a, b) => b.score - a.score);
console.log(
  `simulated adaptation with ${k} examples, ${writers.length} writers (${writers.join(', ')}), heads of ${headSeeds.length} seeds; macro-F1 before: ` +
    regimes.map((r) => `${r.name} ${mean(r.baseline).toFixed(3)} (${r.baseline.length} runs)`).join(', ') +
    '. Per setting: score (the worse regime\'s mean gain less half the mean loss); per regime mean gain ± spread, worst run, runs that lost',
);
for (const { setting, score: s } of ranked) {
  const { options, rehearsalRows } = setting;
  const perRegime = regimes.map((r) => {
    const g = r.gains.get(setting)!;
    return `${r.name}: ${sign(mean(g))} ± ${spread(g).toFixed(4)} worst ${sign(Math.min(...g))} lost ${g.filter((v) => v < 0).length}/${g.length}`;
  });
  console.log(
    `rehearsal ${options.rehearsalWeight} × ${rehearsalRows} rows\tanchor ${options.anchor}\tbias anchor ${options.biasAnchor}\tlearning rate ${options.learningRate}\t${sign(s)}\t${perRegime.join('\t')}` +
      (isShipped(setting) ? '  <- DEFAULT_ADAPTATION' : ''),
  );
}
