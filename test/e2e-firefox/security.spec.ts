import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { EXTENSION_ORIGIN, FIREFOX_EXTENSION_DIR } from '../../scripts/firefox';
import { CHANNEL, CLEAN, HOSTILE_PERSON, HOSTILE_TS, hostileSeed, hostileSlackPage, injectionTracesIn, team } from '../e2e/hostile-slack';
import { byRole, expect, recognitionHost, test } from './firefox';

const injectionTraces = (page: Page, within = 'body') => page.evaluate(injectionTracesIn, within);
const ROW = `[data-msg-ts="${HOSTILE_TS}"]`;

test('Firefox: hostile message text, names and links stay text, in Slack, in the store and in the sidebar page', async ({
  firefox,
  leakedRequests,
}) => {
  const slack = await firefox.openSlack(undefined, (page) => page.evaluateOnNewDocument(hostileSlackPage, hostileSeed).then(() => undefined));
  const host = await slack.waitForSelector(recognitionHost(HOSTILE_TS), { timeout: 20_000 });
  expect(await slack.$eval(ROW, (row) => row.textContent)).toContain('<script>window.__pwned=2</script>');
  // The subject picker, built by Aspen inside Slack's page, by keyboard: focus the controls, Tab to ▾, Enter;
  // focus is then on its first checkbox and Enter saves the choice.
  await host!.focus();
  await slack.keyboard.press('Tab');
  await slack.keyboard.press('Enter');
  // Slack's page sees the picker's host and nothing inside: not the names, not the tag.
  expect(await host!.evaluate((node) => [node.shadowRoot, node.textContent, node.innerHTML])).toEqual([null, '', '']);
  expect(await injectionTraces(slack, recognitionHost(HOSTILE_TS))).toEqual(CLEAN);
  await slack.keyboard.press('Enter');
  expect((await injectionTraces(slack)).pwned).toBeUndefined();
  expect(await slack.$eval(ROW, (row) => (row as HTMLElement).innerText)).not.toMatch(/Recogni|Who is this|Save/);

  const key = `${team.id}/${CHANNEL}/${HOSTILE_TS}`;
  await expect.poll(async () => (await firefox.readStore<{ key: string }>('tags')).map((t) => t.key)).toEqual([key]);
  const stored = (await firefox.readStore<{ key: string; text: string; permalink: string }>('messages')).find((m) => m.key === key);
  expect(stored?.text).toContain('<img src=x onerror="window.__pwned=1">');
  // Only Slack permalinks are stored: a javascript: href from the page is dropped at capture.
  expect(stored?.permalink).toBe('');

  const panel = await firefox.openExtensionPage('/sidepanel.html');
  await byRole(panel, 'tab', 'Settings').click();
  // The box follows the store: it turns checked once the person is saved as a report.
  const isReport = await byRole(panel, 'checkbox', HOSTILE_PERSON.name).waitHandle();
  await isReport.click();
  await panel.waitForFunction((box) => (box as HTMLInputElement).checked, {}, isReport);
  await byRole(panel, 'tab', 'Team').click();
  await byRole(panel, 'button', HOSTILE_PERSON.name).click();
  const evidence = await panel.waitForFunction(() => {
    const li = [...document.querySelectorAll<HTMLElement>('li.evidence')].find((row) => row.textContent?.includes('Great work'));
    return li ? { text: li.innerText, links: li.querySelectorAll('a').length } : false;
  });
  const { text, links } = (await evidence.jsonValue()) as { text: string; links: number };
  expect(text).toContain('<script>window.__pwned=2</script>');
  expect(text).toContain('Recognition');
  expect(links).toBe(0);
  expect(await injectionTraces(panel)).toEqual(CLEAN);
  expect((await injectionTraces(slack)).pwned).toBeUndefined();
  expect(leakedRequests).toEqual([]);
});

test('Firefox: the manifest asks for the minimal permissions, reaches only Slack, and locks script sources', async ({ firefox }) => {
  const page = await firefox.openExtensionPage('/sidepanel.html');
  const manifest = await page.evaluate(
    () => (globalThis as unknown as { browser: { runtime: { getManifest(): Record<string, unknown> } } }).browser.runtime.getManifest(),
  );
  expect(manifest.manifest_version).toBe(2);
  // No host permission: Firefox itself gives open Slack tabs the new content script after an update.
  expect([...(manifest.permissions as string[])].sort()).toEqual(['activeTab', 'alarms', 'contextMenus', 'scripting']);
  // Firefox lists absent keys as empty.
  expect(manifest.optional_permissions ?? []).toEqual([]);
  expect((manifest.content_scripts as Array<{ matches: string[] }>).flatMap((script) => script.matches)).toEqual(['https://app.slack.com/*']);
  expect(manifest.content_security_policy).toBe("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; object-src 'self'");
  // data_collection_permissions is read from Firefox 140 (desktop) and 142 (Android). getManifest() leaves out
  // browser_specific_settings, so the built file is read.
  const built = JSON.parse(readFileSync(join(FIREFOX_EXTENSION_DIR, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  expect(built.browser_specific_settings).toMatchObject({
    gecko: { strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
    gecko_android: { strict_min_version: '142.0' },
  });
  expect(manifest.sidebar_action).toMatchObject({ default_panel: `${EXTENSION_ORIGIN}/sidepanel.html` });
  // No extension page or file is exposed to web pages (Slack included).
  expect(manifest.web_accessible_resources ?? []).toEqual([]);
});
