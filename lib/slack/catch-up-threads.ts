/**
 * Thread replies during a catch-up: open a root's thread in Slack's thread pane as a person would (its reply
 * count), let the normal capture path read the pane, scroll the pane to its newest reply, close it again.
 * Pure, like the controller: it drives a small pane interface and a sleep function.
 */

/** What thread capture needs from Slack's page. Every call is cheap (a few DOM reads at most). */
export interface CatchUpThreads {
  /** Roots rendered in the conversation's list now whose reply count shows replies: their ts. */
  rootsWithReplies(): string[];
  /** Clicks the root's reply count; false when that control is not rendered. */
  open(rootTs: string): boolean;
  /**
   * `absent`: no thread pane Aspen recognizes is open; `loading`: a pane without the thread's rows yet;
   * `ready`: the pane shows this root and at least one reply.
   */
  pane(rootTs: string): 'absent' | 'loading' | 'ready';
  /** Scrolls the pane about a screen toward its newest reply; false when it is at its end already. */
  stepDown(): boolean;
  /** Clicks the pane's close button; false when there is none Aspen recognizes. */
  close(): boolean;
  /** Resolves once the capture path has read the page as it is now (bounded). */
  settle?(): Promise<void>;
}

export interface ThreadPace {
  /** Wait after opening, stepping through or closing a pane, for Slack to render it. */
  threadWaitMs: number;
  /** Longest wait for a pane to show its thread, or to go away after Close. */
  maxThreadLoadMs: number;
  /** Screens scrolled through one thread's pane at most: a bound on a very long thread. */
  maxThreadSteps: number;
}

export const DEFAULT_THREAD_PACE: ThreadPace = { threadWaitMs: 250, maxThreadLoadMs: 5000, maxThreadSteps: 40 };

export type ThreadOutcome = 'captured' | 'stopped' | 'unknown-pane';

export interface ThreadCapture {
  outcome: ThreadOutcome;
  /** For `unknown-pane`: what Aspen did not recognize, in words. */
  problem?: string;
}

const UNKNOWN_PANE = {
  noControl: 'Aspen could not find the reply count that opens this thread in Slack.',
  noPane: 'Slack’s thread pane did not open in a form Aspen recognizes.',
  noClose: 'Aspen does not recognize the close button of Slack’s thread pane.',
  stuckOpen: 'Slack’s thread pane did not close.',
} as const;

/**
 * Opens, reads and closes one thread at a bounded pace. Leaves the pane closed on every outcome it can
 * (Stop included); never throws for page reasons.
 */
export async function captureThread(
  threads: CatchUpThreads,
  rootTs: string,
  pace: ThreadPace,
  sleep: (ms: number) => Promise<void>,
  signal?: AbortSignal,
): Promise<ThreadCapture> {
  const waitFor = async (done: () => boolean): Promise<boolean> => {
    for (let waited = 0; !done(); waited += pace.threadWaitMs) {
      if (signal?.aborted || waited >= pace.maxThreadLoadMs) return false;
      await sleep(pace.threadWaitMs);
    }
    return true;
  };
  const closePane = async (): Promise<ThreadCapture | null> => {
    if (threads.pane(rootTs) === 'absent') return null;
    if (!threads.close()) return { outcome: 'unknown-pane', problem: UNKNOWN_PANE.noClose };
    const closed = await waitFor(() => threads.pane(rootTs) === 'absent');
    return closed || signal?.aborted ? null : { outcome: 'unknown-pane', problem: UNKNOWN_PANE.stuckOpen };
  };
  const stopped = async (): Promise<ThreadCapture> => (await closePane()) ?? { outcome: 'stopped' };

  if (!threads.open(rootTs)) return { outcome: 'unknown-pane', problem: UNKNOWN_PANE.noControl };
  await sleep(pace.threadWaitMs);
  const shown = await waitFor(() => threads.pane(rootTs) === 'ready');
  if (signal?.aborted) return stopped();
  if (!shown) return (await closePane()) ?? { outcome: 'unknown-pane', problem: UNKNOWN_PANE.noPane };
  await threads.settle?.();
  for (let step = 0; step < pace.maxThreadSteps && threads.stepDown(); step++) {
    if (signal?.aborted) return stopped();
    await sleep(pace.threadWaitMs);
    await threads.settle?.();
  }
  if (signal?.aborted) return stopped();
  return (await closePane()) ?? { outcome: 'captured' };
}
