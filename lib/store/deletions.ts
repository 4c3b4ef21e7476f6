import type { IDBPTransaction, StoreNames } from 'idb';
import type { AspenSchema } from './db';
import { validRows } from './validation';
import {
  deletionSchema,
  retentionHorizonSchema,
  tombstoneSchema,
  type Deletion,
  type RetentionHorizon,
  type Tombstone,
  type TombstonedStore,
} from './schema';

/*
 * What the manager deleted, kept so that importing an older backup does not bring it back. Every delete writes
 * its tombstone in the same transaction as the delete itself.
 */

/**
 * How long a tombstone is kept: a backup older than this may bring back rows deleted before it. Retention
 * horizons are few and are kept for good.
 */
export const TOMBSTONE_KEEP_DAYS = 365;

type WithDeletions = IDBPTransaction<AspenSchema, Array<StoreNames<AspenSchema>>, 'readwrite'>;

/** The key a tombstone names an evidence decision by: what importDatabase names the row by too. */
export const decisionRowKey = (row: { personId: string; itemKey: string }): string => JSON.stringify([row.personId, row.itemKey]);

/** Writes tombstones for `keys` of `store` in `tx`, the transaction that deletes the rows. */
export function recordTombstones(tx: WithDeletions, store: TombstonedStore, keys: readonly string[], now: number): Promise<unknown[]> {
  const deletions = tx.objectStore('deletions');
  return Promise.all(keys.map((key) => deletions.put(tombstoneSchema.parse({ store, key, deletedAt: now }))));
}

/**
 * `horizon` is kept unless another reaches as far back and is as recent; those it outdoes go. The result is
 * the few runs that matter: usually one, one more each time the manager lengthened the period.
 */
function mergeHorizons(kept: readonly RetentionHorizon[], horizon: RetentionHorizon): { keep: boolean; drop: RetentionHorizon[] } {
  const covers = (a: RetentionHorizon, b: RetentionHorizon) => a.sentBefore >= b.sentBefore && a.deletedAt >= b.deletedAt;
  if (kept.some((h) => covers(h, horizon))) return { keep: false, drop: [] };
  return { keep: true, drop: kept.filter((h) => covers(horizon, h)) };
}

export const retentionHorizon = (sentBefore: number, deletedAt: number): RetentionHorizon =>
  retentionHorizonSchema.parse({ store: 'messages', key: String(sentBefore), sentBefore, deletedAt });

/** Every readable deletion record, split by kind. */
export function splitDeletions(rows: readonly unknown[]): { tombstones: Tombstone[]; horizons: RetentionHorizon[] } {
  const tombstones: Tombstone[] = [];
  const horizons: RetentionHorizon[] = [];
  for (const row of validRows(deletionSchema, rows)) {
    if (row.store === 'messages') horizons.push(row);
    else tombstones.push(row);
  }
  return { tombstones, horizons };
}

/**
 * Stores `horizon` unless one of `horizons` (the stored ones, kept in step here) outdoes it, deleting those it
 * outdoes; returns the writes.
 */
export function addRetentionHorizon(
  deletions: { put(row: Deletion): Promise<unknown>; delete(key: [string, string]): Promise<unknown> },
  horizons: RetentionHorizon[],
  horizon: RetentionHorizon,
): Array<Promise<unknown>> {
  const { keep, drop } = mergeHorizons(horizons, horizon);
  if (!keep) return [];
  for (const outdone of drop) horizons.splice(horizons.indexOf(outdone), 1);
  horizons.push(horizon);
  return [...drop.map((h) => deletions.delete([h.store, h.key])), deletions.put(horizon)];
}

/** Records that retention deleted untagged messages sent before `sentBefore`, dropping horizons it outdoes. */
export async function recordRetentionHorizon(tx: WithDeletions, sentBefore: number, now: number): Promise<void> {
  const deletions = tx.objectStore('deletions');
  const { horizons } = splitDeletions(await deletions.getAll(IDBKeyRange.bound(['messages', ''], ['messages', []])));
  await Promise.all(addRetentionHorizon(deletions, horizons, retentionHorizon(sentBefore, now)));
}

/** Drops the tombstones of rows deleted before `before` (retention horizons stay); returns how many. */
export async function pruneTombstones(tx: WithDeletions, before: number): Promise<number> {
  const byAge = tx.objectStore('deletions').index('deletedAt');
  let pruned = 0;
  for (let cursor = await byAge.openCursor(IDBKeyRange.upperBound(before, true)); cursor; cursor = await cursor.continue()) {
    const row: Deletion = cursor.value;
    if (row.store === 'messages') continue;
    await cursor.delete();
    pruned += 1;
  }
  return pruned;
}
