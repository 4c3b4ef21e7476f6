import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Page } from '@playwright/test';
import { CHROME_EXTENSION_DIR } from '../../scripts/chromium';
import { accessibleControls, expect, openSubjectPicker, readStore, recognitionHost, SLACK_URL, test } from './extension';
import {
  CHANNEL,
  CLEAN,
  HOSTILE_PERSON,
  HOSTILE_TS,
  hostileSeed,
  hostileSlackPage,
  injectionTracesIn,
  team,
} from './hostile-slack';

/** What a page's own DOM says about injection: elements or attributes that could run the message's code. */
const injectionTraces = (page: Page, within = 'body') => page.evaluate(injectionTracesIn, within);

test('hostile message text, names and links stay text: in Slack, in the store and in the panel', async ({ context, extensionId }) => {
  await context.addInitScript(hostileSlackPage, hostileSeed);
  const slack = await context.newPage();
  await slack.goto(SLACK_URL);

  const row = slack.locator(`[data-msg-ts="${HOSTILE_TS}"]`);
  await expect(row).toContainText('<script>window.__pwned=2</script>');
  await expect(recognitionHost(slack, HOSTILE_TS)).toHaveCount(1, { timeout: 20_000 });
  // The subject picker shows the hostile name, built by Aspen inside Slack's page: the accessibility tree
  // names its checkbox with the whole string, so it was made a text node, not markup.
  await openSubjectPicker(slack, HOSTILE_TS);
  const host = `[data-msg-ts="${HOSTILE_TS}"] [data-aspen-recognition]`;
  await expect.poll(async () => (await accessibleControls(slack, host))[0]?.filter((n) => n.role === 'checkbox').map((n) => n.name)).toContain(
    HOSTILE_PERSON.name,
  );
  // Slack's page sees the picker's host and nothing inside: not the names, not the tag.
  expect(await slack.locator(host).evaluate((node) => [node.shadowRoot, node.textContent, node.innerHTML])).toEqual([null, '', '']);
  expect(await injectionTraces(slack, host)).toEqual(CLEAN);
  // Enter on a checkbox saves the choice.
  await slack.keyboard.press('Enter');
  expect(await row.evaluate((node) => (node as HTMLElement).innerText)).not.toMatch(/Recogni|Who is this|Save/);
  expect((await injectionTraces(slack)).pwned).toBeUndefined();

  const key = `${team.id}/${CHANNEL}/${HOSTILE_TS}`;
  await expect.poll(async () => (await readStore<{ key: string }>(context, extensionId, 'tags')).map((t) => t.key)).toEqual([key]);
  const stored = (await readStore<{ key: string; text: string; permalink: string }>(context, extensionId, 'messages')).find(
    (m) => m.key === key,
  );
  expect(stored?.text).toContain('<img src=x onerror="window.__pwned=1">');
  // Only Slack permalinks are stored: a javascript: href from the page is dropped at capture.
  expect(stored?.permalink).toBe('');

  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  await panel.getByRole('tab', { name: 'Settings' }).click();
  // The box follows the store: it turns checked once the person is saved as a report.
  const isReport = panel.getByRole('checkbox', { name: HOSTILE_PERSON.name });
  await isReport.click();
  await expect(isReport).toBeChecked();
  await panel.getByRole('tab', { name: 'Team' }).click();
  await panel.getByRole('button', { name: HOSTILE_PERSON.name }).click();
  const evidence = panel.locator('li.evidence', { hasText: 'Great work' });
  await expect(evidence).toContainText('<script>window.__pwned=2</script>');
  await expect(evidence).toContainText('Recognition');
  await expect(evidence.getByRole('link')).toHaveCount(0);
  expect(await injectionTraces(panel)).toEqual(CLEAN);
  expect((await injectionTraces(slack)).pwned).toBeUndefined();
});

