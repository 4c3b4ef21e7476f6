import { captureThread, DEFAULT_THREAD_PACE, type CatchUpThreads, type ThreadPace } from './catch-up-threads';
import type { CatchUpStatus } from './types';

/**
 * Catch up: scroll a conversation's own message list upward until it has rendered everything back to a date,
 * so that the normal capture path reads the older rows. Pure: it drives a small list interface (the Slack DOM
 * in the content script, a fake in tests) and a sleep function, and never touches the page itself.
 */

/** What the controller needs from a message list. Every call is cheap (a few DOM reads at most). */
export interface CatchUpList {
  /** Scrolls about a screen (`screens` of them) toward older messages. */
  stepUp(screens: number): void;
  /** The oldest message ts rendered now, or null when no row is rendered. */
  oldestTs(): string | null;
  /** The list's scroll offset: with the oldest ts, tells a step that moved from one that did not. */
  offset(): number;
  /** Slack is fetching older history (its loading row is shown). */
  isLoading(): boolean;
  /** The start of the conversation (its intro) is rendered and nothing older is loading. */
  atStart(): boolean;
  /** The tab is visible: Slack renders nothing useful in a hidden tab, so catch-up waits. */
  isVisible(): boolean;
  /** Which conversation is open now; a change ends the catch-up. */
  conversation(): string | null;
  /** Back to the newest messages, where the manager reads. */
  returnToNewest(): void;
  /** After a step's wait: resolves once the rows it brought have been read (bounded by the list). */
  settle?(): Promise<void>;
}

export type CatchUpOutcome = 'reached-date' | 'reached-start' | 'stopped' | 'conversation-changed' | 'stalled' | 'unknown-thread-pane';

export interface CatchUpProgress {
  phase: 'skipping' | 'reading' | 'threads' | 'waiting' | 'paused';
  /** Oldest ts rendered so far (seconds since epoch, as Slack writes it). */
  oldestTs: string | null;
  /** 0…1 of the way from where the catch-up started to the target date. */
  fraction: number;
  steps: number;
}

export interface CatchUpResult {
  outcome: CatchUpOutcome;
  oldestTs: string | null;
  steps: number;
  /** For the manager: what happened, in words. */
  message: string;
  /** Set when the run ended because Slack did not behave as Aspen knows it (the Health tab shows it); else null. */
  problem: string | null;
}

export interface CatchUpPace extends ThreadPace {
  /** Wait after each step for Slack to render rows (and for the capture batch that follows). */
  stepWaitMs: number;
  /** How often to look again while Slack is loading or the tab is hidden. */
  pollMs: number;
  /** Steps in a row that brought no older row and did not move: Slack has stopped loading. */
  maxIdleSteps: number;
  /** Longest wait for one page of history before giving up. */
  maxLoadingMs: number;
  /** Screens per step over history already stored (resume), where rows need not be read again. */
  skipScreens: number;
}

export const DEFAULT_PACE: CatchUpPace = { stepWaitMs: 250, pollMs: 100, maxIdleSteps: 6, maxLoadingMs: 20_000, skipScreens: 2, ...DEFAULT_THREAD_PACE };

export interface CatchUpOptions {
  /** Stop once a message at or before this time (ms since epoch) is rendered. */
  targetMs: number;
  /** History already captured continuously (oldest…newest ts): passed over quickly instead of read again. */
  stored?: { oldestTs: string; newestTs: string } | null;
  pace?: Partial<CatchUpPace>;
  signal?: AbortSignal;
  /** "Include thread replies": each root with replies in the range is opened in Slack's thread pane and read. */
  threads?: CatchUpThreads;
  onProgress?(progress: CatchUpProgress): void;
  /** Defaults to setTimeout; tests pass a fake clock. */
  sleep?: (ms: number) => Promise<void>;
}

export const tsToMs = (ts: string): number => Number(ts) * 1000;

