import type { Page } from '@playwright/test';
import type { SeedMessage, SeedPerson } from '../../seeds/workspace';
import { expect, readStore, SLACK_URL, test } from './extension';
import { seededWorkspace } from './seeded-slack';

const { team } = seededWorkspace;
const CHANNEL = 'C0PLATFRM1';
const AUTHOR = 'U0ENG0002';
/** A person whose display name is markup: Slack shows it as text, and so must Aspen. */
const HOSTILE_PERSON: SeedPerson = {
  id: 'U0EVIL0001',
  name: '<img src=x onerror="window.__pwned=3">Eve',
  title: 'Engineer',
  track: 'ic',
  level: 3,
  reportsTo: null,
};
const lastTs = Math.max(...seededWorkspace.messages.filter((m) => m.channelId === CHANNEL).map((m) => Number(m.ts)));
const HOSTILE_TS = `${Math.floor(lastTs) + 60}.000100`;
const HOSTILE_TEXT =
  'Great work <@U0EVIL0001>! <img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script> see javascript:alert(1)';
/** The hostile person writes first, so that Slack's 2025 markup (mentions without ids) can name them. */
const hostileGreeting: SeedMessage = {
  channelId: CHANNEL,
  ts: `${Math.floor(lastTs) + 30}.000100`,
  authorId: HOSTILE_PERSON.id,
  text: 'hello team',
  threadTs: null,
  reactions: [],
  edited: false,
  label: 'other',
  subjects: [],
};
const hostileMessage: SeedMessage = {
  channelId: CHANNEL,
  ts: HOSTILE_TS,
  authorId: AUTHOR,
  text: HOSTILE_TEXT,
  threadTs: null,
  reactions: [],
  edited: false,
  label: 'recognition',
  subjects: [HOSTILE_PERSON.id],
};

/**
 * Slack's page is untrusted input. Besides the hostile text (which Slack itself shows as text), the row gets a
 * real javascript: link in its body and a javascript: permalink, as a compromised or future Slack DOM might.
 */
function hostileSlackPage(seed: { people: SeedPerson[]; messages: SeedMessage[]; ts: string }) {
  (window as unknown as { __aspenSeed: unknown }).__aspenSeed = { people: seed.people, messages: seed.messages };
  new MutationObserver(() => {
    const row = document.querySelector(`[data-msg-ts="${seed.ts}"]`);
    if (!row || row.querySelector('a[data-hostile]')) return;
    for (const stamp of row.querySelectorAll('a.c-timestamp')) stamp.setAttribute('href', 'javascript:window.__pwned=5');
    const link = document.createElement('a');
    link.dataset.hostile = 'true';
    link.href = 'javascript:window.__pwned=4';
    link.textContent = 'details';
    row.querySelector('.p-rich_text_section')?.append(' ', link);
  }).observe(document, { childList: true, subtree: true });
}

/** What a page's own DOM says about injection: elements or attributes that could run the message's code. */
function injectionTraces(page: Page, within = 'body') {
  return page.evaluate((selector) => {
    const root = document.querySelector(selector);
    const elements = root ? [root, ...root.querySelectorAll('*')] : [];
    return {
      pwned: (window as unknown as { __pwned?: unknown }).__pwned,
      handlers: elements.flatMap((el) => [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => `${el.tagName} ${a.name}`)),
      scriptLinks: elements.filter((el) => /^\s*javascript:/i.test(el.getAttribute('href') ?? '')).map((el) => el.outerHTML),
      images: elements.filter((el) => el.tagName === 'IMG' && el.getAttribute('src') === 'x').length,
      inlineScripts: elements.filter((el) => el.tagName === 'SCRIPT' && !el.hasAttribute('src')).length,
    };
  }, within);
}
const CLEAN = { pwned: undefined, handlers: [], scriptLinks: [], images: 0, inlineScripts: 0 };

test('hostile message text, names and links stay text: in Slack, in the store and in the panel', async ({ context, extensionId }) => {
  await context.addInitScript(hostileSlackPage, {
    people: [...seededWorkspace.people, HOSTILE_PERSON],
    messages: [...seededWorkspace.messages, hostileGreeting, hostileMessage],
    ts: HOSTILE_TS,
  });
  const slack = await context.newPage();
  await slack.goto(SLACK_URL);

  const row = slack.locator(`[data-msg-ts="${HOSTILE_TS}"]`);
  await expect(row).toContainText('<script>window.__pwned=2</script>');
  const tagButton = row.locator('.aspen-recognition button[data-aspen-action="tag"]');
  await expect(tagButton).toHaveAttribute('aria-pressed', 'false', { timeout: 20_000 });
  // The subject picker shows the hostile name, built by Aspen inside Slack's page.
  await row.getByRole('button', { name: 'Choose who the recognition is for' }).click();
  await expect(row.getByRole('dialog')).toContainText(HOSTILE_PERSON.name);
  expect(await injectionTraces(slack, '.aspen-recognition')).toEqual(CLEAN);
  await row.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
  await expect(tagButton).toHaveAttribute('aria-pressed', 'true');
  expect((await injectionTraces(slack)).pwned).toBeUndefined();

  const key = `${team.id}/${CHANNEL}/${HOSTILE_TS}`;
  await expect.poll(async () => (await readStore<{ key: string }>(context, extensionId, 'tags')).map((t) => t.key)).toEqual([key]);
  const stored = (await readStore<{ key: string; text: string; permalink: string }>(context, extensionId, 'messages')).find(
    (m) => m.key === key,
  );
  expect(stored?.text).toContain('<img src=x onerror="window.__pwned=1">');
  expect(stored?.permalink).toBe('javascript:window.__pwned=5');

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
  expect(manifest.optional_permissions).toBeUndefined();
  const contentMatches = (manifest.content_scripts as Array<{ matches: string[] }>).flatMap((script) => script.matches);
  expect(contentMatches).toEqual(['https://app.slack.com/*']);
  expect(((manifest.host_permissions as string[] | undefined) ?? []).filter((host) => !contentMatches.includes(host))).toEqual([]);
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
