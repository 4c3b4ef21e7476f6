/*
 * Runs inside an extension page (chrome-extension://ID/…), bundled by panel.ts: the store code the extension
 * ships, on the extension's real IndexedDB. Exposes window.aspenBench for page.evaluate.
 */
import { personSignals } from '../../lib/signals';
import { completeQueueItems, evidenceFor, ingestCapturedBatch, openAspenDb, savePerson, takeQueueBatch } from '../../lib/store';
import { timed } from './figures';
import { BENCH_TEAM_ID, benchClassifications, benchMessages, benchPersonId, YEAR_MS } from './workspace';

export interface FillFigures {
  messages: number;
  /** ingestCapturedBatch over every batch, as the background runs it for capture. */
  ingestMs: number;
  /** Leasing every message and storing its classification, in chunks of 5,000 (the classifier takes 32 at a time). */
  classificationWritesMs: number;
}

export interface TimelineFigures {
  times: number[];
  /** Items in the last person's timeline. */
  items: number;
}

export interface ExtensionPageBench {
  fill(options: { messages: number; batch: number; reports: number; modelId: string }): Promise<FillFigures>;
  timeline(runs: number): Promise<TimelineFigures>;
}

declare global {
  interface Window {
    aspenBench?: ExtensionPageBench;
  }
}

/** A day before now, so that every message lies inside the panel's look-back window. */
const workspaceEnd = () => Date.now() - 24 * 3600 * 1000;

async function fill({ messages: count, batch, reports, modelId }: Parameters<ExtensionPageBench['fill']>[0]): Promise<FillFigures> {
  const db = await openAspenDb();
  const end = workspaceEnd();
  const messages = benchMessages(count, end);
  const ingestMs = await timed(async () => {
    for (let i = 0; i < messages.length; i += batch) await ingestCapturedBatch(db, messages.slice(i, i + batch), end);
  });
  const classifications = new Map(benchClassifications(messages, modelId, end).map((c) => [c.key, c]));
  // The classifier's own store path, lease then complete, in chunks of 5,000 rather than its 32 (which would
  // take minutes here). It drains the queue, so no later wake of the offscreen classifier competes with the panel.
  const classificationWritesMs = await timed(async () => {
    for (let taken = await takeQueueBatch(db, 5000); taken.length > 0; taken = await takeQueueBatch(db, 5000)) {
      await completeQueueItems(db, taken.map((item) => classifications.get(item.message.key)!));
    }
  });
  for (let n = 0; n < reports; n += 1) {
    await savePerson(db, { id: benchPersonId(n), teamId: BENCH_TEAM_ID, name: `Person ${n}`, isReport: true, track: 'ic', level: 3, lastOneOnOne: null });
  }
  db.close();
  return { messages: messages.length, ingestMs, classificationWritesMs };
}

/** A person's year of evidence and their signals, as the person view asks for them, for a different person each run. */
async function timeline(runs: number): Promise<TimelineFigures> {
  const db = await openAspenDb();
  const now = Date.now();
  const year = { from: now - YEAR_MS, to: now };
  const times: number[] = [];
  let items = 0;
  for (let run = 0; run < runs; run += 1) {
    const personId = benchPersonId(run);
    times.push(
      await timed(async () => {
        const evidence = await evidenceFor(db, personId, year);
        personSignals(personId, evidence, { ...year, now });
        items = evidence.length;
      }),
    );
  }
  db.close();
  return { times, items };
}

window.aspenBench = { fill, timeline };
