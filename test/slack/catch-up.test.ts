import { describe, expect, it } from 'vitest';
import { runCatchUp, tsToMs, type CatchUpList, type CatchUpProgress } from '../../lib/slack/catch-up';
import type { CatchUpThreads } from '../../lib/slack/catch-up-threads';

const DAY = 86_400_000;
const NEWEST_MS = Date.UTC(2026, 10, 20, 12);

/**
 * A conversation's list as Slack behaves: one message every `everyMs`, the newest 50 loaded, pages of 50
 * more fetched (after `loadMs`) when the view nears the top, about 40 rows rendered around the view.
 */
class FakeList implements CatchUpList {
  readonly log: string[] = [];
  now = 0;
  visible = true;
  channel = 'C0PLATFRM1';
  /** Fetching stops working (a broken connection, an unknown layout). */
  stuck = false;
  returnedToNewest = 0;
  private loaded: number;
  private top: number;
  private loadingUntil: number | null = null;
  readonly all: string[];

  constructor(count: number, everyMs = DAY / 4, private readonly loadMs = 400) {
    this.all = Array.from({ length: count }, (_, i) => ((NEWEST_MS - (count - 1 - i) * everyMs) / 1000).toFixed(6));
    this.loaded = Math.min(50, count);
    this.top = this.loaded - 10;
  }

  private get loadedRows(): string[] {
    return this.all.slice(this.all.length - this.loaded);
  }

  stepUp(screens: number): void {
    this.log.push(`step ${screens}${this.isLoading() ? ' while loading' : ''}${this.visible ? '' : ' while hidden'}`);
    this.top = Math.max(0, this.top - 10 * screens);
    if (this.top < 10 && this.loaded < this.all.length && this.loadingUntil === null && !this.stuck) this.loadingUntil = this.now + this.loadMs;
  }
  oldestTs(): string | null {
    return this.loadedRows[Math.max(0, this.top - 15)] ?? null;
  }
  /** The rows mounted now: from the oldest rendered to a screen and more below the view. */
  rendered(): string[] {
    return this.loadedRows.slice(Math.max(0, this.top - 15), this.top + 25);
  }
  offset(): number {
    return this.top;
  }
  isLoading(): boolean {
    return this.loadingUntil !== null;
  }
  atStart(): boolean {
    return this.loaded === this.all.length && this.top === 0;
  }
  isVisible(): boolean {
    return this.visible;
  }
  conversation(): string | null {
    return this.channel;
  }
  returnToNewest(): void {
    this.returnedToNewest++;
    this.top = this.loaded - 10;
  }
  /** The fake clock: time passes only in the controller's sleeps. */
  readonly sleep = async (ms: number): Promise<void> => {
    this.log.push(`sleep ${ms}`);
    this.now += ms;
    if (this.loadingUntil !== null && this.now >= this.loadingUntil) {
      const added = Math.min(50, this.all.length - this.loaded);
      this.loaded += added;
      this.top += added;
      this.loadingUntil = null;
    }
    await Promise.resolve();
  };
}

const pace = { stepWaitMs: 200, pollMs: 100, maxIdleSteps: 4, maxLoadingMs: 5_000, skipScreens: 3, threadWaitMs: 150, maxThreadLoadMs: 1_500, maxThreadSteps: 3 };

