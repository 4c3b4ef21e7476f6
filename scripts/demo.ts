/**
 * `npm run demo`: builds Aspen, opens Debian's Chromium with the extension loaded over the seeded Slack-like
 * workspace, and shows the side panel beside it. `npm run demo -- --headless` does the same without a window,
 * then writes screenshots and a short report of what was captured and classified to demo-output/. Both first
 * catch up #eng-platform twelve weeks with Aspen's control in the Slack tab.
 */
import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { extensionIdOf, launchAspenChromium, SLACK_CLIENT_URL } from './chromium';

const headless = process.argv.includes('--headless');
const OUT = resolve('demo-output');
const CHANNELS = ['C0PLATFRM1', 'C0DESIGN02', 'C0LAUNCH03', 'C0RANDOM04', 'D0MGRPRI05', 'D0MGRDIE06', 'D0MGRJOR07', 'G0LEADS008'];

/** Reads one object store through the extension's own origin, as the panel does. */
async function storeRows<T>(panel: Page, store: string): Promise<T[]> {
  return panel.evaluate(
    (name) =>
      new Promise<T[]>((done, fail) => {
        const open = indexedDB.open('aspen');
        open.onsuccess = () => {
          const request = open.result.transaction(name).objectStore(name).getAll();
          request.onsuccess = () => done(request.result as T[]);
          request.onerror = () => fail(request.error);
        };
        open.onerror = () => fail(open.error);
      }),
    store,
  );
}

/** Visits every channel and scrolls it top to bottom, as a manager catching up would. */
async function readWorkspace(slack: Page) {
  for (const channel of CHANNELS) {
    await slack.evaluate((id) => window.slackDemo!.openChannel(id), channel);
    for (let i = 0; i < 60; i++) {
      const top = await slack.evaluate(() => {
        window.slackDemo!.scrollBy(-700);
        return window.slackDemo!.atStart();
      });
      await slack.waitForTimeout(headless ? 40 : 120);
      if (top) break;
    }
  }
}

/** Catches up the open channel with Aspen's control in Slack (its default, twelve weeks); returns how it ended. */
async function catchUpChannel(slack: Page): Promise<string> {
  const control = slack.locator('[data-aspen-catch-up]');
  await control.getByRole('button', { name: 'Catch up' }).click({ timeout: 30_000 });
  const done = control.getByRole('status').filter({ hasText: /Caught up to the date|Reached the start|stopped|Stopped/ });
  await done.waitFor({ timeout: 180_000 });
  if (headless) {
    mkdirSync(OUT, { recursive: true });
    await slack.screenshot({ path: resolve(OUT, 'catch-up.png') });
  }
  return (await done.textContent()) ?? '';
}

async function waitForClassification(panel: Page, timeoutMs: number) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const [messages, classified] = await Promise.all([storeRows(panel, 'messages'), storeRows(panel, 'classifications')]);
    if (messages.length > 0 && classified.length >= messages.length) return;
    await panel.waitForTimeout(1000);
  }
}

async function report(context: BrowserContext, panel: Page, leaks: string[], catchUp: string) {
  mkdirSync(OUT, { recursive: true });
  const ranges = await storeRows<{ channelName: string; oldestTs: string; newestTs: string }>(panel, 'catchUp');
  const day = (ts: string) => new Date(Number(ts) * 1000).toISOString().slice(0, 10);
  const messages = await storeRows<{ channelName: string }>(panel, 'messages');
  const classifications = await storeRows<{ label: string; modelId: string }>(panel, 'classifications');
  const byLabel = Object.entries(
    classifications.reduce<Record<string, number>>((counts, c) => ({ ...counts, [c.label]: (counts[c.label] ?? 0) + 1 }), {}),
  ).sort((a, b) => b[1] - a[1]);
  const byChannel = Object.entries(
    messages.reduce<Record<string, number>>((counts, m) => ({ ...counts, [m.channelName]: (counts[m.channelName] ?? 0) + 1 }), {}),
  );
  await panel.setViewportSize({ width: 400, height: 900 });
  const shots: string[] = ['catch-up.png'];
  for (const tab of ['Team', 'Health', 'Settings']) {
    await panel.getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
    await panel.waitForTimeout(300);
    const file = `${tab.toLowerCase()}.png`;
    await panel.screenshot({ path: resolve(OUT, file), fullPage: true });
    shots.push(file);
  }
  await panel.getByRole('tab', { name: /^Team/ }).click();
  const firstPerson = panel.locator('li.team-row h3 button').first();
  if (await firstPerson.count()) {
    await firstPerson.click();
    await panel.screenshot({ path: resolve(OUT, 'person.png'), fullPage: true });
    shots.push('person.png');
  }
  const text = [
    '# Aspen demo report',
    '',
    `Captured ${messages.length} messages from ${byChannel.length} conversations; classified ${classifications.length} with ${classifications[0]?.modelId ?? 'no model'}.`,
    '',
    '| conversation | messages |',
    '|---|---|',
    ...byChannel.map(([name, n]) => `| ${name} | ${n} |`),
    '',
    '| label | messages |',
    '|---|---|',
    ...byLabel.map(([label, n]) => `| ${label} | ${n} |`),
    '',
    `Catch-up of eng-platform (twelve weeks): ${catchUp}`,
    '',
    '| caught up | from | to |',
    '|---|---|---|',
    ...ranges.map((r) => `| ${r.channelName} | ${day(r.oldestTs)} | ${day(r.newestTs)} |`),
    '',
    `Requests that tried to leave the browser: ${leaks.length}${leaks.length ? ` (${leaks.join(', ')})` : ''}.`,
    '',
    `Screenshots: ${shots.join(', ')}`,
    '',
  ].join('\n');
  writeFileSync(resolve(OUT, 'report.md'), text);
  console.log(text);
  console.log(`Written to ${OUT}`);
  await context.close();
}

async function main() {
  if (!headless && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    console.error('No display found. Run `npm run demo -- --headless` for screenshots and a report, or run under xvfb-run.');
    process.exit(2);
  }
  console.log('Building the extension…');
  execSync('npx wxt build', { stdio: 'inherit' });
  const leaks: string[] = [];
  const context = await launchAspenChromium({ headless, onLeak: (url) => leaks.push(url) });
  const extensionId = await extensionIdOf(context);
  const slack = context.pages()[0] ?? (await context.newPage());
  await slack.goto(SLACK_CLIENT_URL);
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  await slack.bringToFront();
  console.log('Catching up #eng-platform…');
  const catchUp = await catchUpChannel(slack);
  console.log(catchUp);
  console.log('Reading the seeded workspace…');
  await readWorkspace(slack);
  await waitForClassification(panel, 120_000);
  if (headless) {
    await report(context, panel, leaks, catchUp);
    return;
  }
  await panel.bringToFront();
  console.log('Aspen is running: the Slack-like workspace is in one tab, the side panel in the other.');
  console.log('Click the toolbar button on the Slack tab to open the real side panel. Close the browser to stop.');
  await new Promise<void>((done) => context.on('close', () => done()));
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
