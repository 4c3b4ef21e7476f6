import { writeTransaction, type AspenDb } from './db';
import { recordTombstones } from './deletions';
import { validRows } from './validation';
import { pageEvidenceSchema, type Label, type PageEvidence } from './schema';

export type PageEvidenceInput = Omit<PageEvidence, 'id' | 'capturedAt'>;

/** Saves evidence captured from a page outside Slack (a design doc, a pull request). */
export async function addPageEvidence(db: AspenDb, input: PageEvidenceInput, now = Date.now()): Promise<PageEvidence> {
  const evidence = pageEvidenceSchema.parse({ ...input, id: crypto.randomUUID(), capturedAt: now });
  await writeTransaction(db, ['pageEvidence'], (tx) => tx.objectStore('pageEvidence').put(evidence));
  return evidence;
}

/** Deletes a captured page, leaving a tombstone so an older backup does not bring it back. */
export async function deletePageEvidence(db: AspenDb, id: string, now = Date.now()): Promise<void> {
  await writeTransaction(db, ['pageEvidence', 'deletions'], (tx) =>
    Promise.all([tx.objectStore('pageEvidence').delete(id), recordTombstones(tx, 'pageEvidence', [id], now)]),
  );
}

/** A person's page evidence, oldest first; unreadable records are left out. */
export async function pageEvidenceFor(db: AspenDb, personId: string): Promise<PageEvidence[]> {
  const rows: unknown[] = await db.getAllFromIndex('pageEvidence', 'personId', personId);
  return validRows(pageEvidenceSchema, rows).sort((a, b) => a.capturedAt - b.capturedAt);
}

/** Every stored page, assigned or not, oldest first; unreadable records are left out. */
export async function listPageEvidence(db: AspenDb): Promise<PageEvidence[]> {
  return validRows(pageEvidenceSchema, await db.getAll('pageEvidence')).sort((a, b) => a.capturedAt - b.capturedAt);
}

/**
 * Files a captured page under a person with a label (personId '' returns it to the unassigned pages).
 * Throws when there is no such page.
 */
export async function assignPageEvidence(db: AspenDb, id: string, personId: string, label: Label): Promise<PageEvidence> {
  return writeTransaction(db, ['pageEvidence'], async (tx) => {
    const current = pageEvidenceSchema.safeParse(await tx.objectStore('pageEvidence').get(id));
    if (!current.success) throw new Error(`No page evidence ${id}`);
    const evidence = pageEvidenceSchema.parse({ ...current.data, personId, label });
    await tx.objectStore('pageEvidence').put(evidence);
    return evidence;
  });
}
