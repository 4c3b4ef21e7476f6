import { useCallback, useEffect, useState } from 'react';
import { readClassifierStatus } from '@/lib/classify/status';
import type { ClassifierStatus } from '@/lib/classify/runner';
import { captureStateReplySchema, onStoreEvent } from '@/lib/messaging';
import { pageEvidenceToItem } from '@/lib/notes';
import { inferSelfId, suggestReportsFromMessages, type EvidenceItem } from '@/lib/signals';
import {
  countCapturedSince,
  evidenceAll,
  getSettings,
  knownPeople,
  listCaptureHealth,
  listPageEvidence,
  openAspenDb,
  queueLength,
  type AspenDb,
  type HealthRecord,
  type PageEvidence,
  type Person,
  type Settings,
  type StoredMessage,
} from '@/lib/store';

/** How far back the panel loads: the longest period it offers plus the 12-week sparkline before it. */
const LOOKBACK_MS = 400 * 24 * 3600 * 1000;

export interface PanelData {
  db: AspenDb;
  people: Person[];
  /** Slack evidence and the captured pages already filed under a person (source 'page'). */
  items: EvidenceItem[];
  /** Captured pages nobody has been picked for yet. */
  unassignedPages: PageEvidence[];
  settings: Settings;
  health: HealthRecord[];
  queueLength: number;
  /** Messages first captured since local midnight. */
  capturedToday: number;
  classifier: ClassifierStatus | null;
  loadedAt: number;
}

/** A pause that full storage had no room to record is known only to the background: ask it. */
async function withBackgroundPause(settings: Settings): Promise<Settings> {
  if (settings.capturePaused) return settings;
  const reply = captureStateReplySchema.safeParse(await browser.runtime.sendMessage({ type: 'capture-state' }).catch(() => null));
  return reply.success ? { ...settings, ...reply.data } : settings;
}

async function loadPanelData(db: AspenDb): Promise<PanelData> {
  const now = Date.now();
  const [people, slackItems, pages, settings, health, queued, capturedToday] = await Promise.all([
    knownPeople(db),
    evidenceAll(db, { from: now - LOOKBACK_MS, to: now }),
    listPageEvidence(db),
    getSettings(db).then(withBackgroundPause),
    listCaptureHealth(db),
    queueLength(db),
    countCapturedSince(db, new Date(now).setHours(0, 0, 0, 0)),
  ]);
  const assigned = pages.filter((page) => page.personId !== '' && page.capturedAt >= now - LOOKBACK_MS);
  return {
    db,
    people,
    items: [...slackItems, ...assigned.map(pageEvidenceToItem)],
    unassignedPages: pages.filter((page) => page.personId === ''),
    settings,
    health,
    queueLength: queued,
    capturedToday,
    classifier: readClassifierStatus(localStorage),
    loadedAt: now,
  };
}

/** Whom the manager talks with most, as suggested reports; their own id comes from settings or the messages. */
export function suggestedReportIds(settings: Settings, messages: readonly StoredMessage[]): string[] {
  const selfId = settings.selfId ?? inferSelfId(messages);
  return selfId ? suggestReportsFromMessages(selfId, messages).map((s) => s.personId) : [];
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
