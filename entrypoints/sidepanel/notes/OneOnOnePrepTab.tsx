import { useEffect, useMemo, useRef, useState } from 'react';
import { OneOnOnePrepView } from '@/components/notes';
import { broadcastStoreEvent } from '@/lib/messaging';
import { PREP_DEFAULTS, buildOneOnOnePrep, isoDate, lastOneOnOneFromDate } from '@/lib/notes';
import type { EvidenceItem } from '@/lib/signals';
import { addNote, savePerson, type AspenDb, type Person } from '@/lib/store';
import { usePersonNotes } from './usePersonNotes';

export interface OneOnOnePrepTabProps {
  db: AspenDb;
  person: Person;
  items: readonly EvidenceItem[];
  now: number;
}

type Status = { kind: 'idle' } | { kind: 'done'; text: string } | { kind: 'error'; text: string };

/** The prep since the person's last 1:1, with saving, copying and "1:1 done" wired to the store and clipboard. */
export function OneOnOnePrepTab({ db, person, items, now }: OneOnOnePrepTabProps) {
  const notes = usePersonNotes(db, person.id);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [manualCopy, setManualCopy] = useState<string | null>(null);
  // What the date field shows while it is edited: a field being retyped reads empty, which must not clear the stored date.
  const [lastOneOnOneDraft, setLastOneOnOneDraft] = useState<string | null>(null);
  const manualCopyRef = useRef<HTMLTextAreaElement>(null);

  const built = useMemo(
    () => (notes.status === 'ready' ? buildOneOnOnePrep(person, items, notes.notes, { now }) : null),
    [person, items, notes, now],
  );
  // Live updates rebuild the prep on every capture; the editor keeps the manager's edits unless the content changed.
  const contentKey = built ? JSON.stringify([built.since, built.sections]) : '';
  const prep = useMemo(() => built, [contentKey]);

  useEffect(() => {
    if (manualCopy !== null) manualCopyRef.current?.select();
  }, [manualCopy]);

  const report = (action: () => Promise<string>) =>
    action().then(
      (text) => setStatus({ kind: 'done', text }),
      (error: unknown) => setStatus({ kind: 'error', text: error instanceof Error ? error.message : String(error) }),
    );

  const saveLastOneOnOne = async (lastOneOnOne: number | null) => {
    await savePerson(db, { ...person, lastOneOnOne });
    broadcastStoreEvent('people');
  };

  const markDone = () =>
    report(async () => {
      await saveLastOneOnOne(Date.now());
      return `1:1 with ${person.name} marked as done today.`;
    });

  // For the 1:1s before Aspen was installed, or one not marked on the day.
  const setLastOneOnOne = (value: string) =>
    report(async () => {
      const entered = lastOneOnOneFromDate(value, Date.now());
      if (!entered.ok) throw new Error(entered.problem);
      await saveLastOneOnOne(entered.lastOneOnOne);
      return entered.lastOneOnOne === null
        ? `No 1:1 with ${person.name} on record: the prep looks back ${PREP_DEFAULTS.lookbackDays} days.`
        : `Last 1:1 with ${person.name} set to ${isoDate(entered.lastOneOnOne)}.`;
    });

  const saveNote = (markdown: string) =>
    report(async () => {
      await addNote(db, { personId: person.id, kind: 'one-on-one', body: markdown });
      broadcastStoreEvent('notes');
      return 'Saved as a note.';
    });

  const copy = (markdown: string) =>
    report(async () => {
      try {
        await navigator.clipboard.writeText(markdown);
      } catch {
        // The clipboard can be refused (no focus, no permission): offer the text to copy by hand instead.
        setManualCopy(markdown);
        return 'The browser refused the clipboard: the Markdown is selected below, press Ctrl+C (⌘C) to copy it.';
      }
      setManualCopy(null);
      return 'Copied as Markdown.';
    });

  if (notes.status === 'error') return <p role="alert" className="notice notice-attention">Could not read your notes: {notes.message}</p>;
  if (!prep) return <p aria-busy="true">Preparing the 1:1…</p>;

  return (
    <>
      <div className="actions notes-prep-header">
        <label className="meta">
          Last 1:1{' '}
          <input
            type="date"
            max={isoDate(now)}
            value={lastOneOnOneDraft ?? (person.lastOneOnOne === null ? '' : isoDate(person.lastOneOnOne))}
            onChange={(event) => {
              setLastOneOnOneDraft(event.target.value);
              if (event.target.value !== '') void setLastOneOnOne(event.target.value);
            }}
            onBlur={() => {
              if (lastOneOnOneDraft === '') void setLastOneOnOne('');
              setLastOneOnOneDraft(null);
            }}
          />
        </label>
        {person.lastOneOnOne === null && <p className="meta">No 1:1 on record yet: the prep looks back {PREP_DEFAULTS.lookbackDays} days.</p>}
        <button type="button" className="secondary" onClick={() => void markDone()}>
          Mark 1:1 done today
        </button>
      </div>
      <OneOnOnePrepView prep={prep} onSaveNote={(markdown) => void saveNote(markdown)} onCopy={(markdown) => void copy(markdown)} />
      <p role="status" aria-live="polite" className={status.kind === 'error' ? 'notice notice-attention' : 'meta'}>
        {status.kind !== 'idle' && status.text}
      </p>
      {manualCopy !== null && (
        <div className="field">
          <label htmlFor="prep-manual-copy">1:1 prep as Markdown</label>
          <textarea id="prep-manual-copy" ref={manualCopyRef} readOnly rows={10} value={manualCopy} />
        </div>
      )}
    </>
  );
}
