import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import type { LevelChoice } from '../lib/rubric';
import type { Person, Track } from '../lib/store/schema';

export type PersonPatch = Partial<Pick<Person, 'isReport' | 'level' | 'track'>>;

export interface SettingsViewProps {
  /** Everyone Aspen has seen in Slack. */
  people: readonly Person[];
  /** The signed-in Slack user of the current workspace, when known: their own track and level, for their self-review. */
  self?: Person | null;
  /** The workspace Aspen last captured from, whose signed-in user `self` is; null before any capture. */
  workspaceId?: string | null;
  /** The manager picks who they are in the current workspace (null: not known). */
  onChooseSelf?: (personId: string | null) => void;
  /** People the manager talks with most (suggestReportsFromMessages), marked as suggested. */
  suggestedIds: readonly string[];
  retentionDays: number;
  /** The levels of each track in the career rubric in use. */
  levels: Record<Track, ReadonlyArray<LevelChoice>>;
  onUpdatePerson: (personId: string, patch: PersonPatch) => void;
  /** Saves the period and applies it; rejects with the reason when that failed. */
  onRetentionChange: (days: number) => Promise<void>;
  /** How many messages a period would delete now, so a shorter one is confirmed first. */
  countExpiring: (days: number) => Promise<number>;
  onWipe: () => void | Promise<void>;
  /** More settings sections (backup, career rubric), shown after the data settings and before deleting all data. */
  children?: ReactNode;
}

export const RETENTION_CHOICES = [30, 90, 180, 365, 730, 1825] as const;
/** Without a search, the list stops here: hundreds of workspace members help nobody pick their reports. */
export const PEOPLE_LIST_CAP = 50;

const TRACK_NAMES: Record<Track, string> = { ic: 'Individual contributor', manager: 'Manager' };

function retentionName(days: number) {
  if (days % 365 === 0) return days === 365 ? '1 year' : `${days / 365} years`;
  return `${days} days`;
}

const count = new Intl.NumberFormat('en-US');

/**
 * "Keep messages for": a period that would delete messages asks first, with how many; a failure says why and
 * leaves the period as it was.
 */
