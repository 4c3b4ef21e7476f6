import { useEffect, useId, useState } from 'react';
import { isoDate, oneOnOneToMarkdown, type OneOnOnePrep, type PrepSection } from '../../lib/notes';
import { Citations } from './Citations';

export interface OneOnOnePrepViewProps {
  prep: OneOnOnePrep;
  /** Saves the edited prep as a note (kind "one-on-one"); receives it as Markdown. */
  onSaveNote: (markdown: string) => void;
  /** Copies the edited prep; the caller owns the clipboard. */
  onCopy: (markdown: string) => void;
}

/** Rows enough to show an item whole in a narrow side panel (about 40 characters a line), up to 8. */
const textRows = (text: string) => Math.min(8, Math.max(2, Math.ceil(text.length / 40)));

function SectionEditor({
  section,
  onChange,
}: {
  section: PrepSection;
  onChange: (section: PrepSection) => void;
}) {
  const id = useId();
  const [added, setAdded] = useState(0);
  const setText = (itemId: string, text: string) =>
    onChange({ ...section, items: section.items.map((i) => (i.id === itemId ? { ...i, text } : i)) });

  return (
    <section className="card notes-section" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{section.title}</h3>
      {section.items.length === 0 && <p className="meta">{section.emptyText}</p>}
      <ol className="notes-items">
        {section.items.map((item, index) => (
          <li key={item.id}>
            <label className="visually-hidden" htmlFor={`${id}-${item.id}`}>
              {section.title}, item {index + 1}
            </label>
            <textarea id={`${id}-${item.id}`} rows={textRows(item.text)} value={item.text} onChange={(e) => setText(item.id, e.target.value)} />
            <Citations citations={item.citations} />
            <button
              type="button"
              className="secondary"
              onClick={() => onChange({ ...section, items: section.items.filter((i) => i.id !== item.id) })}
            >
              Remove<span className="visually-hidden"> {section.title} item {index + 1}</span>
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="secondary"
        onClick={() => {
          setAdded((n) => n + 1);
          onChange({ ...section, items: [...section.items, { id: `${section.id}-added-${added}`, text: '', citations: [] }] });
        }}
      >
        Add item<span className="visually-hidden"> to {section.title}</span>
      </button>
    </section>
  );
}

/** The generated prep, editable before it is saved or copied; what is saved is what is shown. */
export function OneOnOnePrepView({ prep, onSaveNote, onCopy }: OneOnOnePrepViewProps) {
  const [sections, setSections] = useState(prep.sections);
  useEffect(() => setSections(prep.sections), [prep]);
  const edited = (): OneOnOnePrep => ({
    ...prep,
    sections: sections.map((s) => ({ ...s, items: s.items.filter((i) => i.text.trim().length > 0) })),
  });

  return (
    <section className="view notes-view" aria-labelledby="prep-heading">
      <div className="view-header">
        <h2 id="prep-heading">1:1 prep: {prep.personName}</h2>
        <p className="meta">Since {isoDate(prep.since)}</p>
      </div>
      {sections.map((section) => (
        <SectionEditor
          key={section.id}
          section={section}
          onChange={(next) => setSections((all) => all.map((s) => (s.id === next.id ? next : s)))}
        />
      ))}
      <div className="actions">
        <button type="button" onClick={() => onSaveNote(oneOnOneToMarkdown(edited()))}>
          Save as note
        </button>
        <button type="button" className="secondary" onClick={() => onCopy(oneOnOneToMarkdown(edited()))}>
          Copy as Markdown
        </button>
      </div>
    </section>
  );
}
