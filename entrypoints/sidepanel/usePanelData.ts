import { useCallback, useEffect, useState } from 'react';
import { readClassifierStatus } from '@/lib/classify/status';
import type { ClassifierStatus } from '@/lib/classify/runner';
import { onStoreEvent } from '@/lib/messaging';
import type { EvidenceItem } from '@/lib/signals';
import {
  evidenceAll,
  getSettings,
  knownPeople,
  listCaptureHealth,
  openAspenDb,
  queueLength,
  type AspenDb,
  type HealthRecord,
  type Person,
  type Settings,
} from '@/lib/store';

/** How far back the panel loads: the longest period it offers plus the 12-week sparkline before it. */
const LOOKBACK_MS = 400 * 24 * 3600 * 1000;

export interface PanelData {
  db: AspenDb;
  people: Person[];
  items: EvidenceItem[];
  settings: Settings;
  health: HealthRecord[];
  queueLength: number;
  classifier: ClassifierStatus | null;
  loadedAt: number;
}

async function loadPanelData(db: AspenDb): Promise<PanelData> {
  const now = Date.now();
  const [people, items, settings, health, queued] = await Promise.all([
    knownPeople(db),
    evidenceAll(db, { from: now - LOOKBACK_MS, to: now }),
    getSettings(db),
    listCaptureHealth(db),
    queueLength(db),
  ]);
  return { db, people, items, settings, health, queueLength: queued, classifier: readClassifierStatus(localStorage), loadedAt: now };
}

/** Everything the panel shows, reloaded whenever any Aspen context announces a change (live updates). */
export function usePanelData(): { data: PanelData | null; error: string | null; reload: () => void } {
  const [db, setDb] = useState<AspenDb | null>(null);
  const [data, setData] = useState<PanelData | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    openAspenDb().then(setDb, (e: unknown) => setError(`Could not open Aspen's database: ${String(e)}`));
  }, []);

  const reload = useCallback(() => {
    if (!db) return;
    loadPanelData(db).then(
      (next) => {
        setData(next);
        setError(null);
      },
      (e: unknown) => setError(`Could not read Aspen's data: ${e instanceof Error ? e.message : String(e)}`),
    );
  }, [db]);

  useEffect(() => {
    reload();
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Capture sends many small batches; one reload per quiet moment keeps the panel smooth.
    const unsubscribe = onStoreEvent(() => {
      clearTimeout(timer);
      timer = setTimeout(reload, 250);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [reload]);

  return { data, error, reload };
}
