/*
 * Scrolling a big channel in the seeded Slack-like page (5,000-message workspace), once with the built
 * extension and once without it. Long tasks come from a PerformanceObserver installed before the page loads;
 * Aspen's own share of the main thread comes from a CPU profile of the tab (the content script runs on
 * Slack's main thread; the store and the classifier run in other processes). Also counts requests that try
 * to leave the browser while Aspen captures (all refused).
 */
import type { CDPSession, Page } from '@playwright/test';
import { SLACK_CLIENT_URL } from '../chromium';
import { launchBenchBrowser } from './extension';
import { round1, type BenchRow } from './figures';
import { PROFILE_SAMPLING_US, timeInScripts, type Profile } from './profile';

const WORKSPACE_SIZE = 5000;
/** One screen, as in the capture e2e; the pause lets the list render and the observer fire between steps. */
const STEP_PX = 600;
const STEP_PAUSE_MS = 50;
const MAX_STEPS = 800;
const LONG_TASK_MS = 50;

declare global {
  interface Window {
    __aspenLongTasks?: { startTime: number; duration: number }[];
  }
}

function observeLongTasks() {
  const tasks: { startTime: number; duration: number }[] = [];
  window.__aspenLongTasks = tasks;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) tasks.push({ startTime: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
}

interface ScrollRun {
  steps: number;
  longTasks: number;
  longestTaskMs: number;
  /** Only with the extension. */
  aspen?: { totalMs: number; longestStretchMs: number };
  leaked: number;
}

/** Scrolls the channel from its newest message to its oldest, a screen at a time. */
async function scrollToTop(page: Page): Promise<number> {
  for (let step = 1; step <= MAX_STEPS; step += 1) {
    const atTop = await page.evaluate((px) => {
      window.slackDemo!.scrollBy(-px);
      return window.slackDemo!.atStart();
    }, STEP_PX);
    await page.waitForTimeout(STEP_PAUSE_MS);
    if (atTop) return step;
  }
  throw new Error(`not at the top of the channel after ${MAX_STEPS} steps`);
}

async function scrollRun(withExtension: boolean): Promise<ScrollRun> {
  const { context, extensionId, leaked } = await launchBenchBrowser(withExtension);
  try {
    await context.addInitScript(observeLongTasks);
    const page = await context.newPage();
    await page.goto(`${SLACK_CLIENT_URL}?size=${WORKSPACE_SIZE}`);
    await page.waitForFunction(() => document.querySelectorAll('[data-qa="message_container"]').length > 10);
    // Generating the workspace and the first capture are page load, not scrolling: let them settle.
    await page.waitForTimeout(1500);
    const cdp: CDPSession = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: PROFILE_SAMPLING_US });
    await cdp.send('Profiler.start');
    const scrollStart = await page.evaluate(() => performance.now());
    const steps = await scrollToTop(page);
    // Capture is batched after the last rows render; its work belongs to the scroll.
    await page.waitForTimeout(1000);
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
    const tasks = (await page.evaluate(() => window.__aspenLongTasks!)).filter((t) => t.startTime >= scrollStart && t.duration > LONG_TASK_MS);
    return {
      steps,
      longTasks: tasks.length,
      longestTaskMs: Math.max(0, ...tasks.map((t) => t.duration)),
      ...(extensionId ? { aspen: timeInScripts(profile, `chrome-extension://${extensionId}/`) } : {}),
      leaked: leaked.length,
    };
  } finally {
    await context.close();
  }
}

export async function benchScroll(): Promise<BenchRow[]> {
  const withAspen = await scrollRun(true);
  const without = await scrollRun(false);
  const aspen = withAspen.aspen!;
  return [
    // Long tasks also come from the page itself and from other work on a shared machine; the same scroll
    // without the extension is the baseline, and the difference is what Aspen adds (noisy: a count).
    { name: 'scroll.longTasksOver50ms.addedByAspen', value: withAspen.longTasks - without.longTasks, unit: 'tasks' },
    { name: 'scroll.longTasksOver50ms.withAspen', value: withAspen.longTasks, unit: 'tasks' },
    { name: 'scroll.longTasksOver50ms.withoutAspen', value: without.longTasks, unit: 'tasks' },
    { name: 'scroll.longestTask.withAspen', value: round1(withAspen.longestTaskMs), unit: 'ms' },
    { name: 'scroll.longestTask.withoutAspen', value: round1(without.longestTaskMs), unit: 'ms' },
    // Attributed directly: the longest run of profile samples with Aspen's content script on the stack.
    { name: 'scroll.aspenLongestStretch', value: round1(aspen.longestStretchMs), unit: 'ms' },
    { name: 'scroll.aspenMainThreadTotal', value: round1(aspen.totalMs), unit: 'ms' },
    { name: 'scroll.aspenMainThreadPerStep', value: round1(aspen.totalMs / withAspen.steps), unit: 'ms' },
    { name: 'scroll.steps', value: withAspen.steps, unit: `steps of ${STEP_PX} px` },
    { name: 'privacy.requestsLeaving.scroll', value: withAspen.leaked, unit: 'requests' },
  ];
}