describe('runCatchUp on a fake list', () => {
  it('stops at the target date, with progress reaching it, and returns to the newest messages', async () => {
    const list = new FakeList(600); // 150 days of history, four messages a day
    const targetMs = NEWEST_MS - 84 * DAY;
    const progress: CatchUpProgress[] = [];
    const result = await runCatchUp(list, { targetMs, pace, sleep: list.sleep, onProgress: (p) => progress.push(p) });
    expect(result.outcome).toBe('reached-date');
    expect(tsToMs(result.oldestTs!)).toBeLessThanOrEqual(targetMs);
    // It stopped at the first step that reached the date, not somewhere further back.
    expect(tsToMs(result.oldestTs!)).toBeGreaterThan(targetMs - 10 * (DAY / 4));
    expect(result.message).toMatch(/^Caught up to the date \(oldest message \d{4}-\d\d-\d\d\)\.$/);
    expect(progress.at(-1)!.fraction).toBe(1);
    const fractions = progress.map((p) => p.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(progress.some((p) => p.phase === 'waiting')).toBe(true);
    expect(list.returnedToNewest).toBe(1);
  });

  it('stops at the start of a conversation younger than the target', async () => {
    const list = new FakeList(120);
    const result = await runCatchUp(list, { targetMs: NEWEST_MS - 365 * DAY, pace, sleep: list.sleep });
    expect(result).toMatchObject({ outcome: 'reached-start', oldestTs: list.all[0] });
    expect(result.message).toMatch(/^Reached the start of the conversation/);
    expect(list.returnedToNewest).toBe(1);
  });

  it('says so when Slack stops loading older rows, after several idle steps', async () => {
    const list = new FakeList(600);
    list.stuck = true;
    const result = await runCatchUp(list, { targetMs: NEWEST_MS - 84 * DAY, pace, sleep: list.sleep });
    expect(result.outcome).toBe('stalled');
    expect(result.message).toMatch(/^Slack stopped loading older messages at \d{4}-\d\d-\d\d/);
    expect(list.returnedToNewest).toBe(1);
  });

  it('gives up on a page of history that never arrives', async () => {
    const list = new FakeList(600, DAY / 4, 60_000);
    const result = await runCatchUp(list, { targetMs: NEWEST_MS - 84 * DAY, pace, sleep: list.sleep });
    expect(result.outcome).toBe('stalled');
    expect(list.now).toBeLessThan(10_000);
  });

  it('stops on Stop and keeps where it got to; a conversation switch ends it without moving the other list', async () => {
    const list = new FakeList(600);
    const stop = new AbortController();
    const stopped = await runCatchUp(list, {
      targetMs: NEWEST_MS - 84 * DAY,
      pace,
      signal: stop.signal,
      sleep: list.sleep,
      onProgress: (p) => p.steps === 5 && stop.abort(),
    });
    expect(stopped).toMatchObject({ outcome: 'stopped', steps: 5 });
    expect(list.returnedToNewest).toBe(1);

    const switched = new FakeList(600);
    const result = await runCatchUp(switched, {
      targetMs: NEWEST_MS - 84 * DAY,
      pace,
      sleep: switched.sleep,
      onProgress: (p) => {
        if (p.steps === 3) switched.channel = 'C0DESIGN02';
      },
    });
    expect(result).toMatchObject({ outcome: 'conversation-changed', steps: 3 });
    expect(switched.returnedToNewest).toBe(0);
  });

  it('pauses while the tab is hidden and goes on when it is visible again', async () => {
    const list = new FakeList(600);
    let hiddenPolls = 0;
    const result = await runCatchUp(list, {
      targetMs: NEWEST_MS - 84 * DAY,
      pace,
      sleep: list.sleep,
      onProgress: (p) => {
        if (p.steps === 2 && p.phase === 'reading' && hiddenPolls === 0) list.visible = false;
        if (p.phase === 'paused' && ++hiddenPolls === 10) list.visible = true;
      },
    });
    expect(hiddenPolls).toBe(10);
    expect(result.outcome).toBe('reached-date');
    expect(list.log.some((e) => e.includes('while hidden'))).toBe(false);
  });

  it('keeps a bounded pace: every step is followed by a wait, and none is taken while Slack loads', async () => {
    const list = new FakeList(600);
    await runCatchUp(list, { targetMs: NEWEST_MS - 84 * DAY, pace, sleep: list.sleep });
    const steps = list.log.filter((e) => e.startsWith('step'));
    expect(steps.length).toBeGreaterThan(10);
    expect(list.log.some((e) => e.includes('while loading'))).toBe(false);
    list.log.forEach((entry, i) => {
      if (entry.startsWith('step')) expect(list.log[i + 1]).toBe('sleep 200');
    });
  });

  it('resumes from the stored point: passes over stored history in bigger steps, then reads a screen at a time', async () => {
    const fresh = new FakeList(600);
    const targetMs = NEWEST_MS - 84 * DAY;
    const full = await runCatchUp(fresh, { targetMs, pace, sleep: fresh.sleep });

    const resumed = new FakeList(600);
    const stored = { oldestTs: resumed.all[resumed.all.length - 200], newestTs: resumed.all.at(-1)! }; // 50 days back
    const phases: CatchUpProgress['phase'][] = [];
    const result = await runCatchUp(resumed, { targetMs, stored, pace, sleep: resumed.sleep, onProgress: (p) => phases.push(p.phase) });
    expect(result.outcome).toBe('reached-date');
    expect(result.steps).toBeLessThan(full.steps);
    const skips = resumed.log.filter((e) => e === 'step 3');
    const reads = resumed.log.filter((e) => e === 'step 1');
    expect(skips.length).toBeGreaterThan(0);
    expect(reads.length).toBeGreaterThan(0);
    // Skipping comes first (newer than the stored point), reading after it.
    expect(phases.lastIndexOf('skipping')).toBeLessThan(phases.indexOf('reading'));
  });
});

/**
 * Slack's thread pane beside a FakeList: every seventh message is a root with replies; a pane shows its
 * thread 300 ms after the reply count is clicked; long threads (every 21st) need more screens than the bound.
 */
class FakeThreads implements CatchUpThreads {
  readonly opened: string[] = [];
  open_: string | null = null;
  /** `no-pane`: the pane never appears as Aspen knows it; `no-close`: its close button is not recognized. */
  markup: 'known' | 'no-pane' | 'no-close' = 'known';
  onOpen?: (ts: string) => void;
  private readyAt = 0;
  private screensLeft = 0;

  constructor(private readonly list: FakeList) {}

  hasReplies(ts: string): boolean {
    return this.list.all.indexOf(ts) % 7 === 0;
  }
  rootsWithReplies(): string[] {
    return this.list.rendered().filter((ts) => this.hasReplies(ts));
  }
  open(rootTs: string): boolean {
    if (!this.rootsWithReplies().includes(rootTs)) return false;
    this.list.log.push(`open ${rootTs}`);
    this.opened.push(rootTs);
    this.open_ = rootTs;
    this.readyAt = this.list.now + 300;
    this.screensLeft = this.list.all.indexOf(rootTs) % 21 === 0 ? 10 : 1;
    this.onOpen?.(rootTs);
    return true;
  }
  pane(rootTs: string): 'absent' | 'loading' | 'ready' {
    if (this.markup === 'no-pane' || this.open_ === null) return 'absent';
    return this.open_ === rootTs && this.list.now >= this.readyAt ? 'ready' : 'loading';
  }
  stepDown(): boolean {
    this.list.log.push('pane step');
    return this.screensLeft-- > 0;
  }
  close(): boolean {
    if (this.markup === 'no-close') return false;
    this.list.log.push('close');
    this.open_ = null;
    return true;
  }
  async settle(): Promise<void> {
    this.list.log.push('settle');
  }
}

describe('runCatchUp with thread replies, on a fake list and thread pane', () => {
  const targetMs = NEWEST_MS - 28 * DAY;

  it('opens every root with replies in the range once, reads it, closes it, and goes on', async () => {
    const list = new FakeList(600);
    const threads = new FakeThreads(list);
    const phases = new Set<CatchUpProgress['phase']>();
    const result = await runCatchUp(list, { targetMs, pace, sleep: list.sleep, threads, onProgress: (p) => phases.add(p.phase) });
    expect(result).toMatchObject({ outcome: 'reached-date', problem: null });
    const expected = list.all.filter((ts) => threads.hasReplies(ts) && tsToMs(ts) >= targetMs);
    expect([...threads.opened].sort()).toEqual(expected);
    expect(threads.open_).toBeNull();
    expect(phases.has('threads')).toBe(true);
    // Each thread: open, a wait, read, then closed before the next opens or the list moves.
    const log = list.log.filter((e) => !e.startsWith('sleep') || e === `sleep ${pace.threadWaitMs}`);
    log.forEach((entry, i) => {
      if (!entry.startsWith('open')) return;
      expect(log[i + 1]).toBe(`sleep ${pace.threadWaitMs}`);
      const closeAt = log.indexOf('close', i);
      expect(closeAt).toBeGreaterThan(log.indexOf('settle', i));
      expect(log.slice(i + 1, closeAt).some((e) => e.startsWith('open') || e.startsWith('step'))).toBe(false);
    });
    // A long thread is read a bounded number of screens.
    const longRoot = threads.opened.find((ts) => list.all.indexOf(ts) % 21 === 0)!;
    const from = list.log.indexOf(`open ${longRoot}`);
    expect(list.log.slice(from, list.log.indexOf('close', from)).filter((e) => e === 'pane step')).toHaveLength(pace.maxThreadSteps);
    expect(list.returnedToNewest).toBe(1);
  });

  it('passes over threads in stored history, and opens none without the option', async () => {
    const list = new FakeList(600);
    const threads = new FakeThreads(list);
    const stored = { oldestTs: list.all[list.all.length - 60], newestTs: list.all.at(-1)! };
    await runCatchUp(list, { targetMs, stored, pace, sleep: list.sleep, threads });
    expect(threads.opened.length).toBeGreaterThan(0);
    expect(threads.opened.every((ts) => Number(ts) <= Number(stored.oldestTs))).toBe(true);

    const plain = new FakeList(600);
    const untouched = new FakeThreads(plain);
    await runCatchUp(plain, { targetMs, pace, sleep: plain.sleep });
    expect(untouched.opened).toEqual([]);
  });

  it('stops mid-thread on Stop, closing the pane and keeping where it got to', async () => {
    const list = new FakeList(600);
    const threads = new FakeThreads(list);
    const stop = new AbortController();
    threads.onOpen = () => threads.opened.length === 3 && stop.abort();
    const result = await runCatchUp(list, { targetMs, pace, sleep: list.sleep, threads, signal: stop.signal });
    expect(result).toMatchObject({ outcome: 'stopped', problem: null });
    expect(threads.opened).toHaveLength(3);
    expect(threads.open_).toBeNull();
    expect(list.log.at(-1)).not.toBe('pane step');
    expect(list.returnedToNewest).toBe(1);
  });

  it('ends with a clear message and a problem, not an exception, on a thread pane it does not know', async () => {
    const list = new FakeList(600);
    const threads = new FakeThreads(list);
    threads.markup = 'no-pane';
    const result = await runCatchUp(list, { targetMs, pace, sleep: list.sleep, threads });
    expect(result.outcome).toBe('unknown-thread-pane');
    expect(result.message).toMatch(/^Stopped at \d{4}-\d\d-\d\d: Slack’s thread pane did not open in a form Aspen recognizes\. Messages up to there are captured/);
    expect(result.problem).toBe(result.message);
    expect(threads.opened).toHaveLength(1);
    expect(list.returnedToNewest).toBe(1);

    const noClose = new FakeList(600);
    const stuck = new FakeThreads(noClose);
    stuck.markup = 'no-close';
    const closing = await runCatchUp(noClose, { targetMs, pace, sleep: noClose.sleep, threads: stuck });
    expect(closing.outcome).toBe('unknown-thread-pane');
    expect(closing.message).toContain('Aspen does not recognize the close button of Slack’s thread pane.');
    expect(stuck.opened).toHaveLength(1);
  });

  it('marks a run that Slack stopped feeding as a problem for Health', async () => {
    const list = new FakeList(600);
    list.stuck = true;
    const result = await runCatchUp(list, { targetMs, pace, sleep: list.sleep });
    expect(result.outcome).toBe('stalled');
    expect(result.problem).toBe(result.message);
  });
});
