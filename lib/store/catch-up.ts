import { writeTransaction, type AspenDb } from './db';
import type { CatchUpRun } from '../slack/types';
import { validRows } from './validation';
import { caughtUpRangeSchema, type CaughtUpRange } from './schema';

const older = (a: string, b: string) => (Number(a) <= Number(b) ? a : b);
const newer = (a: string, b: string) => (Number(a) >= Number(b) ? a : b);

type Range = { oldestTs: string; newestTs: string };
const rangeOf = (r: { oldestTs: string | null; newestTs: string | null } | undefined): Range | null =>
  r?.oldestTs && r.newestTs ? { oldestTs: r.oldestTs, newestTs: r.newestTs } : null;

/**
 * The range a conversation is caught up over after a run: the union with what was kept when the two touch;
 * when they do not (history between them was never scrolled through), the run's own range, which reaches now.
 * A run that scrolled nothing leaves the kept range as it was.
 */
export function mergeCaughtUpRange(kept: Range | null | undefined, run: Range | null): Range | null {
  if (!run) return kept ?? null;
  const touches = !!kept && Number(run.oldestTs) <= Number(kept.newestTs) && Number(run.newestTs) >= Number(kept.oldestTs);
  return touches && kept
    ? { oldestTs: older(kept.oldestTs, run.oldestTs), newestTs: newer(kept.newestTs, run.newestTs) }
    : { oldestTs: run.oldestTs, newestTs: run.newestTs };
}

export async function getCaughtUpRange(db: AspenDb, teamId: string, channelId: string): Promise<CaughtUpRange | null> {
  const row = caughtUpRangeSchema.safeParse(await db.get('catchUp', `${teamId}/${channelId}`));
  return row.success ? row.data : null;
}

/** The stored range to resume a catch-up from; null when none was caught up without a gap. */
export async function getResumeRange(db: AspenDb, teamId: string, channelId: string): Promise<Range | null> {
  return rangeOf((await getCaughtUpRange(db, teamId, channelId)) ?? undefined);
}

/**
 * Records a finished run, extending the kept range where they touch (a full re-read too: it read the same
 * rows), and its problem, if any, for the Health tab; a run that ends well clears the last one's problem.
 */
export async function recordCatchUp(db: AspenDb, run: CatchUpRun, now = Date.now()): Promise<CaughtUpRange> {
  const id = `${run.teamId}/${run.channelId}`;
  return writeTransaction(db, ['catchUp'], async (tx) => {
    const store = tx.objectStore('catchUp');
    const kept = caughtUpRangeSchema.safeParse(await store.get(id));
    const range = mergeCaughtUpRange(kept.success ? rangeOf(kept.data) : null, rangeOf(run));
    const record = caughtUpRangeSchema.parse({
      id,
      teamId: run.teamId,
      channelId: run.channelId,
      channelName: run.channelName,
      oldestTs: range?.oldestTs ?? null,
      newestTs: range?.newestTs ?? null,
      lastOutcome: run.outcome,
      problem: run.problem,
      updatedAt: now,
    });
    await store.put(record);
    return record;
  });
}

/** Every conversation's caught-up range, most recently caught up first; unreadable records are left out. */
export async function listCaughtUpRanges(db: AspenDb): Promise<CaughtUpRange[]> {
  const rows: unknown[] = await db.getAllFromIndex('catchUp', 'updatedAt');
  return validRows(caughtUpRangeSchema, rows).reverse();
}
