/*
 * Store benchmarks in Node: 50,000 messages ingested as the content script sends them, then a person's
 * timeline and the team view read back, on fake-indexeddb (a pure-JS IndexedDB in memory). Not a bound for
 * the extension: Chromium's IndexedDB writes to disk through another process; panel.ts measures it there.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import type { CapturedMessage } from '../../lib/slack/types';
import { completeQueueItems, evidenceAll, evidenceFor, ingestCapturedBatch, openAspenDb } from '../../lib/store';
import { personSignals } from '../../lib/signals';
import { median, round1, timed, type BenchRow } from './figures';
import { BENCH_PEOPLE, benchClassifications, benchMessages, benchPersonId, YEAR_MS } from './workspace';

const MESSAGES = 50_000;
const BATCH = 200;
/** A fixed year, so that Node runs compare across days. */
const START = Date.UTC(2025, 0, 1);
const END = START + YEAR_MS;

export async function benchStore(): Promise<BenchRow[]> {
  const db = await openAspenDb('aspen-bench', new IDBFactory());
  const messages = benchMessages(MESSAGES, END);
  const results: BenchRow[] = [];

  const batches: CapturedMessage[][] = [];
  for (let i = 0; i < messages.length; i += BATCH) batches.push(messages.slice(i, i + BATCH));
  const ingestMs = await timed(async () => {
    for (const batch of batches) await ingestCapturedBatch(db, batch, END);
  });
  results.push({ name: 'store.ingest50k.node-fake-idb', value: Math.round(ingestMs), unit: 'ms' });

  // Scrolling back over captured rows: every message already stored and unchanged.
  const rerenders: number[] = [];
  for (const batch of batches.slice(0, 25)) rerenders.push(await timed(() => ingestCapturedBatch(db, batch, END + 1)));
  results.push({ name: 'store.reingestUnchangedBatch200.node-fake-idb', value: round1(median(rerenders)), unit: 'ms' });

  const classifications = benchClassifications(messages, 'bench', START);
  for (let i = 0; i < classifications.length; i += 5_000) await completeQueueItems(db, classifications.slice(i, i + 5_000));

  const year = { from: START, to: END };
  let timelineSize = 0;
  const timeline: number[] = [];
  for (let run = 0; run < 7; run += 1) {
    const personId = benchPersonId(run % BENCH_PEOPLE);
    timeline.push(await timed(async () => {
      const items = await evidenceFor(db, personId, year);
      personSignals(personId, items, { ...year, now: END });
      timelineSize = items.length;
    }));
  }
  results.push({ name: 'store.personTimelineSignals50k.node-fake-idb', value: round1(median(timeline)), unit: 'ms' });
  results.push({ name: 'store.personTimeline50k.node-fake-idb.items', value: timelineSize, unit: 'items' });

  const quarter = { from: END - YEAR_MS / 4, to: END };
  const team: number[] = [];
  for (let run = 0; run < 3; run += 1) team.push(await timed(() => evidenceAll(db, run === 0 ? year : quarter)));
  results.push({ name: 'store.evidenceAllYear50k.node-fake-idb', value: round1(team[0]!), unit: 'ms' });
  results.push({ name: 'store.evidenceAllQuarter50k.node-fake-idb', value: round1(median(team.slice(1))), unit: 'ms' });

  db.close();
  return results;
}
