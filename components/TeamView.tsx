import { useMemo } from 'react';
import { periodRange, teamSignals, type EvidenceItem, type PeriodId } from '../lib/signals';
import type { Person } from '../lib/store/schema';
import { PeriodSelect } from './PeriodSelect';
import { SignalSummary } from './SignalSummary';
import { formatDate } from './format';

export interface TeamViewProps {
  /** The manager's reports, in display order. */
  people: readonly Person[];
  items: readonly EvidenceItem[];
  /** The roots of threads the items reply in, for the quiet-contributor cue. */
  threadRoots?: readonly EvidenceItem[];
  now: number;
  period: PeriodId;
  onPeriodChange: (period: PeriodId) => void;
  onOpenPerson: (personId: string) => void;
  /** The signed-in Slack user, when known: offered as "Me", reports or not. */
  self?: Person | null;
  onOpenSettings?: () => void;
}

export function TeamView({ people, items, threadRoots = [], now, period, onPeriodChange, onOpenPerson, onOpenSettings, self }: TeamViewProps) {
  const rows = useMemo(() => teamSignals(people, items, { ...periodRange(period, now), now }, threadRoots), [people, items, threadRoots, period, now]);

  return (
    <section className="view" aria-labelledby="team-heading">
      <div className="view-header">
        <h2 id="team-heading">Team</h2>
        <PeriodSelect value={period} onChange={onPeriodChange} />
      </div>
      {self && (
        <div className="card team-row team-self">
          <h3 className="team-row-name">
            <button type="button" className="link-button" onClick={() => onOpenPerson(self.id)}>
              Me
            </button>
          </h3>
          <p className="meta">Your own evidence{self.name ? ` as ${self.name}` : ''}, and a self-review against your track and level.</p>
        </div>
      )}
      {rows.length === 0 ? (
        <div className="empty">
          <p>No reports chosen yet. Pick the people who report to you in Settings.</p>
          {onOpenSettings && (
            <button type="button" onClick={onOpenSettings}>
              Open Settings
            </button>
          )}
        </div>
      ) : (
        <ul className="team-list">
          {rows.map(({ person, signals, cues }) => (
            <li key={person.id} className="card team-row">
              <h3 className="team-row-name">
                <button type="button" className="link-button" onClick={() => onOpenPerson(person.id)}>
                  {person.name}
                </button>
              </h3>
              <p className="meta">
                {signals.lastSignalAt === null ? 'No signals yet' : `Last signal ${formatDate(signals.lastSignalAt)}`}
              </p>
              <SignalSummary signals={signals} cues={cues} personName={person.name} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
