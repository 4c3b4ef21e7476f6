/**
 * Evaluates the shipped classifier (the same createClassifier + USE lite + head.json the extension runs, in
 * worker threads as the extension runs it in workers) and the keyword baseline on one labelled JSONL file.
 *
 *   npm run eval -- --data FILE.jsonl      rows {"text","label"}; other fields are ignored
 *   npm run eval -- --data FILE.jsonl --adapt K [--seed N]
 *       K rows (seeded, stratified by label) as if the manager had corrected them: the head is refitted on
 *       them the way the extension does it (in a classifier worker), and the other rows are scored before
 *       and after, ending with `adapted macro-F1 0.xxx`.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { keywordClassifier } from '../lib/classify/baseline';
import { createClassifier, type MessageClassifier } from '../lib/classify/classifier';
import { refitOnRows, sampleStratified } from '../lib/classify/learning';
import { formatRowProblems, parseLabelledRows, type LabelledRow } from '../lib/classify/labelled-rows';
import { evaluatePredictions, formatEvaluation } from '../lib/classify/metrics';
import { createNodeClassifier, createNodeTransformersEncoder } from '../lib/classify/node-source';
import { shippedHead } from '../lib/classify/shipped-head';

const { values: args } = parseArgs({ options: { data: { type: 'string' }, adapt: { type: 'string' }, seed: { type: 'string', default: '1' } } });
const adapt = args.adapt === undefined ? undefined : Number(args.adapt);
if (!args.data || (adapt !== undefined && !(Number.isInteger(adapt) && adapt > 0))) {
  console.error('usage: npm run eval -- --data FILE.jsonl [--adapt K (a positive whole number) [--seed N]]');
  process.exit(2);
}

const { rows, problems } = parseLabelledRows(readFileSync(args.data, 'utf8'));
if (problems.length > 0) {
  console.error(`${problems.length} bad row(s); expected {"text": string, "label": one of the five labels}:`);
  console.error(formatRowProblems(args.data, problems));
  process.exit(1);
}
if (rows.length === 0) {
  console.error(`${args.data}: no rows`);
  process.exit(1);
}

async function report(title: string, classifier: MessageClassifier, data: LabelledRow[]): Promise<number> {
  // Throughput is for a loaded, warmed-up classifier; load time is printed on its own.
  await classifier.classify([data[0]!.text]);
  const started = performance.now();
  const predictions = await classifier.classify(data.map((r) => r.text));
  const elapsed = performance.now() - started;
  const evaluation = evaluatePredictions(
    data.map((r) => r.label),
    predictions.map((p) => p.label),
  );
  console.log(`== ${title}: ${classifier.modelId} on ${args.data} (${data.length} rows)`);
  console.log(formatEvaluation(evaluation));
  console.log(`throughput ${((data.length / elapsed) * 1000).toFixed(1)} messages/s (${data.length} messages in ${elapsed.toFixed(0)} ms)`);
  console.log('');
  return evaluation.macroF1;
}

if (adapt !== undefined) {
  if (adapt >= rows.length) {
    console.error(`${args.data}: --adapt ${adapt} leaves no rows to score (the file has ${rows.length})`);
    process.exit(1);
  }
  const { sample, rest } = sampleStratified(rows, adapt, Number(args.seed));
  const encoder = await createNodeTransformersEncoder();
  const shipped = shippedHead();
  console.log(`adapting on ${sample.length} rows (seed ${args.seed}, stratified by label); scoring the other ${rest.length}\n`);
  const before = await report('model before adapting', createClassifier(encoder, shipped), rest);
  const refitStarted = performance.now();
  // As the extension does it: the rows are the manager's examples, in the order they were given.
  const learned = await refitOnRows(encoder, shipped, sample);
  console.log(`refitted in ${(performance.now() - refitStarted).toFixed(0)} ms\n`);
  const after = await report('model after adapting', createClassifier(encoder, learned), rest);
  encoder.close?.();
  await report('keyword baseline', keywordClassifier, rest);
  console.log(`shipped macro-F1 ${before.toFixed(3)}`);
  console.log(`adapted macro-F1 ${after.toFixed(3)}`);
  process.exit(0);
}

const loadStarted = performance.now();
const model = await createNodeClassifier();
console.log(`model loaded in ${(performance.now() - loadStarted).toFixed(0)} ms\n`);
await report('model', model, rows);
model.close?.();
await report('keyword baseline', keywordClassifier, rows);
