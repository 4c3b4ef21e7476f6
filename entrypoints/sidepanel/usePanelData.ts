import { useCallback, useEffect, useRef, useState } from 'react';
import { readClassifierStatus } from '@/lib/classify/status';
import type { ClassifierStatus } from '@/lib/classify/runner';
import { captureStateReplySchema, onStoreEvent } from '@/lib/messaging';
import { pageEvidenceToItem } from '@/lib/notes';
import { DAY_MS, SERIES_WEEKS, WEEK_MS, type EvidenceItem } from '@/lib/signals';
import {
  allDecisions,
  countCapturedSince,
  countTrainingExamples,
  currentSelfId,
  getLearnedModel,
  evidenceAll,
  evidenceForKeys,
  evidenceForPeople,
  getCustomRubric,
  getSettings,
  knownPeople,
  listCaptureHealth,
  listCaughtUpRanges,
  listPageEvidence,
  listPeople,
  messageKey,
  queueLength,
  reopeningConnection,
  suggestReports,
  type AspenDb,
  type CaughtUpRange,
  type EvidenceDecision,
  type HealthRecord,
  type PageEvidence,
  type Person,
  type Settings,
} from '@/lib/store';
import { rubricInUse, type RubricInUse } from './rubric';

/** How far back the panel loads: the longest period it offers plus the 12-week sparkline before it. */
const LOOKBACK_MS = 400 * DAY_MS;
/** What the first render needs: the default period and the sparkline. The rest of the look-back follows. */
const FIRST_LOOKBACK_MS = SERIES_WEEKS * WEEK_MS;

export interface PanelData {
  db: AspenDb;
  /** Everyone known; only the saved people until the whole look-back has loaded. */
  people: Person[];
  /**
   * Slack evidence about or by the reports (everyone's, until reports are chosen) and the captured pages already
   * filed under a person (source 'page').
   */
  items: EvidenceItem[];
  /** The roots of the threads that messages in `items` reply in, labelled: which replies answered an ask. */
  threadRoots: EvidenceItem[];
  /** Whether `items` cover only the recent weeks and `people` only the saved people: the rest is on its way. */
  partial: boolean;
  /** Captured pages nobody has been picked for yet. */
  unassignedPages: PageEvidence[];
  settings: Settings;
  /** The career rubric for Review, Next level and Calibration: the manager's own when valid, else the default. */
  rubric: RubricInUse;
  /** The manager's decisions about evidence in reviews: moved, excluded, pinned. */
  decisions: EvidenceDecision[];
  health: HealthRecord[];
  /** Each conversation's caught-up range, most recent first. */
  caughtUp: CaughtUpRange[];
  queueLength: number;
  /** Messages first captured since local midnight. */
  capturedToday: number;
  classifier: ClassifierStatus | null;
  /** The manager's examples for their model, and how many the refitted model in use learned from (0: shipped). */
  learning: { examples: number; learnedFrom: number };
  loadedAt: number;
}

/** A pause that full storage had no room to record is known only to the background: ask it. */
async function withBackgroundPause(settings: Settings): Promise<Settings> {
  if (settings.capturePaused) return settings;
  const reply = captureStateReplySchema.safeParse(await browser.runtime.sendMessage({ type: 'capture-state' }).catch(() => null));
  return reply.success ? { ...settings, ...reply.data } : settings;
}

/**
 * Everything the panel shows. With `firstRender`, and reports chosen, only what the team view needs: their
 * recent weeks, and the saved people (finding everyone seen in messages takes longer). Without reports the
 * team view needs everyone's evidence, so that load is whole at once.
 */
