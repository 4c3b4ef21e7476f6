/**
 * The classifier's quality on the held-out split, and its speed in Node and in Chromium: cold load, median and
 * p95 ms for one message, messages/s in batches, peak memory.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { parseLabelledRows, type LabelledRow } from '../../lib/classify/labelled-rows';
import { MAX_REFIT_EXAMPLES, refitOnRows, sampleStratified } from '../../lib/classify/learning';
import { evaluatePredictions } from '../../lib/classify/metrics';
import { CLASSIFIER_ASSETS, ENCODER_WORKER_PATH, ORT_WEB_ALIAS, TFJS_ASSETS } from '../../lib/classify/model-files';
import { createNodeClassifierPool } from '../../lib/classify/node-pool';
import { createClassifier, embedMessages, type MessageClassifier } from '../../lib/classify/classifier';
import { headScores, type ClassifierHead } from '../../lib/classify/head';
import { fitTeamWords } from '../../lib/classify/fit-word-weights';
import { rememberExamples } from '../../lib/classify/remembered';
import { rehearsalFor } from '../../lib/classify/shipped-rehearsal';
import { messageWords } from '../../lib/classify/message-words';
import { LABELS } from '../../lib/store/schema';
import { createNodeTransformersEncoder } from '../../lib/classify/node-source';
import { shippedHead } from '../../lib/classify/shipped-head';
import { BATCH_SIZE, measureClassifier, type ClassifierFigures } from './classify-measure';
import { median, type BenchRow } from './figures';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The held-out split: hand-written, never trained on. */
const MESSAGES_FILE = `${ROOT}seeds/labelled/test.jsonl`;
const MAX_MESSAGES = 200;

const benchTexts = (file: string): string[] =>
  parseLabelledRows(readFileSync(file, 'utf8'))
    .rows.map((r) => r.text)
    .slice(0, MAX_MESSAGES);

/** Both runtimes: the shipped one (transformers.js) and the TF.js path it replaced, measured in one run. */
interface SideBySide {
  transformers: ClassifierFigures;
  tfjs: ClassifierFigures;
}

/**
 * Rows for the shipped runtime (`…node`, `…chromium`: the figures the bars hold), the TF.js path
 * (`…node-tfjs`) and how many times faster or smaller the shipped one is (`…node-speedup`, TF.js ÷ shipped
 * for times and memory, shipped ÷ TF.js for throughput).
 */
function toRows(where: 'node' | 'chromium', { transformers, tfjs }: SideBySide, memory: string): BenchRow[] {
  const figures = (runtime: ClassifierFigures): Record<string, { value: number; unit: string }> => ({
    coldLoad: { value: runtime.coldLoadMs, unit: 'ms' },
    medianPerMessage: { value: runtime.medianMs, unit: 'ms' },
    p95PerMessage: { value: runtime.p95Ms, unit: 'ms' },
    [`batchesOf${BATCH_SIZE}`]: { value: runtime.batchMessagesPerSecond, unit: 'messages/s' },
    [`peak${memory}`]: { value: runtime.peakMemoryBytes / 2 ** 20, unit: 'MiB' },
    ...(runtime.classifierMemoryBytes === undefined ? {} : { classifierRss: { value: runtime.classifierMemoryBytes / 2 ** 20, unit: 'MiB' } }),
  });
  const shipped = figures(transformers);
  const before = figures(tfjs);
  return Object.entries(shipped).flatMap(([figure, { value, unit }]) => {
    const old = before[figure]!.value;
    const speedup = unit === 'messages/s' ? value / old : old / value;
    return [
      { name: `classify.${figure}.${where}`, value, unit },
      { name: `classify.${figure}.${where}-tfjs`, value: old, unit },
      { name: `classify.${figure}.${where}-speedup`, value: speedup, unit: '×' },
    ];
  });
}

