import type { PanelData } from '../../entrypoints/sidepanel/usePanelData';
import { rubricInUse } from '../../entrypoints/sidepanel/rubric';
import type { EvidenceItem } from '../../lib/signals';
import { DEFAULT_SETTINGS, type AspenDb, type Person } from '../../lib/store';
import { NOW } from '../signals/fixtures';

/** What the panel shows, loaded at NOW, with nothing but the given people and evidence. */
export function panelData(
  db: AspenDb,
  { people, items, stored = null, selfId = null }: { people: Person[]; items: EvidenceItem[]; stored?: unknown; selfId?: string | null },
): PanelData {
  return {
    db,
    people,
    items,
    threadRoots: [],
    partial: false,
    unassignedPages: [],
    settings: { ...DEFAULT_SETTINGS, selfIds: selfId === null ? {} : { T1: selfId }, currentTeamId: 'T1' },
    rubric: rubricInUse(stored),
    decisions: [],
    health: [],
    caughtUp: [],
    queueLength: 0,
    capturedToday: 0,
    classifier: null,
    learning: { examples: 0, learnedFrom: 0 },
    loadedAt: NOW,
  };
}
