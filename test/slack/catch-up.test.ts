import { describe, expect, it } from 'vitest';
import { runCatchUp, tsToMs, type CatchUpList, type CatchUpProgress } from '../../lib/slack/catch-up';

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

const pace = { stepWaitMs: 200, pollMs: 100, maxIdleSteps: 4, maxLoadingMs: 5_000, skipScreens: 3 };

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