function RetentionField({
  retentionDays,
  onRetentionChange,
  countExpiring,
}: Pick<SettingsViewProps, 'retentionDays' | 'onRetentionChange' | 'countExpiring'>) {
  const id = useId();
  const [confirming, setConfirming] = useState<{ days: number; deletes: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const choices = RETENTION_CHOICES.some((d) => d === retentionDays) ? RETENTION_CHOICES : [...RETENTION_CHOICES, retentionDays].sort((a, b) => a - b);
  const failed = (e: unknown) => setError(e instanceof Error ? e.message : String(e));
  const apply = (days: number) => {
    setConfirming(null);
    onRetentionChange(days).then(() => setError(null), failed);
  };
  const choose = (days: number) => {
    setError(null);
    countExpiring(days).then((deletes) => (deletes > 0 ? setConfirming({ days, deletes }) : apply(days)), failed);
  };
  return (
    <>
      <div className="field">
        <label htmlFor={id}>Keep messages for</label>
        <select id={id} value={confirming?.days ?? retentionDays} onChange={(e) => choose(Number(e.target.value))}>
          {choices.map((days) => (
            <option key={days} value={days}>
              {retentionName(days)}
            </option>
          ))}
        </select>
      </div>
      {confirming && (
        <div className="notice notice-attention" role="alertdialog" aria-label="Confirm the retention period">
          <p>
            This deletes {count.format(confirming.deletes)} {confirming.deletes === 1 ? 'message' : 'messages'} older than{' '}
            {retentionName(confirming.days)}. Messages you tagged are kept.
          </p>
          <div className="actions">
            <button type="button" onClick={() => apply(confirming.days)}>
              Delete {count.format(confirming.deletes)} {confirming.deletes === 1 ? 'message' : 'messages'}
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(null)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {error && <p role="alert">Could not change how long messages are kept: {error}</p>}
    </>
  );
}

/** A person's level and track in the career rubric: a report's, or the signed-in user's own. */
function LevelTrackFields({
  person,
  levels,
  onUpdatePerson,
  own = false,
}: {
  person: Person;
  levels: SettingsViewProps['levels'];
  onUpdatePerson: SettingsViewProps['onUpdatePerson'];
  /** The signed-in user's own fields: labelled "Your …", so they are not taken for a report's. */
  own?: boolean;
}) {
  const id = useId();
  const choices = levels[person.track];
  // A level the rubric no longer has (a smaller custom rubric) stays visible, so nothing changes silently.
  const known = choices.some((choice) => choice.level === person.level);
  return (
    <div className="person-setting-fields">
      <div className="field field-inline">
        <label htmlFor={`${id}-level`}>{own ? 'Your level' : 'Level'}</label>
        <select id={`${id}-level`} value={person.level} onChange={(e) => onUpdatePerson(person.id, { level: Number(e.target.value) })}>
          {choices.map(({ level, title }) => (
            <option key={level} value={level}>
              {level} · {title}
            </option>
          ))}
          {!known && <option value={person.level}>{person.level} · not in the rubric</option>}
        </select>
      </div>
      <div className="field field-inline">
        <label htmlFor={`${id}-track`}>{own ? 'Your track' : 'Track'}</label>
        <select
          id={`${id}-track`}
          value={person.track}
          onChange={(e) => onUpdatePerson(person.id, { track: e.target.value === 'manager' ? 'manager' : 'ic' })}
        >
          {(Object.keys(TRACK_NAMES) as Track[]).map((track) => (
            <option key={track} value={track}>
              {TRACK_NAMES[track]}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

function PersonSettings({
  person,
  suggested,
  isSelf,
  levels,
  onUpdatePerson,
}: {
  person: Person;
  suggested: boolean;
  /** The signed-in user: listed, but not a report of themselves. */
  isSelf: boolean;
  levels: SettingsViewProps['levels'];
  onUpdatePerson: SettingsViewProps['onUpdatePerson'];
}) {
  const hintId = useId();
  const isReport = person.isReport && !isSelf;
  return (
    <li className={`person-setting${isReport ? ' is-report' : ''}`}>
      <label className="check">
        <input
          type="checkbox"
          checked={isReport}
          disabled={isSelf}
          aria-describedby={isSelf ? hintId : undefined}
          onChange={(e) => onUpdatePerson(person.id, { isReport: e.target.checked })}
        />{' '}
        {person.name}
        {suggested && <span className="chip chip-suggested">Suggested</span>}
      </label>
      {isSelf && (
        <p className="hint" id={hintId}>
          This is you: you cannot be your own report. Your own level and track are under Me.
        </p>
      )}
      {isReport && <LevelTrackFields person={person} levels={levels} onUpdatePerson={onUpdatePerson} />}
    </li>
  );
}

/** Who the manager is in the current workspace: read from Slack, changeable when Slack's answer is wrong. */
function WorkspaceUserField({
  people,
  self,
  workspaceId,
  onChooseSelf,
}: {
  people: readonly Person[];
  self: Person | null;
  workspaceId: string;
  onChooseSelf: (personId: string | null) => void;
}) {
  const id = useId();
  const candidates = useMemo(() => {
    const inWorkspace = people.filter((p) => p.teamId === workspaceId);
    const listed = self && !inWorkspace.some((p) => p.id === self.id) ? [self, ...inWorkspace] : inWorkspace;
    return listed.toSorted((a, b) => (a.name || a.id).localeCompare(b.name || b.id));
  }, [people, self, workspaceId]);
  return (
    <>
      <div className="field">
        <label htmlFor={id}>You in this workspace</label>
        <select id={id} aria-describedby={`${id}-hint`} value={self?.id ?? ''} onChange={(e) => onChooseSelf(e.target.value || null)}>
          <option value="">Not known yet</option>
          {candidates.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name || p.id}
            </option>
          ))}
        </select>
      </div>
      <p className="hint" id={`${id}-hint`}>
        Aspen reads who is signed in to Slack, separately for each workspace (this one is {workspaceId}). Your own view, self-review and
        report suggestions use this person.
      </p>
    </>
  );
}

type WipeState = 'idle' | 'confirming' | 'wiping' | 'done' | { error: string };

function WipeData({ onWipe }: { onWipe: SettingsViewProps['onWipe'] }) {
  const [state, setState] = useState<WipeState>('idle');
  const cancelRef = useRef<HTMLButtonElement>(null);
  // Focus lands on the safe choice, so a stray Enter cannot confirm.
  useEffect(() => {
    if (state === 'confirming') cancelRef.current?.focus();
  }, [state]);

  async function wipe() {
    setState('wiping');
    try {
      await onWipe();
      setState('done');
    } catch (error) {
      setState({ error: error instanceof Error ? error.message : String(error) });
    }
  }

  return (
    <div className="danger-zone">
      {state === 'confirming' || state === 'wiping' ? (
        <div role="group" aria-labelledby="wipe-question" className="confirm">
          <p id="wipe-question">
            <strong>Delete every message, label, note and setting Aspen has stored in this browser?</strong> This
            cannot be undone.
          </p>
          <div className="actions">
            <button type="button" className="danger" disabled={state === 'wiping'} onClick={() => void wipe()}>
              Yes, delete everything
            </button>
            <button
              type="button"
              className="secondary"
              ref={cancelRef}
              disabled={state === 'wiping'}
              onClick={() => setState('idle')}
            >
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="danger" onClick={() => setState('confirming')}>
          Delete all Aspen data…
        </button>
      )}
      <p role="status" aria-live="polite" className="meta">
        {state === 'done' && 'All Aspen data was deleted.'}
        {typeof state === 'object' && `Could not delete: ${state.error}`}
      </p>
    </div>
  );
}

export function SettingsView(props: SettingsViewProps) {
  const { people, self = null, workspaceId = null, onChooseSelf, suggestedIds, retentionDays, levels, onUpdatePerson, onRetentionChange, countExpiring, onWipe, children } = props;
  const searchId = useId();
  const [query, setQuery] = useState('');

  const suggested = useMemo(() => new Set(suggestedIds), [suggestedIds]);
  // Whether each person was a report when first listed: ticking or unticking one must not move the rows
  // under the pointer, so a row keeps its place until Settings opens again.
  const reportWhenListed = useRef(new Map<string, boolean>());
  // Reports first, then suggestions in rank order, then everyone else by name.
  const ordered = useMemo(() => {
    const listed = reportWhenListed.current;
    for (const p of people) if (!listed.has(p.id)) listed.set(p.id, p.isReport);
    const rank = (p: Person) => (listed.get(p.id) ? 0 : suggested.has(p.id) ? 1 : 2);
    const suggestionOrder = new Map(suggestedIds.map((id, i) => [id, i]));
    return [...people].sort(
      (a, b) =>
        rank(a) - rank(b) ||
        (suggestionOrder.get(a.id) ?? 0) - (suggestionOrder.get(b.id) ?? 0) ||
        a.name.localeCompare(b.name),
    );
  }, [people, suggested, suggestedIds]);
  const needle = query.trim().toLowerCase();
  const matching = needle ? ordered.filter((p) => p.name.toLowerCase().includes(needle)) : ordered;
  const listed = matching.slice(0, PEOPLE_LIST_CAP);

  return (
    <section className="view" aria-labelledby="settings-heading">
      <div className="view-header">
        <h2 id="settings-heading">Settings</h2>
      </div>

      {(self || (workspaceId !== null && onChooseSelf)) && (
        <section aria-labelledby={`${searchId}-me`}>
          <h3 id={`${searchId}-me`}>Me</h3>
          {workspaceId !== null && onChooseSelf && <WorkspaceUserField people={people} self={self} workspaceId={workspaceId} onChooseSelf={onChooseSelf} />}
          {self && (
            <>
              <p className="hint">Your own track and level{self.name ? ` (${self.name})` : ''}: your self-review in Review reads against them.</p>
              <LevelTrackFields person={self} levels={levels} onUpdatePerson={onUpdatePerson} own />
            </>
          )}
        </section>
      )}

      <h3>Your reports</h3>
      <p className="hint">Tick the people who report to you. Suggestions come from whom you message and mention most.</p>
      <div className="field">
        <label htmlFor={searchId}>Find a person</label>
        <input id={searchId} type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
      </div>
      <p className="meta" role="status" aria-live="polite">
        {matching.length > listed.length
          ? `Showing ${listed.length} of ${matching.length} people; search to narrow.`
          : `${matching.length} ${matching.length === 1 ? 'person' : 'people'}`}
      </p>
      <ul className="people-settings">
        {listed.map((person) => (
          <PersonSettings
            key={person.id}
            person={person}
            suggested={suggested.has(person.id)}
            isSelf={person.id === self?.id}
            levels={levels}
            onUpdatePerson={onUpdatePerson}
          />
        ))}
      </ul>

      <h3>Data</h3>
      <RetentionField retentionDays={retentionDays} onRetentionChange={onRetentionChange} countExpiring={countExpiring} />
      {children}
      <h3>Delete data</h3>
      <WipeData onWipe={onWipe} />
    </section>
  );
}