const EXTENSION_PAGE_HEADERS = {
  'content-security-policy': "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'",
  'cross-origin-embedder-policy': 'require-corp',
  'cross-origin-opener-policy': 'same-origin',
};
/** The bench's own worker for the TF.js path (scripts/bench/tfjs-encoder-worker-page.ts). */
const TFJS_ENCODER_WORKER_PATH = '/tfjs-encoder-worker.js';

/** Node built-ins that @energetic-ai/core only touches when it runs in Node. */
const NODE_ONLY = /^(fs|fs\/promises|path|os|perf_hooks|worker_threads|crypto|util|node-fetch)$/;
const emptyNodeModules: Plugin = {
  name: 'empty-node-modules',
  setup(b) {
    b.onResolve({ filter: NODE_ONLY }, (args) => ({ path: args.path, namespace: 'empty' }));
    b.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'module.exports = {};' }));
  },
};

/** Serves the bench page, its bundle and exactly the files the extension ships; anything else is a 404. */
async function serveBenchPage(): Promise<{ server: Server; origin: string; unexpected: string[] }> {
  const bundle = (entry: string, format: 'esm' | 'iife') =>
    build({
      entryPoints: [entry],
      bundle: true,
      format,
      platform: 'browser',
      target: 'es2022',
      write: false,
      plugins: [emptyNodeModules],
      alias: Object.fromEntries(Object.entries(ORT_WEB_ALIAS).map(([name, path]) => [name, ROOT + path])),
      logLevel: 'error',
    });
  const [page, worker, tfjsWorker] = await Promise.all([
    bundle(`${ROOT}scripts/bench/classify-page.ts`, 'esm'),
    bundle(`${ROOT}scripts/bench/encoder-worker-page.ts`, 'iife'),
    bundle(`${ROOT}scripts/bench/tfjs-encoder-worker-page.ts`, 'iife'),
  ]);
  const contentType = (path: string) =>
    path.endsWith('.wasm') ? 'application/wasm' : path.endsWith('.json') ? 'application/json' : path.endsWith('.mjs') ? 'text/javascript' : 'application/octet-stream';
  const files = new Map<string, { body: Buffer | string; type: string }>([
    ['/', { body: '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><script type="module" src="/bench.js"></script>', type: 'text/html' }],
    ['/bench.js', { body: page.outputFiles[0]!.text, type: 'text/javascript' }],
    [ENCODER_WORKER_PATH, { body: worker.outputFiles[0]!.text, type: 'text/javascript' }],
    [TFJS_ENCODER_WORKER_PATH, { body: tfjsWorker.outputFiles[0]!.text, type: 'text/javascript' }],
    ...[...CLASSIFIER_ASSETS, ...TFJS_ASSETS].map((a): [string, { body: Buffer; type: string }] => [
      a.to,
      { body: readFileSync(ROOT + a.from), type: contentType(a.to) },
    ]),
  ]);
  const unexpected: string[] = [];
  const server = createServer((request, response) => {
    const file = files.get(new URL(request.url ?? '/', 'http://localhost').pathname);
    if (!file) {
      unexpected.push(request.url ?? '');
      response.writeHead(404).end();
      return;
    }
    // The CSP of MV3 extension pages, so that anything the extension would refuse (eval, blob workers) fails
    // here too, and the cross-origin isolation Chrome's extension pages get from the manifest.
    response.writeHead(200, { 'content-type': file.type, ...EXTENSION_PAGE_HEADERS }).end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, unexpected };
}

/** VmRSS of a process in bytes, or 0 once it has gone. */
function residentBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, { encoding: 'utf8', flag: 'r' });
  const kib = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
  return kib === undefined ? 0 : Number(kib) * 1024;
}

/**
 * Samples every renderer process's RSS until stopped and returns the largest: the bench page's renderer,
 * which holds the page and its dedicated workers (the model's copies and their wasm heaps).
 */
