/*
 * Store benchmarks: 50,000 messages ingested as the content script sends them, then a person's timeline and
 * the team view read back. Runs in Node on fake-indexeddb (a pure-JS IndexedDB), which is far slower than a
 * browser's, so these numbers are an upper bound for the extension. Run alone: npx tsx scripts/bench/store.ts
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { pathToFileURL } from 'node:url';
import type { CapturedMessage } from '../../lib/slack/types';
import {
  completeQueueItems,
  evidenceAll,
  evidenceFor,
  ingestCapturedBatch,
  LABELS,
  messageKey,
  openAspenDb,
  type Classification,
} from '../../lib/store';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  bar?: number;
  ok?: boolean;
}

const MESSAGES = 50_000;
const BATCH = 200;
const PEOPLE = 60;
const CHANNELS = 25;
const START = Date.UTC(2025, 0, 1);
const SPAN_MS = 365 * 24 * 3600 * 1000;

/** A small deterministic generator, so every run measures the same workspace. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

function workspace(): CapturedMessage[] {
  const next = random(42);
  const pick = (n: number) => Math.floor(next() * n);
  const messages: CapturedMessage[] = [];
  for (let i = 0; i < MESSAGES; i += 1) {
    const sentAt = START + Math.floor((i / MESSAGES) * SPAN_MS);
    const ts = `${Math.floor(sentAt / 1000)}.${String(i % 1_000_000).padStart(6, '0')}`;
    const channel = pick(CHANNELS);
    const author = pick(PEOPLE);
    const mentioned = next() < 0.3 ? [pick(PEOPLE)] : [];
    const parent = i > 10 && next() < 0.2 ? messages[i - 1 - pick(10)] : undefined;
    messages.push({
      teamId: 'T0BENCH',
      channelId: parent?.channelId ?? `C${channel}`,
      channelName: `channel-${channel}`,
      ts,
      permalink: `https://bench.slack.com/archives/C${channel}/p${ts.replace('.', '')}`,
      authorId: `U${author}`,
      authorName: `Person ${author}`,
      authorInferred: next() < 0.1,
      text: `Message ${i} about the launch plan and the review cycle`,
      mentions: mentioned.map((id) => ({ id: `U${id}`, label: `Person ${id}` })),
      threadTs: parent ? parent.ts : null,
      replyCount: 0,
      reactions: next() < 0.2 ? [{ emoji: 'tada', count: 1 + pick(5) }] : [],
      edited: false,
      inThread: parent !== undefined,
    });
  }
  return messages;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};
async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}
const round = (ms: number) => Math.round(ms * 10) / 10;

export async function benchStore(): Promise<BenchResult[]> {
  const db = await openAspenDb('aspen-bench', new IDBFactory());
  const messages = workspace();
  const results: BenchResult[] = [];

  const batches: CapturedMessage[][] = [];
  for (let i = 0; i < messages.length; i += BATCH) batches.push(messages.slice(i, i + BATCH));
  const ingestMs = await timed(async () => {
    for (const batch of batches) await ingestCapturedBatch(db, batch, START + SPAN_MS);
  });
  results.push({ name: 'store.ingest50k.node-fake-idb', value: Math.round(ingestMs), unit: 'ms', bar: 10_000, ok: ingestMs <= 10_000 });

  // Scrolling back over captured rows: every message already stored and unchanged.
  const rerenders: number[] = [];
  for (const batch of batches.slice(0, 25)) rerenders.push(await timed(() => ingestCapturedBatch(db, batch, START + SPAN_MS + 1)));
  results.push({ name: 'store.reingestUnchangedBatch200.node-fake-idb', value: round(median(rerenders)), unit: 'ms' });

  const next = random(7);
  const classifications: Classification[] = messages.map((m) => {
    const label = LABELS[Math.floor(next() * LABELS.length)]!;
    const scores = Object.fromEntries(LABELS.map((l) => [l, l === label ? 0.8 : 0.05])) as Classification['scores'];
    return { key: messageKey(m), label, scores, subjects: m.mentions.map((x) => x.id), modelId: 'bench', classifiedAt: START };
  });
  for (let i = 0; i < classifications.length; i += 5_000) await completeQueueItems(db, classifications.slice(i, i + 5_000));

  const year = { from: START, to: START + SPAN_MS };
  let timelineSize = 0;
  const timeline: number[] = [];
  for (let run = 0; run < 7; run += 1) {
    timeline.push(await timed(async () => {
      timelineSize = (await evidenceFor(db, `U${run % PEOPLE}`, year)).length;
    }));
  }
  results.push({ name: 'store.personTimeline50k.node-fake-idb', value: round(median(timeline)), unit: 'ms', bar: 100, ok: median(timeline) <= 100 });
  results.push({ name: 'store.personTimeline50k.items', value: timelineSize, unit: 'items' });

  const quarter = { from: START + SPAN_MS - SPAN_MS / 4, to: START + SPAN_MS };
  const team: number[] = [];
  for (let run = 0; run < 3; run += 1) team.push(await timed(() => evidenceAll(db, run === 0 ? year : quarter)));
  results.push({ name: 'store.evidenceAllYear50k.node-fake-idb', value: round(team[0]!), unit: 'ms' });
  results.push({ name: 'store.evidenceAllQuarter50k.node-fake-idb', value: round(median(team.slice(1))), unit: 'ms' });

  db.close();
  return results;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const result of await benchStore()) {
    const bar = result.bar === undefined ? '' : `  (bar ${result.bar} ${result.unit}: ${result.ok ? 'ok' : 'over'})`;
    console.log(`${result.name}: ${result.value} ${result.unit}${bar}`);
  }
}
