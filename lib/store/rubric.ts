import { rubricSchema, type Rubric } from '../rubric/schema';
import { writeTransaction, type AspenDb } from './db';
import { recordTombstones } from './deletions';
import { CUSTOM_RUBRIC_KEY } from './migrations';

/**
 * The manager's own rubric as stored, or null when they use the default. Deliberately unchecked: a rubric
 * saved by an older Aspen may not fit today's schema, and the reader decides how to say so.
 */
export async function getCustomRubric(db: AspenDb): Promise<unknown> {
  const stored: unknown = await db.get('rubric', CUSTOM_RUBRIC_KEY);
  return stored ?? null;
}

/** Stores `rubric` in place of the default; throws (writing nothing) when it is not a valid rubric. */
export async function saveCustomRubric(db: AspenDb, rubric: Rubric): Promise<Rubric> {
  const valid = rubricSchema.parse(rubric);
  await writeTransaction(db, ['rubric'], (tx) => tx.objectStore('rubric').put(valid, CUSTOM_RUBRIC_KEY));
  return valid;
}

/** Goes back to the default rubric; a tombstone keeps a backup made before now from restoring the custom one. */
export async function clearCustomRubric(db: AspenDb, now = Date.now()): Promise<void> {
  await writeTransaction(db, ['rubric', 'deletions'], (tx) =>
    Promise.all([tx.objectStore('rubric').delete(CUSTOM_RUBRIC_KEY), recordTombstones(tx, 'rubric', [CUSTOM_RUBRIC_KEY], now)]),
  );
}
