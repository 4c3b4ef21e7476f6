/*
 * Catching up 2,000 messages of one channel in the seeded Slack-like page (a generated workspace large enough),
 * with the built extension: Aspen's control in the page scrolls the channel back to the day of its 2,000th
 * newest message while a CPU profile records Aspen's share of the tab's main thread. Counts what reached
 * IndexedDB, and requests that try to leave the browser (all refused).
 */
import type { CDPSession, Page } from '@playwright/test';
import { generateWorkspace } from '../../seeds/generate';
import { catchUpControl, chooseCatchUpDay, SLACK_CLIENT_URL, waitForCatchUpStatus } from '../chromium';
import { launchBenchBrowser } from './extension';
import { round1, type BenchRow } from './figures';
import { longestScriptCall, PROFILE_SAMPLING_US, timeInScripts, traceTimeline, type Profile } from './profile';

const WORKSPACE_SIZE = 10_000;
const CHANNEL = 'C0PLATFRM1';
const MESSAGES = 2000;
const DONE_TIMEOUT_MS = 15 * 60_000;

/** Keys of the channel's stored messages at or after `fromSec`, read through the extension's own page. */
async function storedSince(page: Page, fromSec: number): Promise<number> {
  return page.evaluate(
    ({ channel, from }) =>
      new Promise<number>((done, fail) => {
        const open = indexedDB.open('aspen');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('messages').objectStore('messages').getAllKeys();
          request.onerror = () => fail(request.error);
          request.onsuccess = () =>
            done((request.result as string[]).filter((key) => key.split('/')[1] === channel && Number(key.split('/')[2]) >= from).length);
        };
      }),
    { channel: CHANNEL, from: fromSec },
  );
}

export async function benchCatchUp(): Promise<BenchRow[]> {
  const roots = generateWorkspace({ messageCount: WORKSPACE_SIZE }).messages.filter(
    (m) => m.channelId === CHANNEL && (m.threadTs === null || m.threadTs === m.ts),
  );
  if (roots.length < MESSAGES) throw new Error(`the generated channel has ${roots.length} messages, fewer than ${MESSAGES}`);
  const { context, extensionId, leaked } = await launchBenchBrowser(true);
  try {
    const page = await context.newPage();
    await page.goto(`${SLACK_CLIENT_URL}?size=${WORKSPACE_SIZE}`);
    const mountedBy = Date.now() + 60_000;
    while (!(await catchUpControl(page)).some((node) => node.role === 'button' && node.name === 'Catch up')) {
      if (Date.now() > mountedBy) throw new Error("Aspen's catch-up control did not appear in Slack's header");
      await page.waitForTimeout(500);
    }
    await page.waitForTimeout(1500);
    // The day of the 2,000th newest message, as the manager would pick it (start of that day, local time).
    const day = await page.evaluate((ms) => {
      const d = new Date(ms);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    }, Number(roots[roots.length - MESSAGES].ts) * 1000);
    const fromSec = await page.evaluate((value) => new Date(`${value}T00:00:00`).getTime() / 1000, day);
    // By keyboard, as the manager would: the control's root is closed.
    await chooseCatchUpDay(page, day);

    const cdp: CDPSession = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: PROFILE_SAMPLING_US });
    await cdp.send('Profiler.start');
    const started = performance.now();
    let seconds = 0;
    let outcome = '';
    const trace = await traceTimeline(cdp, async () => {
      await page.keyboard.press('Enter');
      outcome = await waitForCatchUpStatus(page, /Caught up to the date|Reached the start|stopped/i, DONE_TIMEOUT_MS);
      seconds = (performance.now() - started) / 1000;
      // The last batch is sent after the last rows render; its work belongs to the catch-up.
      await page.waitForTimeout(1500);
    });
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
    if (!/Caught up to the date/.test(outcome)) throw new Error(`catch-up did not reach its date: ${outcome}`);
    const aspen = timeInScripts(profile, `chrome-extension://${extensionId}/`);
    const longestCall = longestScriptCall(trace, `chrome-extension://${extensionId}/`);

    const store = await context.newPage();
    await store.goto(`chrome-extension://${extensionId}/sidepanel.html`);
    await page.waitForTimeout(2000);
    const captured = await storedSince(store, fromSec);
    const expected = roots.filter((m) => Number(m.ts) >= fromSec).length;
    return [
      { name: 'catchUp.messages', value: captured, unit: `of ${expected} messages` },
      { name: 'catchUp.time', value: round1(seconds), unit: 's' },
      { name: 'catchUp.messagesPerSecond', value: round1(captured / seconds), unit: 'messages/s' },
      { name: 'catchUp.aspenLongestStretch', value: round1(aspen.longestStretchMs), unit: 'ms' },
      { name: 'catchUp.aspenLongestStretchWidestSample', value: round1(aspen.longestStretchWidestSampleMs), unit: 'ms' },
      // The same question without the OS's share of a loaded machine: thread time of Aspen's longest call.
      { name: 'catchUp.aspenLongestCallCpu', value: round1(longestCall.cpuMs), unit: `ms (${round1(longestCall.wallMs)} ms wall)` },
      { name: 'catchUp.aspenMainThreadTotal', value: round1(aspen.totalMs), unit: 'ms' },
      { name: 'privacy.requestsLeaving.catchUp', value: leaked.length, unit: 'requests' },
    ];
  } finally {
    await context.close();
  }
}
