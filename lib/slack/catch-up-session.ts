import { runCatchUp, tsToMs, type CatchUpPace, type CatchUpProgress } from './catch-up';
import { findMessageScroller, slackHistoryList } from './history-list';
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
  pace?: Partial<CatchUpPace>;
}

export interface CatchUpSession {
  /** Starts a catch-up of the open conversation, unless one is running (one per tab): its status either way. */
  start(targetMs: number, full: boolean): CatchUpStatus;
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
  let parses = 0;
  let disposed = false;

  const publish = (patch: Partial<CatchUpStatus>): void => {
    if (!current) return;
    current = { ...current, ...patch };
    if (!disposed) options.publish(current);
  };

  const fail = (message: string, base: Omit<CatchUpStatus, 'running' | 'phase' | 'message'>): CatchUpStatus => {
    current = { ...base, running: false, phase: 'done', message };
    options.publish(current);
    return current;
  };

  async function run(targetMs: number, full: boolean, signal: AbortSignal, scroller: HTMLElement, location: { teamId: string; channelId: string; channelName: string }) {
    const list = slackHistoryList(doc, scroller);
    const newestTs = list.newestTs();
    const stored = full ? null : await options.storedRange(location.teamId, location.channelId).catch(() => null);
    let parsesAtStep = parses;
    const result = await runCatchUp(
      {
        ...list,
        stepUp(screens) {
          parsesAtStep = parses;
          list.stepUp(screens);
        },
        async settle() {
          for (let waited = 0; parses === parsesAtStep && waited < SETTLE_MAX_MS && !signal.aborted; waited += SETTLE_POLL_MS) await sleep(SETTLE_POLL_MS);
        },
      },
      {
        targetMs,
        stored,
        signal,
        pace: options.pace,
        onProgress: (progress: CatchUpProgress) =>
          publish({ phase: progress.phase, fraction: progress.fraction, oldestMs: progress.oldestTs ? tsToMs(progress.oldestTs) : null }),
      },
    );
    if (newestTs && result.oldestTs && !disposed) {
      await options
        .finished({ ...location, oldestTs: result.oldestTs, newestTs, outcome: result.message })
        .catch(() => undefined);
    }
    publish({ running: false, phase: 'done', message: result.message });
  }

  return {
    start(targetMs, full) {
      if (current?.running) return current;
      const location = readSlackLocation(doc, doc.defaultView?.location.href ?? doc.URL);
      const base = {
        teamId: location.teamId ?? '',
        channelId: location.channelId ?? '',
        channelName: location.channelName ?? '',
        targetMs,
        fraction: 0,
        captured: 0,
        oldestMs: null,
      };
      if (!location.teamId || !location.channelId) return fail('Open a conversation in Slack to catch up on it.', base);
      const scroller = findMessageScroller(doc);
      if (!scroller) return fail('Aspen does not recognize this conversation’s message list, so it cannot scroll it.', base);
      abort = new AbortController();
      counted = new Set();
      current = { ...base, running: true, phase: 'starting', message: null };
      options.publish(current);
      const { signal } = abort;
      const conversation = { teamId: location.teamId, channelId: location.channelId, channelName: location.channelName ?? '' };
      run(targetMs, full, signal, scroller, conversation).catch((error: unknown) => {
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
      const before = counted.size;
      for (const m of messages) {
        if (m.teamId === current.teamId && m.channelId === current.channelId && !m.inThread) counted.add(m.ts);
      }
      if (counted.size !== before) publish({ captured: counted.size });
    },
    noteParsed() {
      parses++;
    },
    dispose() {
      disposed = true;
      abort?.abort();
    },
  };
}
