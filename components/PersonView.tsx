import { useMemo, useState } from 'react';
import {
  isReceived,
  isSettled,
  personCues,
  personItems,
  personSignals,
  periodRange,
  recurringThemes,
  unsureLeftOut,
  type EvidenceItem,
  type PeriodId,
} from '../lib/signals';
import type { Label, Person } from '../lib/store/schema';
import { EvidenceRow, type Correction } from './EvidenceRow';
import { NotesEditor } from './NotesEditor';
import { PeriodSelect } from './PeriodSelect';
import { SignalSummary } from './SignalSummary';
import { makeNameLookup, plural } from './format';
import { LabelSelect } from './LabelSelect';
import { UnsureNotice } from './UnsureNotice';

export const TIMELINE_PAGE_SIZE = 100;

export interface PersonViewProps {
  person: Person;
  /** Everyone known, for names and for choosing a message's subjects. */
  people: readonly Person[];
  items: readonly EvidenceItem[];
  now: number;
  period: PeriodId;
  onPeriodChange: (period: PeriodId) => void;
  notes: string;
  onSaveNotes: (body: string) => void | Promise<void>;
  onCorrect: (key: string, correction: Correction) => void;
  onBack?: () => void;
  pageSize?: number;
}

type LabelFilter = Label | 'all';

export function PersonView(props: PersonViewProps) {
  const { person, people, items, now, period, onPeriodChange, onCorrect, onBack } = props;
  const pageSize = props.pageSize ?? TIMELINE_PAGE_SIZE;
  const [labelFilter, setLabelFilter] = useState<LabelFilter>('all');
  const [showDismissed, setShowDismissed] = useState(false);
  const [shown, setShown] = useState(pageSize);

  const nameOf = useMemo(() => makeNameLookup(people), [people]);
  // Reports first: they are the usual subjects of a correction.
  const subjectChoices = useMemo(
    () => [...people].sort((a, b) => Number(b.isReport) - Number(a.isReport) || a.name.localeCompare(b.name)),
    [people],
  );
  const range = useMemo(() => periodRange(period, now), [period, now]);
  const involved = useMemo(
    () => personItems(person.id, items).sort((a, b) => b.message.sentAt - a.message.sentAt),
    [person.id, items],
  );
  // The timeline shows unsure labels for the manager to settle; the counts and cues leave them out.
  const settled = useMemo(() => involved.filter(isSettled), [involved]);
  const signals = useMemo(() => personSignals(person.id, settled, { ...range, now }), [person.id, settled, range, now]);
  const cues = useMemo(() => personCues(signals, now), [signals, now]);
  const inPeriod = useMemo(
    () => involved.filter((i) => i.message.sentAt >= range.from && i.message.sentAt <= range.to),
    [involved, range],
  );
  const themes = useMemo(
    () =>
      recurringThemes(
        inPeriod.filter((i) => isSettled(i) && isReceived(i, person.id)),
      ),
    [inPeriod, person.id],
  );
  const unsureInPeriod = unsureLeftOut(inPeriod, [person.id], range.from, range.to);
  const timeline = useMemo(
    () => inPeriod.filter((i) => (showDismissed || !i.dismissed) && (labelFilter === 'all' || i.label === labelFilter)),
    [inPeriod, showDismissed, labelFilter],
  );
  const visible = timeline.slice(0, shown);

  return (
    <section className="view" aria-labelledby="person-heading">
      <div className="view-header">
        {onBack && (
          <button type="button" className="secondary" onClick={onBack}>
            ← Team
          </button>
        )}
        <h2 id="person-heading">{person.name}</h2>
        <PeriodSelect
          value={period}
          onChange={(p) => {
            setShown(pageSize);
            onPeriodChange(p);
          }}
        />
      </div>

      <SignalSummary signals={signals} cues={cues} personName={person.name} />
      <UnsureNotice unsure={unsureInPeriod} />

      <h3>Recurring themes</h3>
      {themes.length === 0 ? (
        <p className="meta">No theme recurs in this period's recognition yet.</p>
      ) : (
        <ul className="themes">
          {themes.map((t) => (
            <li key={t.theme}>
              <span className="theme">{t.theme}</span> <span className="meta">×{t.count}</span>
            </li>
          ))}
        </ul>
      )}

      <h3>Evidence</h3>
      <div className="filters">
        <LabelSelect
          caption="Label"
          includeAll
          inline
          value={labelFilter}
          onChange={(value) => {
            setLabelFilter(value);
            setShown(pageSize);
          }}
        />
        <label className="check">
          <input type="checkbox" checked={showDismissed} onChange={(e) => setShowDismissed(e.target.checked)} /> Show
          dismissed
        </label>
      </div>
      <p className="meta" role="status" aria-live="polite">
        {timeline.length === 0
          ? 'No messages match.'
          : `Showing ${visible.length} of ${plural(timeline.length, 'message', 'messages')}`}
      </p>
      <ol className="timeline">
        {visible.map((item) => (
          <EvidenceRow key={item.key} item={item} people={subjectChoices} nameOf={nameOf} onCorrect={onCorrect} />
        ))}
      </ol>
      {visible.length < timeline.length && (
        <button type="button" onClick={() => setShown((n) => n + pageSize)}>
          Show {Math.min(pageSize, timeline.length - visible.length)} more
        </button>
      )}

      <h3>Notes</h3>
      <NotesEditor key={person.id} personName={person.name} notes={props.notes} onSave={props.onSaveNotes} />
    </section>
  );
}
