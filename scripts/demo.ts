/**
 * `npm run demo`: builds Aspen, opens Debian's Chromium with the extension loaded over the seeded Slack-like
 * workspace, and shows the side panel beside it. `npm run demo -- --headless` does the same without a window,
 * then writes screenshots and a short report of what was captured and classified to demo-output/.
 * `--browser firefox` does all of it in Debian's Firefox ESR with the Firefox build. Both first catch up
 * #eng-platform twelve weeks with Aspen's control in the Slack tab.
 */
import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page as PlaywrightPage } from '@playwright/test';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import { CATCH_UP_CONTROL, catchUpControl, catchUpStatus, extensionIdOf, launchAspenChromium, SLACK_CLIENT_URL, tabToCatchUp } from './chromium';
import { readObjectStore } from './extension-store';
import { launchAspenFirefox } from './firefox';

const headless = process.argv.includes('--headless');
const browserName = process.argv.includes('--browser') ? process.argv[process.argv.indexOf('--browser') + 1] : 'chromium';
const OUT = resolve('demo-output');
const CHANNELS = ['C0PLATFRM1', 'C0DESIGN02', 'C0LAUNCH03', 'C0RANDOM04', 'D0MGRPRI05', 'D0MGRDIE06', 'D0MGRJOR07', 'G0LEADS008'];
const pause = (ms: number) => new Promise((resume) => setTimeout(resume, ms));

/** What the demo does with a browser, whichever drives it: a Slack tab, a panel tab, and the browser itself. */
interface DemoBrowser {
  name: string;
  /** Runs a script in the Slack tab. */
  inSlack(script: string): Promise<unknown>;
  /**
   * Presses "Catch up" in Aspen's control in Slack's header by keyboard (its root is closed): focus the control,
   * Tab to the button, Enter. False while the control is not there yet.
   */
  startCatchUpInSlack(): Promise<boolean>;
  /** What the catch-up's status line says. */
  catchUpStatus(): Promise<string>;
  /** Reads one object store through the extension's own origin, as the panel does. */
  storeRows<T>(store: string): Promise<T[]>;
  /** Clicks the panel's tab whose name starts with `name`. */
  showPanelTab(name: string): Promise<void>;
  /** Opens the first person of the Team view; false when the team is empty. */
  openFirstPerson(): Promise<boolean>;
  screenshotPanel(file: string): Promise<void>;
  /** Brings the panel to the front and resolves when the person closes the browser. */
  untilClosed(): Promise<void>;
  close(): Promise<void>;
}

/** Clicks the first element matching `selector` whose text starts with `prefix`; false when there is none. */
function clickStartingWith(selector: string, prefix: string): boolean {
  const element = [...document.querySelectorAll<HTMLElement>(selector)].find((el) => el.textContent?.trim().startsWith(prefix));
  element?.click();
  return Boolean(element);
}

async function chromiumDemo(leaks: string[]): Promise<DemoBrowser> {
  execSync('npx wxt build', { stdio: 'inherit' });
  const context = await launchAspenChromium({ headless, onLeak: (url) => leaks.push(url) });
  const extensionId = await extensionIdOf(context);
  const slack = context.pages()[0] ?? (await context.newPage());
  await slack.goto(SLACK_CLIENT_URL);
  const panel: PlaywrightPage = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  await panel.setViewportSize({ width: 400, height: 900 });
  await slack.bringToFront();
  return {
    name: 'Chromium',
    inSlack: (script) => slack.evaluate(script),
    startCatchUpInSlack: async () => {
      if (!(await catchUpControl(slack)).some((node) => node.role === 'button' && node.name === 'Catch up')) return false;
      await slack.locator(CATCH_UP_CONTROL).focus();
      await tabToCatchUp(slack, 'button', 'Catch up');
      await slack.keyboard.press('Enter');
      return true;
    },
    // Read from the accessibility tree, as a screen reader is told it.
    catchUpStatus: () => catchUpStatus(slack),
    storeRows: async <T>(store: string) => (await panel.evaluate(readObjectStore, store)) as T[],
    showPanelTab: (name) => panel.getByRole('tab', { name: new RegExp(`^${name}`) }).click(),
    openFirstPerson: async () => {
      const firstPerson = panel.locator('li.team-row h3 button').first();
      if (!(await firstPerson.count())) return false;
      await firstPerson.click();
      return true;
    },
    screenshotPanel: async (path) => void (await panel.screenshot({ path, fullPage: true })),
    untilClosed: async () => {
      await panel.bringToFront();
      console.log('Click the toolbar button on the Slack tab to open the real side panel. Close the browser to stop.');
      await new Promise<void>((done) => context.on('close', () => done()));
    },
    close: () => context.close(),
  };
}

