import { memo, useRef, useState } from 'react';
import type { EvidenceItem } from '../lib/signals';
import type { Label, Person } from '../lib/store/schema';
import { conversationName } from '../lib/notes/citations';
import { evidenceHref } from '../lib/safe-links';
import { focusNeighbourRow } from './focus';
import { LABEL_NAMES, formatDateTime } from './format';
import { LabelSelect } from './LabelSelect';

export interface Correction {
  label: Label;
  subjects: string[];
  dismissed: boolean;
  /**
   * The manager gave the label (a correction, or a confirmation of an unsure one): their model learns from
   * it. Dismissing or restoring a message says nothing about its label.
   */
  learn: boolean;
}

export interface EvidenceRowProps {
  item: EvidenceItem;
  /** People a subject can be chosen from, in display order. */
  people: readonly Person[];
  nameOf: (id: string, item?: EvidenceItem) => string;
  onCorrect: (key: string, correction: Correction) => void;
}


function CorrectionEditor({ item, people, nameOf, onCorrect, onDone }: EvidenceRowProps & { onDone: () => void }) {
  const [label, setLabel] = useState<Label>(item.label);
  const [subjects, setSubjects] = useState<string[]>(item.subjects);
  // Subjects the model found that are not among known people must stay choosable.
  const choices = [...people.map((p) => p.id), ...item.subjects.filter((s) => !people.some((p) => p.id === s))];

  return (
    <form
      className="correction"
      aria-label="Correct this message"
      onSubmit={(e) => {
        e.preventDefault();
        onCorrect(item.key, { label, subjects, dismissed: item.dismissed ?? false, learn: true });
        onDone();
      }}
    >
      <LabelSelect caption="Label" value={label} onChange={setLabel} />
      <fieldset className="subject-choices">
        <legend>About</legend>
        <ul>
          {choices.map((personId) => (
            <li key={personId}>
              <label>
                <input
                  type="checkbox"
                  checked={subjects.includes(personId)}
                  onChange={(e) =>
                    setSubjects((current) =>
                      e.target.checked ? [...current, personId] : current.filter((s) => s !== personId),
                    )
                  }
                />{' '}
                {nameOf(personId, item)}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <div className="actions">
        <button type="submit">Save correction</button>
        <button type="button" className="secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function EvidenceRowView(props: EvidenceRowProps) {
  const { item, nameOf, onCorrect } = props;
  const [editing, setEditing] = useState(false);
  // Confirm and Save go away once the label is settled; focus stays on the row, at its Correct button.
  const correctButton = useRef<HTMLButtonElement>(null);
  const { message } = item;
  // A page filed from outside Slack links to the page itself and is placed by its site, not a channel.
  const isPage = item.source === 'page';
  const link = evidenceHref(item);
  const author = isPage ? 'Captured page' : nameOf(message.authorId, item) || 'Unknown';
  const when = formatDateTime(message.sentAt);
  const where = conversationName(message, isPage);

  const unsure = item.unsure === true;

  return (
    <li className={`evidence${item.dismissed ? ' evidence-dismissed' : ''}${unsure ? ' evidence-unsure' : ''}`}>
      <article aria-label={`${unsure ? 'Unsure: ' : ''}${LABEL_NAMES[item.label]} from ${author}, ${when}`} tabIndex={-1} data-row-focus>
        <div className="evidence-meta">
          <span className={`chip chip-${item.label}`}>
            {unsure ? `${LABEL_NAMES[item.label]}?` : LABEL_NAMES[item.label]}
          </span>
          {unsure && <span className="chip chip-unsure">Unsure</span>}
          {item.source === 'manager' && <span className="chip chip-tag">Your tag</span>}
          {item.dismissed && <span className="chip chip-tag">Dismissed</span>}
          <span className="who">{author}</span>
          <span className="where">{where}</span>
          <time dateTime={new Date(message.sentAt).toISOString()}>{when}</time>
        </div>
        <p className="evidence-text">{message.text}</p>
        {item.subjects.length > 0 && (
          <p className="meta">About: {item.subjects.map((s) => nameOf(s, item)).join(', ')}</p>
        )}
        <div className="actions">
          {link && (
            <a href={link} target="_blank" rel="noopener noreferrer">
              {isPage ? 'Open page' : 'Open in Slack'}
              <span className="visually-hidden"> ({isPage ? 'page' : 'message'} from {author}, {when})</span>
            </a>
          )}
          {unsure && (
            <button
              type="button"
              onClick={() => {
                onCorrect(item.key, { label: item.label, subjects: item.subjects, dismissed: false, learn: true });
                correctButton.current?.focus();
              }}
            >
              Confirm {LABEL_NAMES[item.label]}
              <span className="visually-hidden"> for the message from {author}</span>
            </button>
          )}
          <button type="button" className="secondary" aria-expanded={editing} onClick={() => setEditing((v) => !v)} ref={correctButton}>
            Correct<span className="visually-hidden"> message from {author}</span>
          </button>
          <button
            type="button"
            className="secondary"
            onClick={(event) => {
              // A dismissed row leaves the timeline (unless dismissed ones are shown): on to the next.
              focusNeighbourRow(event.currentTarget);
              onCorrect(item.key, { label: item.label, subjects: item.subjects, dismissed: !item.dismissed, learn: false });
            }}
          >
            {item.dismissed ? 'Restore' : 'Dismiss'}
            <span className="visually-hidden"> message from {author}</span>
          </button>
        </div>
        {editing && (
          <CorrectionEditor
            {...props}
            onDone={() => {
              setEditing(false);
              correctButton.current?.focus();
            }}
          />
        )}
      </article>
    </li>
  );
}

/** Memoized: "Show more" appends rows without re-rendering the ones already there. */
export const EvidenceRow = memo(EvidenceRowView);
