import { writeTransaction, type AspenDb } from './db';
import { recordTombstones } from './deletions';
import { validRows } from './validation';
import { noteSchema, type Note } from './schema';

export type NoteInput = Pick<Note, 'personId' | 'kind' | 'body'>;

export async function addNote(db: AspenDb, input: NoteInput, now = Date.now()): Promise<Note> {
  const note = noteSchema.parse({ ...input, id: crypto.randomUUID(), createdAt: now, updatedAt: now });
  await writeTransaction(db, ['notes'], (tx) => tx.objectStore('notes').put(note));
  return note;
}

/** Changes a note's body or kind; throws when there is no such note. */
export async function updateNote(db: AspenDb, id: string, patch: Partial<Pick<Note, 'kind' | 'body'>>, now = Date.now()): Promise<Note> {
  return writeTransaction(db, ['notes'], async (tx) => {
    const current = noteSchema.safeParse(await tx.objectStore('notes').get(id));
    if (!current.success) throw new Error(`No note ${id}`);
    const note = noteSchema.parse({ ...current.data, ...patch, updatedAt: now });
    await tx.objectStore('notes').put(note);
    return note;
  });
}

/** Deletes a note, leaving a tombstone so an older backup does not bring it back. */
export async function deleteNote(db: AspenDb, id: string, now = Date.now()): Promise<void> {
  await writeTransaction(db, ['notes', 'deletions'], (tx) => Promise.all([tx.objectStore('notes').delete(id), recordTombstones(tx, 'notes', [id], now)]));
}

/** A person's notes, oldest first; unreadable records are left out. */
export async function notesFor(db: AspenDb, personId: string): Promise<Note[]> {
  const rows: unknown[] = await db.getAllFromIndex('notes', 'personId', personId);
  return validRows(noteSchema, rows).sort((a, b) => a.createdAt - b.createdAt);
}