/** The choices both Aspen's control in Slack and the side panel offer, in weeks back. */
export const CATCH_UP_WEEKS = [2, 4, 12, 26] as const;
export const DEFAULT_CATCH_UP_WEEKS = 12;
const WEEK_MS = 7 * 86_400_000;
export const catchUpTarget = (weeks: number, now = Date.now()): number => now - weeks * WEEK_MS;
/** A date picker's "YYYY-MM-DD" as the start of that day, local time; null when it is not a date. */
export function catchUpTargetFromDate(value: string): number | null {
  const ms = /^\d{4}-\d\d-\d\d$/.test(value) ? new Date(`${value}T00:00:00`).getTime() : NaN;
  return Number.isFinite(ms) ? ms : null;
}

const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** One line for the manager: what a catch-up is doing or how it ended. */
export function describeCatchUp(status: CatchUpStatus): string {
  const reached = status.oldestMs === null ? '' : ` · back to ${isoDay(status.oldestMs)}`;
  const replies = status.threads ? ` and ${status.replies} thread repl${status.replies === 1 ? 'y' : 'ies'}` : '';
  const counted = `${status.captured} message${status.captured === 1 ? '' : 's'}${replies} captured${reached}`;
  if (!status.running) return status.message ? `${status.message} ${counted}.` : counted;
  const phase = {
    starting: 'Starting',
    skipping: 'Passing over stored history',
    reading: 'Catching up',
    threads: 'Reading a thread',
    waiting: 'Waiting for Slack',
    paused: 'Paused while the tab is hidden',
    done: 'Done',
  }[status.phase];
  return `${phase} to ${isoDay(status.targetMs)}: ${counted}`;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const formatDate = (ts: string | null): string => (ts ? new Date(tsToMs(ts)).toISOString().slice(0, 10) : 'no message');

const MESSAGES: Record<CatchUpOutcome, (oldest: string | null, problem: string) => string> = {
  'reached-date': (oldest) => `Caught up to the date (oldest message ${formatDate(oldest)}).`,
  'reached-start': (oldest) => `Reached the start of the conversation (${formatDate(oldest)}).`,
  stopped: (oldest) => `Stopped; captured back to ${formatDate(oldest)}.`,
  'conversation-changed': (oldest) => `Stopped: another conversation was opened (reached ${formatDate(oldest)}).`,
  stalled: (oldest) => `Slack stopped loading older messages at ${formatDate(oldest)}; try again later.`,
  'unknown-thread-pane': (oldest, problem) =>
    `Stopped at ${formatDate(oldest)}: ${problem} Messages up to there are captured; catch up without thread replies to go further.`,
};
/** Outcomes where Slack did not behave as Aspen knows it: the Health tab keeps them. */
const PROBLEM_OUTCOMES: ReadonlySet<CatchUpOutcome> = new Set(['stalled', 'unknown-thread-pane']);

/**
 * Scrolls `list` toward `targetMs` at a bounded pace: one step, then a wait for rows; never a step while
 * Slack is loading; paused while the tab is hidden. Returns the list to the newest messages at the end
 * (unless another conversation was opened, whose list is not ours to move). Never throws for page reasons.
 */
export async function runCatchUp(list: CatchUpList, options: CatchUpOptions): Promise<CatchUpResult> {
  const pace = { ...DEFAULT_PACE, ...options.pace };
  const sleep = options.sleep ?? realSleep;
  const conversation = list.conversation();
  const startTs = list.oldestTs();
  const startMs = startTs ? tsToMs(startTs) : Date.now();
  const span = Math.max(1, startMs - options.targetMs);
  const stored = options.stored ? { oldestMs: tsToMs(options.stored.oldestTs), newestMs: tsToMs(options.stored.newestTs) } : null;
  const isStored = (ts: string | null): boolean => {
    const ms = ts === null ? NaN : tsToMs(ts);
    return stored !== null && ms > stored.oldestMs && ms <= stored.newestMs;
  };
  let steps = 0;
  let oldest = startTs;
  let threadProblem = '';

  const report = (phase: CatchUpProgress['phase']): void => {
    const reachedMs = oldest ? tsToMs(oldest) : startMs;
    const fraction = Math.min(1, Math.max(0, (startMs - reachedMs) / span));
    options.onProgress?.({ phase, oldestTs: oldest, fraction, steps });
  };
  const finish = (outcome: CatchUpOutcome): CatchUpResult => {
    if (outcome !== 'conversation-changed') list.returnToNewest();
    // Nothing older to fetch: the bar is full whether the date or the start of the conversation came first.
    if (outcome === 'reached-date' || outcome === 'reached-start') options.onProgress?.({ phase: 'reading', oldestTs: oldest, fraction: 1, steps });
    const message = MESSAGES[outcome](oldest, threadProblem);
    return { outcome, oldestTs: oldest, steps, message, problem: PROBLEM_OUTCOMES.has(outcome) ? message : null };
  };
  /** Threads read (or tried) already: a root stays rendered over several steps. */
  const threadsTried = new Set<string>();
  const wantsThread = (ts: string): boolean => !threadsTried.has(ts) && tsToMs(ts) >= options.targetMs && !isStored(ts);
  /** Every rendered root with replies in the range, one at a time, looked up again after each pane closes. */
  const readThreads = async (threads: CatchUpThreads): Promise<CatchUpOutcome | null> => {
    for (let rootTs = threads.rootsWithReplies().find(wantsThread); rootTs; rootTs = threads.rootsWithReplies().find(wantsThread)) {
      threadsTried.add(rootTs);
      report('threads');
      const capture = await captureThread(threads, rootTs, pace, sleep, options.signal);
      if (capture.outcome === 'stopped') return 'stopped';
      if (capture.outcome === 'unknown-pane') {
        threadProblem = capture.problem ?? '';
        return 'unknown-thread-pane';
      }
      if (list.conversation() !== conversation) return 'conversation-changed';
    }
    return null;
  };
  const older = (a: string | null, b: string | null): string | null => (a === null ? b : b === null ? a : Number(b) < Number(a) ? b : a);

  let idleSteps = 0;
  let loadingMs = 0;
  for (;;) {
    if (options.signal?.aborted) return finish('stopped');
    if (list.conversation() !== conversation) return finish('conversation-changed');
    oldest = older(oldest, list.oldestTs());
    const reachedDate = oldest !== null && tsToMs(oldest) <= options.targetMs;
    // With threads, the last screen's threads are read before the date ends the run.
    if (reachedDate && !options.threads) return finish('reached-date');
    if (!list.isVisible()) {
      report('paused');
      await sleep(pace.pollMs);
      continue;
    }
    if (list.isLoading()) {
      report('waiting');
      loadingMs += pace.pollMs;
      if (loadingMs > pace.maxLoadingMs) return finish('stalled');
      await sleep(pace.pollMs);
      continue;
    }
    loadingMs = 0;
    const threadOutcome = options.threads ? await readThreads(options.threads) : null;
    if (threadOutcome) return finish(threadOutcome);
    if (reachedDate) return finish('reached-date');
    if (list.atStart()) return finish('reached-start');

    const skipping = isStored(oldest);
    const before = { oldest: list.oldestTs(), offset: list.offset() };
    list.stepUp(skipping ? pace.skipScreens : 1);
    steps++;
    report(skipping ? 'skipping' : 'reading');
    await sleep(pace.stepWaitMs);
    await list.settle?.();
    const now = list.oldestTs();
    const broughtOlder = now !== null && (before.oldest === null || Number(now) < Number(before.oldest));
    idleSteps = broughtOlder || list.offset() !== before.offset || list.isLoading() ? 0 : idleSteps + 1;
    if (idleSteps >= pace.maxIdleSteps) return finish('stalled');
  }
}
