/**
 * Builds seeds/labelled/train.jsonl and validation.jsonl from the written corpus in seeds/labelled/written/,
 * keeping them clear of the held-out files (test, clear examples, hard cases), then prints counts and the
 * overlap check. The check names test rows by id only: nobody tuning the model should read them.
 *
 *   tsx scripts/labelled-data.ts                         split written/ into train and validation
 *   tsx scripts/labelled-data.ts --import-written DIR    copy DIR/*.jsonl into written/ (with ids), then split
 *   tsx scripts/labelled-data.ts --import-test FILE      copy FILE into test.jsonl (with ids), then split
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { LABELS } from '../lib/store/schema';
import { formatRowProblems, parseLabelledRows } from '../lib/classify/labelled-rows';
import {
  LABELLED_DIR,
  NEAR_DUPLICATE_CONTAINMENT,
  NEAR_DUPLICATE_JACCARD,
  closestCrossSplitPair,
  countByLabel,
  crossSplitPairs,
  findCrossSplitOverlaps,
  loadHeldOutExtras,
  loadLabelledSplit,
  loadWrittenCorpus,
  toJsonl,
  WRITTEN_DIR,
  type LabelledExample,
} from '../seeds/labelled/dataset';
import { splitWritten } from '../seeds/labelled/split';

const { values: args } = parseArgs({ options: { 'import-written': { type: 'string' }, 'import-test': { type: 'string' } } });

/** Rows of a writer's file with ids `${prefix}-0001`…; every bad line is reported and nothing is written. */
function withIds(file: string, prefix: string): LabelledExample[] {
  const { rows, problems } = parseLabelledRows(readFileSync(file, 'utf8'));
  if (problems.length > 0) throw new Error(`bad rows:\n${formatRowProblems(file, problems)}`);
  return rows.filter((r) => r.text.trim().length > 0).map((r, i) => ({ text: r.text, label: r.label, id: `${prefix}-${String(i + 1).padStart(4, '0')}` }));
}

if (args['import-written']) {
  const dir = args['import-written'];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort()) {
    const name = basename(file, '.jsonl');
    writeFileSync(`${WRITTEN_DIR}/${name}.jsonl`, toJsonl(withIds(`${dir}/${file}`, name)));
  }
}
if (args['import-test']) writeFileSync(`${LABELLED_DIR}/test.jsonl`, toJsonl(withIds(args['import-test'], 'test')));

const written = loadWrittenCorpus();
const test = loadLabelledSplit('test');
const extras = loadHeldOutExtras();
const { train, validation, dropped } = splitWritten(written, [...test, ...extras]);
// The split is stable (see splitWritten): say how many rows already split changed side, and so why.
const sideBefore = new Map<string, string>();
for (const split of ['train', 'validation'] as const) {
  if (existsSync(`${LABELLED_DIR}/${split}.jsonl`)) for (const e of loadLabelledSplit(split)) sideBefore.set(e.id, split);
}
const moved = [...train.map((e) => [e.id, 'train']), ...validation.map((e) => [e.id, 'validation'])].filter(
  ([id, split]) => sideBefore.has(id!) && sideBefore.get(id!) !== split,
);
writeFileSync(`${LABELLED_DIR}/train.jsonl`, toJsonl(train));
writeFileSync(`${LABELLED_DIR}/validation.jsonl`, toJsonl(validation));

const splits: [string, LabelledExample[]][] = [
  ['written', written],
  ['train', train],
  ['validation', validation],
  ['test', test],
  ['clear + hard cases', extras],
];
console.log(['split', ...LABELS, 'total'].join('\t'));
for (const [name, rows] of splits) {
  const counts = countByLabel(rows);
  console.log([name, ...LABELS.map((l) => counts[l]), rows.length].join('\t'));
}
const reasons = new Map<string, number>();
for (const { reason } of dropped) {
  const kind = reason.replace(/ \S+$/, '');
  reasons.set(kind, (reasons.get(kind) ?? 0) + 1);
}
const shown = moved.slice(0, 20).map(([id]) => id);
console.log(`${moved.length} rows already in train or validation changed side${shown.length > 0 ? `: ${shown.join(', ')}${moved.length > shown.length ? ', …' : ''}` : ''}`);
console.log(`dropped ${dropped.length} written rows: ${[...reasons].map(([r, n]) => `${n} ${r}`).join(', ') || 'none'}`);

console.log(
  `\nnear-duplicate: after normalisation, Jaccard >= ${NEAR_DUPLICATE_JACCARD} over words and word pairs, ` +
    `or >= ${NEAR_DUPLICATE_CONTAINMENT} of a 3+ word text found inside another`,
);
let failed = false;
for (const [name, a, b] of crossSplitPairs(train, validation, test, extras)) {
  const overlaps = findCrossSplitOverlaps(a, b);
  failed ||= overlaps.length > 0;
  const closest = closestCrossSplitPair(a, b);
  // Test rows are named by id only.
  const show = (e: LabelledExample) => (e.id.startsWith('test-') ? e.id : `${e.id} "${e.text}"`);
  console.log(`${name}: ${overlaps.length} near-duplicates; closest pair Jaccard ${closest?.jaccard.toFixed(2) ?? '-'}`);
  if (closest) console.log(`  closest: ${show(closest.a)}  ~  ${show(closest.b)}`);
  for (const o of overlaps) console.log(`  ${o.jaccard.toFixed(2)}/${o.containment.toFixed(2)}  ${show(o.a)}  ~  ${show(o.b)}`);
}
if (failed) process.exitCode = 1;
