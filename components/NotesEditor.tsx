import { useId, useState } from 'react';

export interface NotesEditorProps {
  personName: string;
  notes: string;
  onSave: (body: string) => void | Promise<void>;
}

type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'error'; message: string };

/** Remount it (key by person) to start a fresh draft: it owns the draft while the manager types. */
export function NotesEditor({ personName, notes, onSave }: NotesEditorProps) {
  const id = useId();
  const [draft, setDraft] = useState(notes);
  const [savedNotes, setSavedNotes] = useState(notes);
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  // Notes that arrive after mount (a slow read, a save elsewhere) replace the draft unless the manager has typed.
  if (notes !== savedNotes) {
    setSavedNotes(notes);
    if (draft === savedNotes) setDraft(notes);
  }

  async function save() {
    setState({ kind: 'saving' });
    try {
      await onSave(draft);
      setState({ kind: 'saved' });
    } catch (error) {
      setState({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  }

  return (
    <form
      className="notes"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label htmlFor={id}>Private notes on {personName}</label>
      <p className="hint" id={`${id}-hint`}>
        Only stored in this browser.
      </p>
      <textarea
        id={id}
        aria-describedby={`${id}-hint`}
        rows={5}
        value={draft}
        onChange={(e) => {
          setDraft(e.target.value);
          setState({ kind: 'idle' });
        }}
      />
      <div className="actions">
        <button type="submit" disabled={state.kind === 'saving' || draft === notes}>
          Save notes
        </button>
        <span role="status" aria-live="polite" className={state.kind === 'error' ? 'status-error' : 'status'}>
          {state.kind === 'saving' && 'Saving…'}
          {state.kind === 'saved' && 'Saved'}
          {state.kind === 'error' && `Could not save: ${state.message}`}
        </span>
      </div>
    </form>
  );
}