async function sampleRendererMemory(browser: Browser): Promise<{ stop(): number }> {
  const cdp = await browser.newBrowserCDPSession();
  const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: Array<{ type: string; id: number }> };
  const renderers = processInfo.filter((p) => p.type === 'renderer').map((p) => p.id);
  let peak = 0;
  const sample = () => {
    for (const pid of renderers) {
      try {
        peak = Math.max(peak, residentBytes(pid));
      } catch {
        // The process ended; its last sample stands.
      }
    }
  };
  const timer = setInterval(sample, 50);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}

/**
 * Chromium's figures move by 2× within minutes on the shared 2-core machine (the same build measured 6.4 and
 * 14.6 ms a message an hour apart), so each runtime runs this many times, alternating, and each figure is
 * the median of its runs.
 */
const CHROMIUM_RUNS = 3;

/** Each figure of benchChromium's runs (which always measure the classifier's memory): the median of its runs. */
function medianFigures(runs: readonly ClassifierFigures[]): ClassifierFigures {
  const of = (figure: (f: ClassifierFigures) => number) => median(runs.map(figure));
  return {
    coldLoadMs: of((f) => f.coldLoadMs),
    medianMs: of((f) => f.medianMs),
    p95Ms: of((f) => f.p95Ms),
    batchMessagesPerSecond: of((f) => f.batchMessagesPerSecond),
    peakMemoryBytes: of((f) => f.peakMemoryBytes),
    classifierMemoryBytes: of((f) => f.classifierMemoryBytes!),
  };
}

/** One fresh browser per runtime, so that each renderer's memory is its own. */
async function benchChromium(texts: string[], workerPath: string): Promise<ClassifierFigures> {
  const { server, origin, unexpected } = await serveBenchPage();
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    const offOrigin: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(origin)) offOrigin.push(r.url());
    });
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
    await page.goto(origin);
    await page.waitForFunction(() => typeof window.runClassifierBench === 'function', undefined, { timeout: 30_000 });
    // The page before it starts the classifier: what the renderer holds without the model.
    const beforeClassifier = await sampleRendererMemory(browser);
    const pageOnlyBytes = beforeClassifier.stop();
    const sampler = await sampleRendererMemory(browser);
    const figures = await page.evaluate(([t, path]) => window.runClassifierBench(t, path), [texts, workerPath] as const);
    figures.peakMemoryBytes = sampler.stop();
    figures.classifierMemoryBytes = figures.peakMemoryBytes - pageOnlyBytes;
    const problems = [...offOrigin.map((u) => `request left the page's origin: ${u}`), ...unexpected.map((u) => `unexpected request: ${u}`), ...pageErrors];
    if (problems.length > 0) throw new Error(problems.join('\n'));
    return figures;
  } finally {
    await browser.close();
    server.close();
  }
}

/** `messagesFile`: JSONL rows with a `text` field; the project's test split unless given. */
export async function benchClassify(messagesFile = MESSAGES_FILE): Promise<BenchRow[]> {
  const texts = benchTexts(messagesFile);
  // The shipped runtime first: RSS only grows, so the TF.js path's peak (measured after) is an upper bound.
  const transformers = createNodeTransformersEncoder().then((encoder) => createClassifier(encoder, shippedHead()));
  const nodeTransformers = await measureClassifier(() => transformers, texts, () => process.memoryUsage().rss);
  (await transformers).close?.();
  const pool = createNodeClassifierPool();
  const nodeTfjs = await measureClassifier(() => pool, texts, () => process.memoryUsage().rss);
  (await pool).close?.();
  const runs: SideBySide[] = [];
  for (let run = 0; run < CHROMIUM_RUNS; run++) {
    runs.push({ transformers: await benchChromium(texts, ENCODER_WORKER_PATH), tfjs: await benchChromium(texts, TFJS_ENCODER_WORKER_PATH) });
  }
  const chromium = { transformers: medianFigures(runs.map((r) => r.transformers)), tfjs: medianFigures(runs.map((r) => r.tfjs)) };
  return [...toRows('node', { transformers: nodeTransformers, tfjs: nodeTfjs }, 'Rss'), ...toRows('chromium', chromium, 'RendererRss')];
}

