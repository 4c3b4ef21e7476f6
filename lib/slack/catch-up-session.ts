import { runCatchUp, tsToMs, type CatchUpPace, type CatchUpProgress } from './catch-up';
import { findMessageScroller, slackHistoryList, slackThreadPane } from './history-list';
import { readSlackLocation } from './location';
import type { CapturedMessage, CatchUpRun, CatchUpStatus } from './types';

export interface CatchUpSessionOptions {
  doc: Document;
  /** The conversation's caught-up range, to pass over; null when there is none. */
  storedRange(teamId: string, channelId: string): Promise<{ oldestTs: string; newestTs: string } | null>;
  /** A run ended: what it scrolled through without a gap. */
  finished(run: CatchUpRun): Promise<void>;
  /** Every change of status, for Aspen's control in Slack and the side panel. */
  publish(status: CatchUpStatus): void;
  /** Asks the capture path to read the page now (it reads it soon after); thread capture waits for that read. */
  requestParse(): void;
  pace?: Partial<CatchUpPace>;
}

export interface CatchUpSession {
  /**
   * Starts a catch-up of the open conversation, unless one is running (one per tab): its status either way.
   * `full` reads stored history again; `threads` opens and reads each thread with replies in the range.
   */
  start(targetMs: number, full: boolean, threads?: boolean): CatchUpStatus;
  stop(): void;
  status(): CatchUpStatus | null;
  /** Messages the normal capture path just sent: counted toward the running catch-up. */
  noteCaptured(messages: readonly CapturedMessage[]): void;
  /** The observer read the page again: the rows of the last step have gone through the parser. */
  noteParsed(): void;
  /** The page navigates or Aspen stops: end any run without touching the page further. */
  dispose(): void;
}

/** Longest wait, after a step, for the observer to read the rows it brought. */
const SETTLE_MAX_MS = 1500;
const SETTLE_POLL_MS = 50;
const PUBLISH_EVERY_MS = 200;
const NO_SCROLLER = 'Aspen does not recognize this conversation’s message list, so it cannot scroll it.';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * One catch-up per tab, driven by the pure controller over Slack's own scroller. The rows it brings into view
 * are read by the normal observer (same parser, same batches); this only counts them and waits for them.
 */
export function createCatchUpSession(options: CatchUpSessionOptions): CatchUpSession {
  const { doc } = options;
  let current: CatchUpStatus | null = null;
  let abort: AbortController | null = null;
  let counted = new Set<string>();
  let repliesCounted = new Set<string>();
  let parses = 0;
  let disposed = false;

  let publishTimer: ReturnType<typeof setTimeout> | undefined;
  /**
   * Progress changes with every batch and step: it goes out (to Aspen's control and the background) at most
   * every PUBLISH_EVERY_MS, the latest state; the end of a run goes out at once.
   */
  const publish = (patch: Partial<CatchUpStatus>): void => {
    if (!current) return;
    current = { ...current, ...patch };
    if (disposed) return;
    if (!current.running) {
      clearTimeout(publishTimer);
      publishTimer = undefined;
      options.publish(current);
    } else {
      publishTimer ??= setTimeout(() => {
        publishTimer = undefined;
        if (current && !disposed) options.publish(current);
      }, PUBLISH_EVERY_MS);
    }
  };

  const fail = (message: string, base: Omit<CatchUpStatus, 'running' | 'phase' | 'message'>): CatchUpStatus => {
    current = { ...base, running: false, phase: 'done', message };
    options.publish(current);
    return current;
  };

  /** Waits (bounded) until the observer has read the page since `mark` parses. */
  const parsedSince = async (mark: number, signal: AbortSignal): Promise<void> => {
    for (let waited = 0; parses === mark && waited < SETTLE_MAX_MS && !signal.aborted; waited += SETTLE_POLL_MS) await sleep(SETTLE_POLL_MS);
  };

  async function run(
    targetMs: number,
    { full, threads }: { full: boolean; threads: boolean },
    signal: AbortSignal,
    scroller: HTMLElement,
    location: { teamId: string; channelId: string; channelName: string },
  ) {
    const list = slackHistoryList(doc, scroller);
    const newestTs = list.newestTs();
    const stored = full ? null : await options.storedRange(location.teamId, location.channelId).catch(() => null);
    const pane = slackThreadPane(doc, scroller);
    let parsesAtStep = parses;
    const result = await runCatchUp(
      {
        ...list,
        stepUp(screens) {
          parsesAtStep = parses;
          list.stepUp(screens);
        },
        settle: () => parsedSince(parsesAtStep, signal),
      },
      {
        targetMs,
        stored,
        signal,
        threads: threads
          ? {
              ...pane,
              // The pane's rows go through the same parser and batches as the list's; this waits for that read.
              settle() {
                const mark = parses;
                options.requestParse();
                return parsedSince(mark, signal);
              },
            }
          : undefined,
        pace: options.pace,
        onProgress: (progress: CatchUpProgress) =>
          publish({ phase: progress.phase, fraction: progress.fraction, oldestMs: progress.oldestTs ? tsToMs(progress.oldestTs) : null }),
      },
    );
    if (((newestTs && result.oldestTs) || result.problem) && !disposed) {
      const range = newestTs && result.oldestTs ? { oldestTs: result.oldestTs, newestTs } : { oldestTs: null, newestTs: null };
      await options.finished({ ...location, ...range, outcome: result.message, problem: result.problem }).catch(() => undefined);
    }
    publish({ running: false, phase: 'done', message: result.message });
  }

  return {
    start(targetMs, full, threads = false) {
      if (current?.running) return current;
      const location = readSlackLocation(doc, doc.defaultView?.location.href ?? doc.URL);
      const base = {
        teamId: location.teamId ?? '',
        channelId: location.channelId ?? '',
        channelName: location.channelName ?? '',
        targetMs,
        fraction: 0,
        captured: 0,
        threads,
        replies: 0,
        oldestMs: null,
      };
      if (!location.teamId || !location.channelId) return fail('Open a conversation in Slack to catch up on it.', base);
      const conversation = { teamId: location.teamId, channelId: location.channelId, channelName: location.channelName ?? '' };
      const scroller = findMessageScroller(doc);
      if (!scroller) {
        const problem = NO_SCROLLER;
        // Health keeps it: the manager sees there what stopped the catch-up, and Slack's page sees nothing.
        void options.finished({ ...conversation, oldestTs: null, newestTs: null, outcome: problem, problem }).catch(() => undefined);
        return fail(problem, base);
      }
      abort = new AbortController();
      counted = new Set();
      repliesCounted = new Set();
      current = { ...base, running: true, phase: 'starting', message: null };
      options.publish(current);
      const { signal } = abort;
      run(targetMs, { full, threads }, signal, scroller, conversation).catch((error: unknown) => {
        // Never into Slack's page: the run ends with a message instead.
        publish({ running: false, phase: 'done', message: `Catch-up stopped: ${error instanceof Error ? error.message : String(error)}` });
      });
      return current;
    },
    stop() {
      abort?.abort();
    },
    status: () => current,
    noteCaptured(messages) {
      if (!current?.running) return;
      const before = counted.size + repliesCounted.size;
      for (const m of messages) {
        if (m.teamId === current.teamId && m.channelId === current.channelId) (m.inThread ? repliesCounted : counted).add(m.ts);
      }
      if (counted.size + repliesCounted.size !== before) publish({ captured: counted.size, replies: repliesCounted.size });
    },
    noteParsed() {
      parses++;
    },
    dispose() {
      disposed = true;
      clearTimeout(publishTimer);
      abort?.abort();
    },
  };
}
