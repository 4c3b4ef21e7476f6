import type { CaptureHealth } from '../slack/types';
import { writeTransaction, type AspenDb } from './db';
import { validRows } from './validation';
import { healthRecordSchema, type HealthRecord } from './schema';

export interface HealthReport {
  teamId: string;
  channelId: string;
  tabId: number | null;
  health: CaptureHealth;
}

/** Keeps the latest capture health of a channel (one record per channel, whichever tab reported it). */
export async function recordCaptureHealth(db: AspenDb, report: HealthReport, now = Date.now()): Promise<HealthRecord> {
  const record = healthRecordSchema.parse({ ...report, id: `${report.teamId}/${report.channelId}`, updatedAt: now });
  await writeTransaction(db, ['health'], (tx) => tx.objectStore('health').put(record));
  return record;
}

/** Every channel's latest health, most recent first; unreadable records are left out. */
export async function listCaptureHealth(db: AspenDb): Promise<HealthRecord[]> {
  const rows: unknown[] = await db.getAllFromIndex('health', 'updatedAt');
  return validRows(healthRecordSchema, rows).reverse();
}

/** Messages first captured at or after `since` (e.g. the start of today), counted on an index. */
export const countCapturedSince = (db: AspenDb, since: number): Promise<number> =>
  db.countFromIndex('messages', 'firstSeen', IDBKeyRange.lowerBound(since));
