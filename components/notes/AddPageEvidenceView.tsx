import { useId, useState } from 'react';
import type { PageExtract } from '../../lib/notes';
import { LABELS, type Label, type Person } from '../../lib/store/schema';
import { LABEL_NAMES } from '../format';

export interface AddPageEvidenceViewProps {
  page: PageExtract;
  /** Whom the page can be filed under, in display order. */
  people: readonly Person[];
  onAdd: (choice: { personId: string; label: Label }) => void;
  onCancel: () => void;
}

const isLabel = (value: string): value is Label => (LABELS as readonly string[]).includes(value);

/** Files a page captured from outside Slack (a design doc, a pull request) as evidence about one person. */
export function AddPageEvidenceView({ page, people, onAdd, onCancel }: AddPageEvidenceViewProps) {
  const id = useId();
  const [personId, setPersonId] = useState('');
  const [label, setLabel] = useState<Label>('recognition');
  return (
    <form
      className="view notes-view"
      aria-labelledby={`${id}-heading`}
      onSubmit={(e) => {
        e.preventDefault();
        if (personId) onAdd({ personId, label });
      }}
    >
      <h2 id={`${id}-heading`}>Add page as evidence</h2>
      <div className="card">
        <p>
          <strong>{page.title}</strong>
        </p>
        <p className="meta notes-url">{page.url}</p>
        <p>{page.excerpt}</p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-person`}>About</label>
        <select id={`${id}-person`} value={personId} required onChange={(e) => setPersonId(e.target.value)}>
          <option value="">Choose a person…</option>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-label`}>Kind of evidence</label>
        <select
          id={`${id}-label`}
          value={label}
          onChange={(e) => {
            if (isLabel(e.target.value)) setLabel(e.target.value);
          }}
        >
          {LABELS.map((l) => (
            <option key={l} value={l}>
              {LABEL_NAMES[l]}
            </option>
          ))}
        </select>
      </div>
      <div className="actions">
        <button type="submit" disabled={!personId}>
          Add evidence
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
