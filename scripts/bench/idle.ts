/*
 * An idle seeded Slack tab (seeds/slack.html as app.slack.com), once with the built extension and once
 * without it: after the page and Aspen's first pass settle, nobody touches the tab for 10 s. Counted over
 * those 10 s: DOM mutation records in the page (a MutationObserver in the page's own world, also on the
 * inside of Aspen's closed shadow roots, opened to that world over CDP for the count), runtime
 * messages the service worker receives from the tab (a listener added to the worker), and the renderer
 * main thread's script time (CDP Performance metrics; Aspen's content script runs on that thread).
 */
import type { CDPSession, Worker } from '@playwright/test';
import { exposeClosedShadowRoots, SLACK_CLIENT_URL } from '../chromium';
import { launchBenchBrowser } from './extension';
import type { BenchRow } from './figures';

const IDLE_MS = 10_000;
/** Page load, the first capture and the buttons' first pass are not idle time. */
const SETTLE_MS = 3000;

declare global {
  interface Window {
    __aspenMutations?: number;
  }
}

/** What this bench touches of the service worker's globals. */
interface WorkerGlobals {
  __aspenTabMessages?: number;
  chrome: { runtime: { onMessage: { addListener(listener: (message: unknown, sender: { tab?: unknown }) => void): void } } };
}

interface IdleRun {
  mutations: number;
  messages: number;
  scriptSeconds: number;
}

async function scriptSeconds(cdp: CDPSession): Promise<number> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  return metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0;
}

async function countTabMessages(worker: Worker): Promise<void> {
  await worker.evaluate(() => {
    const worker = globalThis as unknown as WorkerGlobals;
    worker.__aspenTabMessages = 0;
    worker.chrome.runtime.onMessage.addListener((_message, sender) => {
      if (sender.tab) worker.__aspenTabMessages! += 1;
    });
  });
}

async function idleRun(withExtension: boolean): Promise<IdleRun> {
  const { context } = await launchBenchBrowser(withExtension);
  try {
    const page = await context.newPage();
    await page.goto(SLACK_CLIENT_URL);
    await page.waitForFunction(() => document.querySelectorAll('[data-qa="message_container"]').length > 10);
    if (withExtension) await page.waitForSelector('[data-aspen-recognition]');
    await page.waitForTimeout(SETTLE_MS);
    const worker = withExtension ? context.serviceWorkers()[0] : undefined;
    if (worker) await countTabMessages(worker);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    if (withExtension) await exposeClosedShadowRoots(page, '[data-aspen]');
    await page.evaluate(() => {
      window.__aspenMutations = 0;
      const observer = new MutationObserver((records) => (window.__aspenMutations! += records.length));
      const everything = { childList: true, subtree: true, characterData: true, attributes: true };
      observer.observe(document, everything);
      for (const host of document.querySelectorAll('[data-aspen]')) if (host.shadowRoot) observer.observe(host.shadowRoot, everything);
    });
    const scriptBefore = await scriptSeconds(cdp);
    await page.waitForTimeout(IDLE_MS);
    const scriptAfter = await scriptSeconds(cdp);
    return {
      mutations: await page.evaluate(() => window.__aspenMutations!),
      messages: worker ? await worker.evaluate(() => (globalThis as unknown as WorkerGlobals).__aspenTabMessages ?? 0) : 0,
      scriptSeconds: scriptAfter - scriptBefore,
    };
  } finally {
    await context.close();
  }
}

const round3 = (value: number): number => Math.round(value * 1000) / 1000;

export async function benchIdle(): Promise<BenchRow[]> {
  const withAspen = await idleRun(true);
  const without = await idleRun(false);
  return [
    { name: 'idle.domMutations.addedByAspen', value: withAspen.mutations - without.mutations, unit: 'records in 10 s' },
    { name: 'idle.domMutations.withAspen', value: withAspen.mutations, unit: 'records in 10 s' },
    { name: 'idle.domMutations.withoutAspen', value: without.mutations, unit: 'records in 10 s' },
    // Without the extension there is no service worker to message: the baseline is 0.
    { name: 'idle.runtimeMessages.addedByAspen', value: withAspen.messages - without.messages, unit: 'messages in 10 s' },
    { name: 'idle.scriptTime.addedByAspen', value: round3(withAspen.scriptSeconds - without.scriptSeconds), unit: 's in 10 s' },
    { name: 'idle.scriptTime.withAspen', value: round3(withAspen.scriptSeconds), unit: 's in 10 s' },
    { name: 'idle.scriptTime.withoutAspen', value: round3(without.scriptSeconds), unit: 's in 10 s' },
  ];
}
