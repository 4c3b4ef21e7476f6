import { rubricSchema, type Rubric } from '../rubric/schema';
import { writeTransaction, type AspenDb } from './db';
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

/** Goes back to the default rubric. */
export async function clearCustomRubric(db: AspenDb): Promise<void> {
  await writeTransaction(db, ['rubric'], (tx) => tx.objectStore('rubric').delete(CUSTOM_RUBRIC_KEY));
}
