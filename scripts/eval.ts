/**
 * Evaluates the shipped classifier (the same createClassifier + USE lite + head.json the extension runs, in
 * worker threads as the extension runs it in workers) and the keyword baseline on one labelled JSONL file.
 *
 *   npm run eval -- --data FILE.jsonl      rows {"text","label"}; other fields are ignored
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { keywordClassifier } from '../lib/classify/baseline';
import type { MessageClassifier } from '../lib/classify/classifier';
import { formatRowProblems, parseLabelledRows, type LabelledRow } from '../lib/classify/labelled-rows';
import { evaluatePredictions, formatEvaluation } from '../lib/classify/metrics';
import { createNodeClassifier } from '../lib/classify/node-source';

const { values: args } = parseArgs({ options: { data: { type: 'string' } } });
if (!args.data) {
  console.error('usage: npm run eval -- --data FILE.jsonl');
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

async function report(title: string, classifier: MessageClassifier, data: LabelledRow[]): Promise<void> {
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
}

const loadStarted = performance.now();
const model = await createNodeClassifier();
console.log(`model loaded in ${(performance.now() - loadStarted).toFixed(0)} ms\n`);
await report('model', model, rows);
model.close?.();
await report('keyword baseline', keywordClassifier, rows);
