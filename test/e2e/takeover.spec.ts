import type { Page } from '@playwright/test';
import { expect, pressRecognition, readStore, recognitionButton, recognitionHost, reloadExtension, test } from './extension';
import { servedTs } from './seeded-slack';

const TEAM = 'T0ASPEN01';
const CHANNEL = 'C0PLATFRM1';
const PRIYA = 'U0ENG0002';
/** A message the manager tags before the reload, and one after it. */
const BEFORE = servedTs('1795017213.173279');

/** Rows shown, and how many Recognition hosts each has: exactly one everywhere once Aspen has decorated. */
const hostsPerRow = (slack: Page) =>
  slack.evaluate(() => [...document.querySelectorAll('[data-msg-ts]')].map((row) => row.querySelectorAll('[data-aspen-recognition]').length));

/** Every exception and console error Slack's page shows from now on. */
function pageErrors(slack: Page): string[] {
  const errors: string[] = [];
  slack.on('pageerror', (error) => errors.push(error.message));
  slack.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return errors;
}

test('after the extension is reloaded, the open Slack tab loses the old controls and the new script takes over without a reload', async ({
  context,
  extensionId,
  slack,
  leakedRequests,
}) => {
  const errors = pageErrors(slack);
  await expect(recognitionHost(slack, BEFORE)).toHaveCount(1, { timeout: 20_000 });
  await pressRecognition(slack, BEFORE);
  await expect.poll(async () => (await readStore<{ key: string }>(context, extensionId, 'tags')).map((t) => t.key)).toEqual([
    `${TEAM}/${CHANNEL}/${BEFORE}`,
  ]);
  const oldHosts = await slack.locator('[data-aspen]').elementHandles();
  expect(oldHosts.length).toBeGreaterThan(1);
  // The tab's document stays the same document throughout: it is never reloaded.
  await slack.evaluate(() => ((window as unknown as { beforeReload: boolean }).beforeReload = true));

  await reloadExtension(context, extensionId);

  // Every node the old script added is gone (the new one replaced them), and each row has exactly one set.
  await expect.poll(async () => (await Promise.all(oldHosts.map((h) => h.evaluate((node) => node.isConnected)))).some(Boolean), { timeout: 20_000 }).toBe(false);
  await expect.poll(() => hostsPerRow(slack), { timeout: 20_000 }).not.toContain(0);
  expect(new Set(await hostsPerRow(slack))).toEqual(new Set([1]));
  await expect(slack.locator('[data-aspen-catch-up]')).toHaveCount(1);
  expect(await slack.evaluate(() => (window as unknown as { beforeReload?: boolean }).beforeReload)).toBe(true);

  // The new controls know the tag saved before the reload, and capture and tagging work in the same tab.
  await expect.poll(async () => (await recognitionButton(slack, BEFORE))?.pressed, { timeout: 10_000 }).toBe(true);
  const after = await slack.evaluate(
    (message) => window.slackDemo!.receiveMessage(message),
    { authorId: PRIYA, text: 'Thanks for untangling the release checklist after the reload', label: 'recognition' as const },
  );
  await expect
    .poll(async () => (await readStore<{ key: string }>(context, extensionId, 'messages')).some((m) => m.key === `${TEAM}/${CHANNEL}/${after}`), {
      timeout: 20_000,
    })
    .toBe(true);
  await expect(recognitionHost(slack, after)).toHaveCount(1, { timeout: 10_000 });
  await pressRecognition(slack, after);
  await expect
    .poll(async () => (await readStore<{ key: string }>(context, extensionId, 'tags')).map((t) => t.key).sort())
    .toEqual([`${TEAM}/${CHANNEL}/${BEFORE}`, `${TEAM}/${CHANNEL}/${after}`].sort());
  await expect.poll(async () => (await recognitionButton(slack, after))?.pressed).toBe(true);
  expect(new Set(await hostsPerRow(slack))).toEqual(new Set([1]));

  expect(errors).toEqual([]);
  expect(leakedRequests).toEqual([]);
});

test('an orphaned content script (Aspen disabled, nothing new injected) takes everything it added away at the next Slack change', async ({
  context,
  extensionId,
  slack,
}) => {
  const errors = pageErrors(slack);
  await expect(recognitionHost(slack, BEFORE)).toHaveCount(1, { timeout: 20_000 });
  await expect(slack.locator('[data-aspen-catch-up]')).toHaveCount(1);
  const rowStyles = () => slack.evaluate(() => [...document.querySelectorAll<HTMLElement>('[data-msg-ts]')].map((row) => row.style.position));
  expect(await rowStyles()).toContain('relative');

  const settings = await context.newPage();
  await settings.goto('chrome://extensions');
  await settings.evaluate(
    (id) => (globalThis as unknown as { chrome: { management: { setEnabled(id: string, on: boolean): Promise<void> } } }).chrome.management.setEnabled(id, false),
    extensionId,
  );
  await settings.close();

  // Slack renders a new message: the old script notices its extension is gone and leaves nothing behind.
  await slack.evaluate((message) => window.slackDemo!.receiveMessage(message), { authorId: PRIYA, text: 'Deploy is green again', label: 'other' as const });
  await expect(slack.locator('[data-aspen]')).toHaveCount(0, { timeout: 10_000 });
  expect(await rowStyles()).not.toContain('relative');
  // And stays gone: later changes wake nothing.
  await slack.evaluate(() => window.slackDemo!.scrollBy(-2000));
  await slack.waitForTimeout(500);
  await expect(slack.locator('[data-aspen]')).toHaveCount(0);
  expect(errors).toEqual([]);
});
