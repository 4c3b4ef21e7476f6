import type { IDBPTransaction } from 'idb';
import { requestGroup, writeTransaction, STORE_NAMES, type AspenDb, type AspenSchema, type AspenStoreName } from './db';
import { pruneTombstones, recordRetentionHorizon, TOMBSTONE_KEEP_DAYS } from './deletions';

export const DAY_MS = 24 * 60 * 60 * 1000;

export interface RetentionResult {
  deleted: number;
  /** Old messages kept because the manager tagged them. */
  keptTagged: number;
}

/** Messages sent before the window, and how many of those are kept because the manager tagged them. */
async function expiredKeys(
  tx: IDBPTransaction<AspenSchema, AspenStoreName[], 'readonly' | 'readwrite'>,
  retentionDays: number,
  now: number,
): Promise<{ expired: string[]; old: number }> {
  const cutoff = now - retentionDays * DAY_MS;
  const [oldKeys, taggedKeys] = await Promise.all([
    tx.objectStore('messages').index('sentAt').getAllKeys(IDBKeyRange.upperBound(cutoff, true)),
    tx.objectStore('tags').getAllKeys(),
  ]);
  const tagged = new Set(taggedKeys);
  return { expired: oldKeys.filter((key) => !tagged.has(key)), old: oldKeys.length };
}

/** How many messages `applyRetention` would delete now: what the manager confirms before a shorter window. */
export async function countExpiring(db: AspenDb, retentionDays: number, now = Date.now()): Promise<number> {
  const tx = db.transaction(['messages', 'tags']);
  const [{ expired }] = await Promise.all([expiredKeys(tx, retentionDays, now), tx.done]);
  return expired.length;
}

/**
 * Deletes messages sent before the retention window (with their place in the queue) and their classifications.
 * A message the manager tagged is kept whatever its age: it is evidence they chose. Notes and people are never aged out.
 * The run is recorded as a retention horizon, so a backup cannot bring those messages back after the period
 * is lengthened; tombstones past TOMBSTONE_KEEP_DAYS are pruned.
 */
export async function applyRetention(db: AspenDb, retentionDays: number, now = Date.now()): Promise<RetentionResult> {
  return writeTransaction(db, ['messages', 'classifications', 'tags', 'deletions'], async (tx) => {
    const { expired, old } = await expiredKeys(tx, retentionDays, now);
    const writes = requestGroup();
    for (const key of expired) {
      writes.add(tx.objectStore('messages').delete(key));
      writes.add(tx.objectStore('classifications').delete(key));
    }
    if (expired.length > 0) writes.add(recordRetentionHorizon(tx, now - retentionDays * DAY_MS, now));
    writes.add(pruneTombstones(tx, now - TOMBSTONE_KEEP_DAYS * DAY_MS));
    await writes.settled();
    return { deleted: expired.length, keptTagged: old - expired.length };
  });
}

/** Removes everything Aspen has stored, in one transaction. */
export async function wipeAll(db: AspenDb): Promise<void> {
  await writeTransaction(db, [...STORE_NAMES], async (tx) => {
    await Promise.all(STORE_NAMES.map((name) => tx.objectStore(name).clear()));
  });
}
