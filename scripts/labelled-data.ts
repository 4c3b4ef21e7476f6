/**
 * Regenerates seeds/labelled/train.jsonl and validation.jsonl from the templates, keeping them clear of
 * the hand-written test split and clear examples, then prints counts and the overlap check.
 * Usage: tsx scripts/labelled-data.ts
 */
import { writeFileSync } from 'node:fs';
import { LABELS } from '../lib/store/schema';
import {
  LABELLED_DIR,
  NEAR_DUPLICATE_CONTAINMENT,
  NEAR_DUPLICATE_JACCARD,
  closestCrossSplitPair,
  countByLabel,
  findCrossSplitOverlaps,
  loadClearExamples,
  loadLabelledSplit,
  toJsonl,
  type LabelledExample,
  crossSplitPairs,
} from '../seeds/labelled/dataset';
import { generateTemplatedSplits } from '../seeds/labelled/generate';

const test = loadLabelledSplit('test');
const clear = loadClearExamples();
const { train, validation, templateUsage } = generateTemplatedSplits([...test, ...clear]);

writeFileSync(`${LABELLED_DIR}/train.jsonl`, toJsonl(train));
writeFileSync(`${LABELLED_DIR}/validation.jsonl`, toJsonl(validation));

const splits: [string, LabelledExample[]][] = [
  ['train', train],
  ['validation', validation],
  ['test', test],
  ['clear-examples', clear],
];
console.log(['split', ...LABELS, 'total'].join('\t'));
for (const [name, rows] of splits) {
  const counts = countByLabel(rows);
  console.log([name, ...LABELS.map((l) => counts[l]), rows.length].join('\t'));
}

for (const [name, rows] of [['train', train], ['validation', validation]] as const) {
  const usage = templateUsage[name];
  const [topId, topCount] = [...usage.entries()].sort((a, b) => b[1] - a[1])[0]!;
  console.log(`${name}: ${usage.size} templates, largest ${topId} = ${topCount} rows (${((100 * topCount) / rows.length).toFixed(1)}%)`);
}

console.log(
  `\nnear-duplicate: after normalisation, Jaccard >= ${NEAR_DUPLICATE_JACCARD} over words and word pairs, ` +
    `or >= ${NEAR_DUPLICATE_CONTAINMENT} of a 3+ word text found inside another`,
);
const pairs = crossSplitPairs(train, validation, test, clear);
let failed = false;
for (const [name, a, b] of pairs) {
  const overlaps = findCrossSplitOverlaps(a, b);
  failed ||= overlaps.length > 0;
  const closest = closestCrossSplitPair(a, b);
  console.log(`${name}: ${overlaps.length} near-duplicates; closest pair Jaccard ${closest?.jaccard.toFixed(2) ?? '-'}`);
  if (closest) console.log(`  closest: "${closest.a.text}"  ~  "${closest.b.text}"`);
  for (const o of overlaps) console.log(`  ${o.jaccard.toFixed(2)}/${o.containment.toFixed(2)}  ${o.a.id} "${o.a.text}"  ~  ${o.b.id} "${o.b.text}"`);
}
if (failed) process.exitCode = 1;