test('the manifest asks for the minimal permissions, reaches only Slack, and locks script sources', async ({ context, extensionId }) => {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  const manifest = await page.evaluate(
    () => (globalThis as unknown as { chrome: { runtime: { getManifest(): Record<string, unknown> } } }).chrome.runtime.getManifest(),
  );
  expect([...(manifest.permissions as string[])].sort()).toEqual(['activeTab', 'alarms', 'contextMenus', 'offscreen', 'scripting', 'sidePanel']);
  // sidePanel.open and runtime.getContexts, which the background calls, arrived in Chrome 116.
  expect(manifest.minimum_chrome_version).toBe('116');
  expect(manifest.optional_permissions).toBeUndefined();
  const contentMatches = (manifest.content_scripts as Array<{ matches: string[] }>).flatMap((script) => script.matches);
  expect(contentMatches).toEqual(['https://app.slack.com/*']);
  // The one host permission is the content script's own site: to give open Slack tabs the new script after an update.
  expect(manifest.host_permissions).toEqual(contentMatches);
  expect(manifest.content_security_policy).toEqual({
    extension_pages: "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; object-src 'self'",
  });
  // No extension page or file is exposed to web pages (Slack included).
  expect(manifest.web_accessible_resources).toBeUndefined();
  expect(manifest.externally_connectable).toBeUndefined();
});

test('an extension page cannot reach any outside host: the CSP refuses the fetch before a request is made', async ({
  context,
  extensionId,
  leakedRequests,
}) => {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  const outcome = await page.evaluate(async () => {
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.effectiveDirective} ${event.blockedURI}`));
    const attempts = ['https://example.com/collect', 'https://app.slack.com/api/chat.postMessage', 'http://127.0.0.1:9/'];
    const results = await Promise.all(
      attempts.map((url) =>
        fetch(url, { method: 'POST', body: 'x' }).then(
          () => 'sent',
          (error: unknown) => (error instanceof TypeError ? 'refused' : String(error)),
        ),
      ),
    );
    // The violation events are queued as tasks after the refusal.
    await new Promise((resolve) => setTimeout(resolve, 100));
    return { results, violations };
  });
  expect(outcome.results).toEqual(['refused', 'refused', 'refused']);
  expect(outcome.violations.sort()).toEqual(
    ['connect-src http://127.0.0.1:9/', 'connect-src https://app.slack.com/api/chat.postMessage', 'connect-src https://example.com/collect'].sort(),
  );
  // Not even Slack's own host, which the test answers: the browser never made the requests.
  expect(requested.filter((url) => !url.startsWith(`chrome-extension://${extensionId}/`))).toEqual([]);
  expect(leakedRequests).toEqual([]);
});

/** The built extension's scripts, by path inside it, with their text. */
function builtScripts(): Map<string, string> {
  const scripts = new Map<string, string>();
  for (const entry of readdirSync(CHROME_EXTENSION_DIR, { recursive: true, encoding: 'utf8' })) {
    if (/\.m?js$/.test(entry)) scripts.set(relative(CHROME_EXTENSION_DIR, join(CHROME_EXTENSION_DIR, entry)), readFileSync(join(CHROME_EXTENSION_DIR, entry), 'utf8'));
  }
  return scripts;
}

test('Readability ships only in the injected page-evidence script, and every extension context uses webextension-polyfill', () => {
  const scripts = builtScripts();
  // Readability's own marker; it assigns innerHTML, so it belongs only where a page is read.
  const withReadability = [...scripts].filter(([, text]) => text.includes('_charThreshold')).map(([path]) => path);
  expect(withReadability).toEqual(['page-evidence.js']);
  // The polyfill's guard message: promise-returning onMessage listeners answer on Chrome before native support.
  const polyfilled = (path: string) => scripts.get(path)?.includes('This script should only be loaded in a browser extension') ?? false;
  expect(['background.js', 'content-scripts/slack.js', 'page-evidence.js'].filter((path) => !polyfilled(path))).toEqual([]);
});