async function firefoxDemo(leaks: string[]): Promise<DemoBrowser> {
  execSync('npx wxt build -b firefox', { stdio: 'inherit' });
  const firefox = await launchAspenFirefox({ headless, onLeak: (url) => leaks.push(url) });
  const slack = await firefox.openSlack();
  const panel: PuppeteerPage = await firefox.openExtensionPage('/sidepanel.html');
  await panel.setViewport({ width: 400, height: 900 });
  await slack.bringToFront();
  const clickInPanel = async (selector: string, prefix: string) => {
    const handle = await panel.waitForFunction(clickStartingWith, { timeout: 10_000 }, selector, prefix).catch(() => null);
    return handle !== null;
  };
  return {
    name: 'Firefox',
    inSlack: (script) => slack.evaluate(script),
    startCatchUpInSlack: async () => {
      const host = await slack.$(CATCH_UP_CONTROL);
      if (!host) return false;
      // The choice of weeks takes focus; Tab passes the two checkboxes to "Catch up".
      await host.focus();
      for (let i = 0; i < 3; i++) await slack.keyboard.press('Tab');
      await slack.keyboard.press('Enter');
      return true;
    },
    // Firefox has no accessibility tree to read over a protocol: the panel's Health tab, behind Slack's, shows the same status.
    catchUpStatus: async () => {
      await clickInPanel('[role="tab"]', 'Health');
      return panel.evaluate(() => document.querySelector('[role="status"]:has(> progress)')?.textContent ?? '');
    },
    storeRows: async <T>(store: string) => (await panel.evaluate(readObjectStore, store)) as T[],
    showPanelTab: async (name) => {
      if (!(await clickInPanel('[role="tab"]', name))) throw new Error(`The panel has no ${name} tab`);
    },
    openFirstPerson: () => clickInPanel('li.team-row h3 button', ''),
    screenshotPanel: async (path) => void (await panel.screenshot({ path, fullPage: true })),
    untilClosed: async () => {
      await panel.bringToFront();
      console.log("Aspen's sidebar is open beside Slack too (View → Sidebar). Close the browser to stop.");
      await new Promise<void>((done) => firefox.browser.on('disconnected', () => done()));
    },
    close: () => firefox.close(),
  };
}

/** Visits every channel and scrolls it top to bottom, as a manager catching up would. */
async function readWorkspace(demo: DemoBrowser) {
  for (const channel of CHANNELS) {
    await demo.inSlack(`window.slackDemo.openChannel(${JSON.stringify(channel)})`);
    for (let i = 0; i < 60; i++) {
      const top = await demo.inSlack(`window.slackDemo.scrollBy(-700); window.slackDemo.atStart()`);
      await pause(headless ? 40 : 120);
      if (top) break;
    }
  }
}

/** Catches up the open channel with Aspen's control in Slack (its default, twelve weeks); returns how it ended. */
async function catchUpChannel(demo: DemoBrowser): Promise<string> {
  const end = Date.now() + 180_000;
  let started = false;
  while (!started && Date.now() < end) {
    started = await demo.startCatchUpInSlack();
    if (!started) await pause(500);
  }
  while (Date.now() < end) {
    const status = await demo.catchUpStatus();
    if (/Caught up to the date|Reached the start|stopped|Stopped/.test(status)) return status;
    await pause(1000);
  }
  return 'did not finish in three minutes';
}

async function waitForClassification(demo: DemoBrowser, timeoutMs: number) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const [messages, classified] = await Promise.all([demo.storeRows('messages'), demo.storeRows('classifications')]);
    if (messages.length > 0 && classified.length >= messages.length) return;
    await pause(1000);
  }
}

async function report(demo: DemoBrowser, leaks: string[], catchUp: string) {
  mkdirSync(OUT, { recursive: true });
  const ranges = await demo.storeRows<{ channelName: string; oldestTs: string; newestTs: string }>('catchUp');
  const day = (ts: string) => new Date(Number(ts) * 1000).toISOString().slice(0, 10);
  const messages = await demo.storeRows<{ channelName: string }>('messages');
  const classifications = await demo.storeRows<{ label: string; modelId: string }>('classifications');
  const byLabel = Object.entries(
    classifications.reduce<Record<string, number>>((counts, c) => ({ ...counts, [c.label]: (counts[c.label] ?? 0) + 1 }), {}),
  ).sort((a, b) => b[1] - a[1]);
  const byChannel = Object.entries(
    messages.reduce<Record<string, number>>((counts, m) => ({ ...counts, [m.channelName]: (counts[m.channelName] ?? 0) + 1 }), {}),
  );
  const shots: string[] = [];
  for (const tab of ['Team', 'Health', 'Settings']) {
    await demo.showPanelTab(tab);
    await pause(300);
    const file = `${tab.toLowerCase()}.png`;
    await demo.screenshotPanel(resolve(OUT, file));
    shots.push(file);
  }
  await demo.showPanelTab('Team');
  if (await demo.openFirstPerson()) {
    await pause(300);
    await demo.screenshotPanel(resolve(OUT, 'person.png'));
    shots.push('person.png');
  }
  const text = [
    '# Aspen demo report',
    '',
    `Browser: ${demo.name}.`,
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
}

async function main() {
  if (!['chromium', 'firefox'].includes(browserName ?? '')) {
    console.error(`Unknown browser "${browserName}": use --browser chromium or --browser firefox.`);
    process.exit(2);
  }
  if (!headless && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    console.error('No display found. Run `npm run demo -- --headless` for screenshots and a report, or run under xvfb-run.');
    process.exit(2);
  }
  console.log('Building the extension…');
  const leaks: string[] = [];
  const demo = browserName === 'firefox' ? await firefoxDemo(leaks) : await chromiumDemo(leaks);
  console.log('Catching up #eng-platform…');
  const catchUp = await catchUpChannel(demo);
  console.log(catchUp);
  console.log('Reading the seeded workspace…');
  await readWorkspace(demo);
  await waitForClassification(demo, 120_000);
  if (headless) {
    await report(demo, leaks, catchUp);
    await demo.close();
    return;
  }
  console.log('Aspen is running: the Slack-like workspace is in one tab, the side panel in the other.');
  await demo.untilClosed();
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
