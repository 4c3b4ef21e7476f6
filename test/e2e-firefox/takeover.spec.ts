import { FIREFOX_EXTENSION_DIR } from '../../scripts/firefox';
import { servedTs } from '../e2e/seeded-slack';
import { expect, pressRecognition, recognitionHost, test } from './firefox';

const TEAM = 'T0ASPEN01';
const CHANNEL = 'C0PLATFRM1';
const PRIYA = 'U0ENG0002';
const BEFORE = servedTs('1795017213.173279');

test('Firefox: after Aspen is updated in place, the open Slack tab has exactly one set of new controls, and capture and tagging go on without a reload', async ({
  firefox,
  slack,
  leakedRequests,
}) => {
  const errors: string[] = [];
  slack.on('pageerror', (error) => errors.push(String(error)));
  await pressRecognition(slack, BEFORE);
  await expect.poll(async () => (await firefox.readStore<{ key: string }>('tags')).map((t) => t.key)).toEqual([`${TEAM}/${CHANNEL}/${BEFORE}`]);
  const oldHosts = await slack.$$('[data-aspen]');
  expect(oldHosts.length).toBeGreaterThan(1);
  // Each content script announces its start to the page (WXT's way of stopping an older copy): counted here.
  await slack.evaluate(() => {
    const w = window as unknown as { starts: number; beforeUpdate: boolean };
    w.starts = 0;
    w.beforeUpdate = true;
    window.addEventListener('message', (event) => {
      if ((event.data as { contentScriptName?: string } | null)?.contentScriptName === 'slack') w.starts++;
    });
  });

  // Installing the same add-on again is an update (runtime.onInstalled with reason "update").
  await firefox.browser.installExtension(FIREFOX_EXTENSION_DIR);

  await expect.poll(async () => (await Promise.all(oldHosts.map((h) => h.evaluate((node) => node.isConnected)))).some(Boolean), { timeout: 20_000 }).toBe(false);
  const hostsPerRow = () =>
    slack.evaluate(() => [...document.querySelectorAll('[data-msg-ts]')].map((row) => row.querySelectorAll('[data-aspen-recognition]').length));
  await expect.poll(hostsPerRow, { timeout: 20_000 }).not.toContain(0);
  expect(new Set(await hostsPerRow())).toEqual(new Set([1]));
  expect(await slack.$$eval('[data-aspen-catch-up]', (nodes) => nodes.length)).toBe(1);
  const page = await slack.evaluate(() => {
    const { starts, beforeUpdate } = window as unknown as { starts: number; beforeUpdate?: boolean };
    return { starts, beforeUpdate };
  });
  expect(page.beforeUpdate).toBe(true);
  // Firefox itself started the new content script in the open tab (Aspen injects only in Chrome), exactly once;
  // the old copy could not run any more, and the new one removed what it had left.
  expect(page.starts).toBe(1);

  const after = await slack.evaluate(
    (message) => window.slackDemo!.receiveMessage(message),
    { authorId: PRIYA, text: 'Thanks for untangling the release checklist after the update', label: 'recognition' as const },
  );
  await expect
    .poll(async () => (await firefox.readStore<{ key: string }>('messages')).some((m) => m.key === `${TEAM}/${CHANNEL}/${after}`), { timeout: 20_000 })
    .toBe(true);
  await slack.waitForSelector(recognitionHost(after), { timeout: 10_000 });
  await pressRecognition(slack, after);
  await expect
    .poll(async () => (await firefox.readStore<{ key: string }>('tags')).map((t) => t.key).sort())
    .toEqual([`${TEAM}/${CHANNEL}/${BEFORE}`, `${TEAM}/${CHANNEL}/${after}`].sort());
  expect(new Set(await hostsPerRow())).toEqual(new Set([1]));
  expect(errors).toEqual([]);
  expect(leakedRequests).toEqual([]);
});
