import { useEffect, useState } from 'react';
import { onStoreEvent } from '@/lib/messaging';
import { notesFor, type AspenDb, type Note } from '@/lib/store';

export type PersonNotes = { status: 'loading' } | { status: 'ready'; notes: Note[] } | { status: 'error'; message: string };

/** A person's notes, reloaded whenever any Aspen page saves a note or an import or wipe changes them. */
export function usePersonNotes(db: AspenDb, personId: string): PersonNotes {
  const [state, setState] = useState<{ personId: string; notes: PersonNotes } | null>(null);

  useEffect(() => {
    let live = true;
    const load = () =>
      notesFor(db, personId).then(
        (notes) => live && setState({ personId, notes: { status: 'ready', notes } }),
        (error: unknown) => live && setState({ personId, notes: { status: 'error', message: String(error) } }),
      );
    void load();
    const unsubscribe = onStoreEvent((event) => {
      if (event.type === 'notes' || event.type === 'wipe') void load();
    });
    return () => {
      live = false;
      unsubscribe();
    };
  }, [db, personId]);

  return state?.personId === personId ? state.notes : { status: 'loading' };
}
