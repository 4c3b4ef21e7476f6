import { useId, useState } from 'react';
import type { PageExtract } from '../../lib/notes';
import type { Label, Person } from '../../lib/store/schema';
import { LabelSelect } from '../LabelSelect';

export interface AddPageEvidenceViewProps {
  page: PageExtract;
  /** Whom the page can be filed under, in display order. */
  people: readonly Person[];
  onAdd: (choice: { personId: string; label: Label }) => void;
  onCancel: () => void;
}


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
      <LabelSelect caption="Kind of evidence" value={label} onChange={setLabel} />
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