/** `npm run eval -- --data test.jsonl --adapt ADAPT_EXAMPLES` (seed 1): the manager's corrections the gain is measured with. */
const ADAPT_EXAMPLES = 50;

async function reportOn(classifier: MessageClassifier, rows: readonly LabelledRow[]) {
  const predictions = await classifier.classify(rows.map((r) => r.text));
  return evaluatePredictions(
    rows.map((r) => r.label),
    predictions.map((p) => p.label),
  );
}

/**
 * The shipped classifier (Node; the browser runs the same code) on every row of the held-out split, and what
 * ADAPT_EXAMPLES of its rows taken as the manager's corrections do for the rest (eval's --adapt, seed 1).
 */
export async function benchClassifierQuality(): Promise<BenchRow[]> {
  const { rows } = parseLabelledRows(readFileSync(MESSAGES_FILE, 'utf8'));
  const encoder = await createNodeTransformersEncoder();
  const shipped = shippedHead();
  const report = await reportOn(createClassifier(encoder, shipped), rows);
  const { sample, rest } = sampleStratified(rows, ADAPT_EXAMPLES, 1);
  const before = (await reportOn(createClassifier(encoder, shipped), rest)).macroF1;
  const refitStarted = performance.now();
  const refitted = await refitOnRows(encoder, shipped, sample);
  const refitMs = performance.now() - refitStarted;
  const after = (await reportOn(createClassifier(encoder, refitted), rest)).macroF1;
  // What a refitted head with the most examples a refit keeps (remembering them, and their team words) costs each message, beside the shipped head's own scoring.
  const texts = rows.map((r) => r.text);
  const features = await embedMessages(encoder, texts);
  const kept = Array.from({ length: MAX_REFIT_EXAMPLES }, (_, i) => i % features.length);
  const examples = { features: kept.map((i) => features[i]!), labels: kept.map((i) => LABELS.indexOf(rows[i]!.label)), words: kept.map((i) => messageWords(texts[i]!)) };
  const learned: ClassifierHead = {
    ...shipped,
    remembered: rememberExamples(examples.features, kept.map((i) => rows[i]!.label)),
    teamWords: fitTeamWords(shipped, examples, rehearsalFor(shipped), shipped.temperature),
  };
  const scoringMs = (head: ClassifierHead) =>
    median(
      Array.from({ length: 5 }, () => {
        const started = performance.now();
        features.forEach((f, i) => headScores(head, f, texts[i]!));
        return (performance.now() - started) / features.length;
      }),
    );
  const [shippedScoringMs, learnedScoringMs] = [scoringMs(shipped), scoringMs(learned)];
  encoder.close?.();
  return [
    { name: 'quality.macroF1', value: report.macroF1, unit: '' },
    { name: 'quality.recognitionPrecision', value: report.perLabel.find((m) => m.label === 'recognition')!.precision, unit: '' },
    { name: 'quality.recognitionRecall', value: report.perLabel.find((m) => m.label === 'recognition')!.recall, unit: '' },
    { name: 'quality.accuracy', value: report.accuracy, unit: '' },
    { name: 'quality.heldOutRows', value: rows.length, unit: 'rows' },
    { name: `quality.adapt${ADAPT_EXAMPLES}.shippedMacroF1`, value: before, unit: '' },
    { name: `quality.adapt${ADAPT_EXAMPLES}.adaptedMacroF1`, value: after, unit: '' },
    { name: `quality.adapt${ADAPT_EXAMPLES}.gain`, value: after - before, unit: '' },
    // Embedding the examples and the refit with its rehearsal rows, on this thread: what a worker spends on it.
    { name: `quality.adapt${ADAPT_EXAMPLES}.refitMs`, value: refitMs, unit: 'ms' },
    { name: 'quality.headScores.shipped', value: shippedScoringMs, unit: 'ms' },
    { name: `quality.headScores.learned${MAX_REFIT_EXAMPLES}`, value: learnedScoringMs, unit: 'ms' },
  ];
}
