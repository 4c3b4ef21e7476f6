import type { AppTab } from '@/components/App';
import { UnsureNotice } from '@/components/UnsureNotice';
import { isSettled, periodRange, unsureLeftOut, type PeriodId } from '@/lib/signals';
import { currentSelfId, type Person } from '@/lib/store';
import type { PanelData } from '../usePanelData';
import { CalibrationTab } from './CalibrationTab';
import { loadPanelEmbedder } from './embedder';
import { OneOnOnePrepTab } from './OneOnOnePrepTab';
import { ReviewTab } from './ReviewTab';

export interface NotesTabsInput {
  data: PanelData;
  /** The person open in the Person tab, if any. */
  person: Person | null;
  reports: readonly Person[];
  period: PeriodId;
  onPeriodChange: (period: PeriodId) => void;
  onOpenSettings: () => void;
}

const choosePerson = <p className="empty">Choose someone in the Team view first.</p>;

/** Said wherever the rubric matters: a saved custom rubric that cannot be read is replaced by the default. */
function RubricFallbackNotice({ onOpenSettings }: { onOpenSettings: () => void }) {
  return (
    <div role="alert" className="notice notice-attention">
      <p>Your custom career rubric could not be read, so Aspen’s default rubric is used here.</p>
      <button type="button" className="secondary" onClick={onOpenSettings}>
        See the problems in Settings
      </button>
    </div>
  );
}

/**
 * The side panel's 1:1 prep, Review and Calibration tabs (App's extraTabs). They read confident or confirmed
 * labels only: an unsure label waits for the manager in the Person timeline.
 */
export function notesTabs({ data, person, reports, period, onPeriodChange, onOpenSettings }: NotesTabsInput): AppTab[] {
  const { rubric, problems } = data.rubric;
  const fallbackNotice = problems.length > 0 && <RubricFallbackNotice onOpenSettings={onOpenSettings} />;
  const items = data.items.filter(isSettled);
  const now = data.loadedAt;
  const { from, to } = periodRange(period, now);
  const unsureNotice = (people: readonly Person[]) => <UnsureNotice unsure={unsureLeftOut(data.items, people.map((p) => p.id), from, to)} />;
  return [
    {
      id: 'one-on-one',
      label: '1:1 prep',
      render: () =>
        person ? <OneOnOnePrepTab key={person.id} db={data.db} person={person} items={items} now={now} /> : choosePerson,
    },
    {
      id: 'review',
      label: 'Review',
      render: () =>
        person ? (
          <>
            {fallbackNotice}
            {unsureNotice([person])}
            <ReviewTab
              db={data.db}
              decisions={data.decisions}
              person={person}
              people={data.people}
              items={items}
              now={now}
              period={period}
              onPeriodChange={onPeriodChange}
              loadEmbedder={loadPanelEmbedder}
              rubric={rubric}
              selfReview={person.id === currentSelfId(data.settings)}
            />
          </>
        ) : (
          choosePerson
        ),
    },
    {
      id: 'calibration',
      label: 'Calibration',
      render: () => (
        <>
          {fallbackNotice}
          {unsureNotice(reports)}
          <CalibrationTab
            decisions={data.decisions}
            threadRoots={data.threadRoots}
            reports={reports}
            items={items}
            now={now}
            period={period}
            onPeriodChange={onPeriodChange}
            loadEmbedder={loadPanelEmbedder}
            onOpenSettings={onOpenSettings}
            rubric={rubric}
          />
        </>
      ),
    },
  ];
}
