import { requestGroup, writeTransaction, STORE_NAMES, type AspenDb } from './db';

export const DAY_MS = 24 * 60 * 60 * 1000;

export interface RetentionResult {
  deleted: number;
  /** Old messages kept because the manager tagged them. */
  keptTagged: number;
}

/**
 * Deletes messages sent before the retention window (with their place in the queue) and their classifications.
 * A message the manager tagged is kept whatever its age: it is evidence they chose. Notes and people are never aged out.
 */
export async function applyRetention(db: AspenDb, retentionDays: number, now = Date.now()): Promise<RetentionResult> {
  const cutoff = now - retentionDays * DAY_MS;
  return writeTransaction(db, ['messages', 'classifications', 'tags'], async (tx) => {
    const [oldKeys, taggedKeys] = await Promise.all([
      tx.objectStore('messages').index('sentAt').getAllKeys(IDBKeyRange.upperBound(cutoff, true)),
      tx.objectStore('tags').getAllKeys(),
    ]);
    const tagged = new Set(taggedKeys);
    const expired = oldKeys.filter((key) => !tagged.has(key));
    const writes = requestGroup();
    for (const key of expired) {
      writes.add(tx.objectStore('messages').delete(key));
      writes.add(tx.objectStore('classifications').delete(key));
    }
    await writes.settled();
    return { deleted: expired.length, keptTagged: oldKeys.length - expired.length };
  });
}

/** Removes everything Aspen has stored, in one transaction. */
export async function wipeAll(db: AspenDb): Promise<void> {
  await writeTransaction(db, [...STORE_NAMES], async (tx) => {
    await Promise.all(STORE_NAMES.map((name) => tx.objectStore(name).clear()));
  });
}
