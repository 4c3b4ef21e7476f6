import type { AppTab } from '@/components/App';
import type { PeriodId } from '@/lib/signals';
import type { Person } from '@/lib/store';
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

/** The side panel's 1:1 prep, Review and Calibration tabs (App's extraTabs). */
export function notesTabs({ data, person, reports, period, onPeriodChange, onOpenSettings }: NotesTabsInput): AppTab[] {
  return [
    {
      id: 'one-on-one',
      label: '1:1 prep',
      render: () =>
        person ? <OneOnOnePrepTab key={person.id} db={data.db} person={person} items={data.items} now={data.loadedAt} /> : choosePerson,
    },
    {
      id: 'review',
      label: 'Review',
      render: () =>
        person ? (
          <ReviewTab
            person={person}
            people={data.people}
            items={data.items}
            now={data.loadedAt}
            period={period}
            onPeriodChange={onPeriodChange}
            loadEmbedder={loadPanelEmbedder}
          />
        ) : (
          choosePerson
        ),
    },
    {
      id: 'calibration',
      label: 'Calibration',
      render: () => (
        <CalibrationTab
          reports={reports}
          items={data.items}
          now={data.loadedAt}
          period={period}
          onPeriodChange={onPeriodChange}
          loadEmbedder={loadPanelEmbedder}
          onOpenSettings={onOpenSettings}
        />
      ),
    },
  ];
}
