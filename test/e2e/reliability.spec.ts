import type { BrowserContext, Page } from '@playwright/test';
import { expect, readStore, SLACK_URL, test } from './extension';
import { listedKeys, scrollThroughChannel, seededWorkspace, storedKeys } from './seeded-slack';

/** The part of an extension page's `chrome` these tests use (the test project has no chrome typings). */
interface ExtensionPageGlobals {
  chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };
}

/** Opens an extension page and a DevTools session on it: CDP commands then act on the extension's origin. */
async function extensionDevtools(context: BrowserContext, extensionId: string) {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  return { page, cdp: await context.newCDPSession(page) };
}

/** Chromium re-reads an origin's remaining quota at most this often; writes in between use the cached figure. */
const QUOTA_CACHE_MS = 31_000;

/** Waits until the classifier has labelled everything stored, so that nothing else writes meanwhile. */
async function untilQueueDrained(context: BrowserContext, extensionId: string, timeout = 90_000) {
  await expect
    .poll(
      async () => {
        const [messages, classifications] = await Promise.all([
          readStore<{ queue?: unknown }>(context, extensionId, 'messages'),
          readStore(context, extensionId, 'classifications'),
        ]);
        return { queued: messages.filter((m) => m.queue !== undefined).length, unclassified: messages.length - classifications.length };
      },
      { timeout, intervals: [1000] },
    )
    .toEqual({ queued: 0, unclassified: 0 });
}

test('when the browser refuses to store more, capture pauses, the panel says why, and nothing stored is lost', async ({
  context,
  extensionId,
  slack,
}) => {
  test.setTimeout(180_000);
  await expect.poll(async () => (await storedKeys(context, extensionId)).length, { timeout: 30_000 }).toBeGreaterThan(10);
  await untilQueueDrained(context, extensionId);
  const before = await storedKeys(context, extensionId);

  // No room left at all: on a full disk even the small pause record cannot be saved.
  const origin = `chrome-extension://${extensionId}`;
  const { page, cdp } = await extensionDevtools(context, extensionId);
  const { usage } = await cdp.send('Storage.getUsageAndQuota', { origin });
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: usage });
  await page.waitForTimeout(QUOTA_CACHE_MS);

  await scrollThroughChannel(slack);
  await slack.evaluate(() => window.slackDemo!.openChannel('C0DESIGN02'));
  await scrollThroughChannel(slack);
  const captureState = () => page.evaluate(() => (globalThis as unknown as ExtensionPageGlobals).chrome.runtime.sendMessage({ type: 'capture-state' }));
  await expect.poll(captureState, { timeout: 30_000 }).toEqual({
    capturePaused: true,
    pauseReason: expect.stringMatching(/^Browser storage is full/),
  });

  await page.reload();
  await page.getByRole('tab', { name: 'Health (needs attention)' }).click();
  await expect(page.getByRole('tabpanel')).toContainText('Capture is paused: Browser storage is full');

  const after = await storedKeys(context, extensionId);
  expect(after).toEqual(expect.arrayContaining(before));
  // Capture really stopped: the second channel was not stored.
  expect(after.filter((key) => key.includes('/C0DESIGN02/'))).toEqual([]);
});

test('a service worker stopped mid-capture loses nothing: every message is stored and classified', async ({
  context,
  extensionId,
  slack,
}) => {
  test.setTimeout(240_000);
  const { cdp } = await extensionDevtools(context, extensionId);
  const statuses: string[] = [];
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const version of versions) if (version.scriptURL.startsWith(`chrome-extension://${extensionId}/`)) statuses.push(version.runningStatus);
  });
  await cdp.send('ServiceWorker.enable');
  // Chrome stops an extension's worker whenever it likes (idle, memory): here, every few screens of scrolling.
  const stopServiceWorkers = () => cdp.send('ServiceWorker.stopAllWorkers');
  const stops: number[] = [];
  const stopEvery = (period: number) => async (step: number) => {
    if (step % period !== 0) return;
    stops.push(step);
    await stopServiceWorkers();
  };
  // A reader glances at the oldest and the newest messages of a channel before moving on: capture batches
  // rows when Slack's page is idle, so rows shown for only a moment (under ~250 ms) may go unseen.
  const READING_MS = 500;
  await scrollThroughChannel(slack, { between: stopEvery(4) });
  await slack.waitForTimeout(READING_MS);
  await slack.evaluate(() => window.slackDemo!.openChannel('C0DESIGN02'));
  await stopServiceWorkers();
  await slack.waitForTimeout(READING_MS);
  await scrollThroughChannel(slack, { between: stopEvery(5) });
  await slack.waitForTimeout(READING_MS);
  // Stopped, restarted by the next capture, stopped again: a stop that finds the worker already stopped adds nothing.
  expect(stops.length).toBeGreaterThan(4);
  expect(statuses.filter((status) => status === 'stopped').length).toBeGreaterThanOrEqual(3);

  const expected = [...listedKeys(seededWorkspace, 'C0PLATFRM1'), ...listedKeys(seededWorkspace, 'C0DESIGN02')].sort();
  await expect.poll(() => storedKeys(context, extensionId), { timeout: 30_000 }).toEqual(expected);
  await untilQueueDrained(context, extensionId, 120_000);
});