export async function loadPanelData(db: AspenDb, firstRender: boolean): Promise<PanelData> {
  const now = Date.now();
  const [saved, stored] = await Promise.all([listPeople(db), getSettings(db)]);
  const selfId = currentSelfId(stored);
  const reportIds = saved.filter((person) => person.isReport && person.id !== selfId).map((person) => person.id);
  // The signed-in user's own evidence comes along, for their "Me" view.
  const evidenceIds = selfId !== null && !reportIds.includes(selfId) ? [...reportIds, selfId] : reportIds;
  const partial = firstRender && reportIds.length > 0;
  const from = now - (partial ? FIRST_LOOKBACK_MS : LOOKBACK_MS);
  const [people, slackItems, pages, settings, rubric, decisions, health, caughtUp, queued, capturedToday, examples, learned] = await Promise.all([
    partial ? saved : knownPeople(db),
    // The reports' evidence is read through the indexes; everyone's only until reports are chosen.
    reportIds.length > 0 ? evidenceForPeople(db, evidenceIds, { from, to: now }) : evidenceAll(db, { from, to: now }),
    listPageEvidence(db),
    getSettings(db).then(withBackgroundPause),
    getCustomRubric(db).then(rubricInUse),
    allDecisions(db),
    listCaptureHealth(db),
    listCaughtUpRanges(db),
    queueLength(db),
    countCapturedSince(db, new Date(now).setHours(0, 0, 0, 0)),
    countTrainingExamples(db),
    getLearnedModel(db),
  ]);
  const assigned = pages.filter((page) => page.personId !== '' && page.capturedAt >= from);
  const rootKeys = slackItems.flatMap(({ message: m }) => (m.inThread && m.threadTs !== null ? [messageKey({ teamId: m.teamId, channelId: m.channelId, ts: m.threadTs })] : []));
  return {
    db,
    people,
    items: [...slackItems, ...assigned.map(pageEvidenceToItem)],
    threadRoots: await evidenceForKeys(db, rootKeys),
    partial,
    unassignedPages: pages.filter((page) => page.personId === ''),
    settings,
    rubric,
    decisions,
    health,
    caughtUp,
    queueLength: queued,
    capturedToday,
    classifier: readClassifierStatus(localStorage),
    learning: { examples, learnedFrom: learned?.examples ?? 0 },
    loadedAt: now,
  };
}

/**
 * Whom the manager talks with most, as suggested reports; their own id comes from settings or the messages.
 * Reads every stored message, so only while `wanted`, again after each reload (`loadedAt`).
 */
export function useSuggestedReportIds(data: PanelData, wanted: boolean): string[] {
  const { db, settings, loadedAt } = data;
  const selfId = currentSelfId(settings);
  const [ids, setIds] = useState<string[]>([]);
  useEffect(() => {
    if (!wanted) return;
    let current = true;
    // Suggestions only help pick reports: when they cannot be read, there are none.
    suggestReports(db, selfId).then(
      (suggestions) => {
        if (current) setIds(suggestions.map((s) => s.personId));
      },
      () => {
        if (current) setIds([]);
      },
    );
    return () => {
      current = false;
    };
  }, [db, selfId, loadedAt, wanted]);
  return ids;
}

/** Everything the panel shows, reloaded whenever any Aspen context announces a change (live updates). */
export function usePanelData(): { data: PanelData | null; error: string | null; reload: () => void } {
  const [db, setDb] = useState<AspenDb | null>(null);
  const [data, setData] = useState<PanelData | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    // A connection the browser closed (site data cleared) or a newer Aspen took over is replaced, and the panel reloads on it.
    const connection = reopeningConnection();
    let mounted = true;
    const connect = () =>
      connection.get().then(
        (opened) => mounted && setDb(opened),
        (e: unknown) => mounted && setError(`Could not open Aspen's database: ${String(e)}`),
      );
    const stopListening = connection.onLost(() => void connect());
    void connect();
    return () => {
      mounted = false;
      stopListening();
    };
  }, []);

  // Only the latest load may show: a slow full load must not replace a newer one.
  const latestLoad = useRef(0);
  const load = useCallback(
    async (firstRender: boolean): Promise<PanelData | null> => {
      if (!db) return null;
      const ticket = ++latestLoad.current;
      try {
        const next = await loadPanelData(db, firstRender);
        if (ticket !== latestLoad.current) return null;
        setData(next);
        setError(null);
        return next;
      } catch (e: unknown) {
        if (ticket === latestLoad.current) setError(`Could not read Aspen's data: ${e instanceof Error ? e.message : String(e)}`);
        return null;
      }
    },
    [db],
  );
  const reload = useCallback(() => void load(false), [load]);

  useEffect(() => {
    // The team view first, then everything else.
    void load(true).then((first) => {
      if (first?.partial) reload();
    });
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