/** Resolves as soon as the classifier has taken some queued messages (leased, not yet completed). */
function untilLeaseTaken(page: Page, timeout: number) {
  return page.evaluate(
    (deadline) =>
      new Promise<number>((done, fail) => {
        const open = indexedDB.open('aspen');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const look = () => {
            const request = open.result.transaction('messages').objectStore('messages').index('queued').getAll();
            request.onsuccess = () => {
              const queued = request.result as Array<{ queue: { leasedUntil?: number } }>;
              const leased = queued.filter((message) => (message.queue.leasedUntil ?? 0) > Date.now());
              if (leased.length > 0) done(leased.length);
              else if (Date.now() > deadline) fail(new Error('the classifier never took a batch'));
              else setTimeout(look, 5);
            };
          };
          look();
        };
      }),
    Date.now() + timeout,
  );
}

test('an offscreen classifier closed mid-batch: the next one takes the batch over and the queue drains', async ({
  context,
  extensionId,
}) => {
  test.setTimeout(240_000);
  const { page, cdp } = await extensionDevtools(context, extensionId);
  const slack = await context.newPage();
  await slack.goto(SLACK_URL);
  await scrollThroughChannel(slack, { pauseMs: 20 });
  expect(await untilLeaseTaken(page, 60_000)).toBeGreaterThan(0);
  const { targetInfos } = await cdp.send('Target.getTargets');
  const offscreen = targetInfos.find((target) => target.url === `chrome-extension://${extensionId}/offscreen.html`);
  expect(offscreen).toBeDefined();
  await cdp.send('Target.closeTarget', { targetId: offscreen!.targetId });

  // More capture wakes the classifier, which opens a fresh offscreen document.
  await slack.evaluate(() => window.slackDemo!.openChannel('C0DESIGN02'));
  await scrollThroughChannel(slack);
  await untilQueueDrained(context, extensionId, 120_000);
});

test('rows read while capture is paused are captured when it resumes, the ones scrolled away included', async ({
  context,
  extensionId,
  slack,
}) => {
  test.setTimeout(120_000);
  const platform = listedKeys(seededWorkspace, 'C0PLATFRM1');
  await expect.poll(async () => (await storedKeys(context, extensionId)).length, { timeout: 30_000 }).toBeGreaterThan(10);
  // Paused as a full disk pauses it: the record the background reads before storing a batch.
  const { page } = await extensionDevtools(context, extensionId);
  await page.evaluate(
    () =>
      new Promise<void>((done, fail) => {
        const open = indexedDB.open('aspen');
        open.onsuccess = () => {
          const tx = open.result.transaction('settings', 'readwrite');
          const store = tx.objectStore('settings');
          const read = store.get('settings');
          read.onsuccess = () => store.put({ ...read.result, capturePaused: true, pauseReason: 'paused by the test' }, 'settings');
          tx.oncomplete = () => done();
          tx.onerror = () => fail(tx.error);
        };
        open.onerror = () => fail(open.error);
      }),
  );
  const beforePause = await storedKeys(context, extensionId);
  // Slowly enough that every row is parsed once (a row shown for under ~250 ms may go unseen, paused or not).
  await scrollThroughChannel(slack, { pauseMs: 400 });
  await slack.waitForTimeout(500);
  await slack.evaluate(() => window.slackDemo!.openChannel('C0DESIGN02'));
  await slack.waitForTimeout(1000);
  expect(await storedKeys(context, extensionId)).toEqual(beforePause);

  // Nobody scrolls back: resuming alone brings in what was read, in both channels.
  await page.evaluate(() => (globalThis as unknown as ExtensionPageGlobals).chrome.runtime.sendMessage({ type: 'resume-capture' }));
  const design = await slack.evaluate(() => [...document.querySelectorAll('[data-qa="message_container"]')].map((row) => row.getAttribute('data-msg-ts')));
  await expect
    .poll(async () => {
      const stored = new Set(await storedKeys(context, extensionId));
      const missing = (keys: string[]) => keys.filter((key) => !stored.has(key)).length;
      return { platform: missing(platform), design: missing(design.map((ts) => `T0ASPEN01/C0DESIGN02/${ts}`)) };
    }, { timeout: 30_000 })
    .toEqual({ platform: 0, design: 0 });
});

test('retention is scheduled: a daily alarm is registered as soon as Aspen starts', async ({ context, extensionId }) => {
  expect(extensionId).toBeTruthy();
  const worker = context.serviceWorkers()[0]!;
  const alarm = () =>
    worker.evaluate(() =>
      (globalThis as unknown as { chrome: { alarms: { get(name: string): Promise<{ periodInMinutes?: number } | undefined> } } }).chrome.alarms.get(
        'aspen-retention',
      ),
    );
  await expect.poll(alarm).toMatchObject({ periodInMinutes: 24 * 60 });
});
