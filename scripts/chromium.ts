import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { seededSlackPage } from './seeded-slack';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROME_EXTENSION_DIR = resolve('.output/chrome-mv3');
export const SLACK_CLIENT_URL = 'https://app.slack.com/client/T0ASPEN01/C0PLATFRM1';

/** Flags proven on this machine: Debian's Chromium, no sandbox as root, and no background traffic of its own. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-features=DialMediaRouteProvider',
];

export interface AspenChromiumOptions {
  headless?: boolean;
  /** Load the built extension (default); false gives a baseline browser without Aspen. */
  withExtension?: boolean;
  /** Called with every request that tries to leave the browser; such requests are refused. */
  onLeak?: (url: string) => void;
}

/**
 * Debian's Chromium with the built extension loaded, and app.slack.com answered by the seeded Slack-like
 * page, moved to this week: Slack's servers are the one boundary that is replaced. Everything else that tries
 * to leave is refused.
 */
export async function launchAspenChromium(options: AspenChromiumOptions = {}): Promise<BrowserContext> {
  const { headless = true, withExtension = true, onLeak = () => {} } = options;
  if (!existsSync(CHROMIUM)) throw new Error(`Debian's Chromium is not installed at ${CHROMIUM}: sudo apt-get install -y chromium`);
  if (withExtension && !existsSync(resolve(CHROME_EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No built extension in ${CHROME_EXTENSION_DIR}: run npm run build first`);
  }
  const context = await chromium.launchPersistentContext('', {
    executablePath: CHROMIUM,
    headless,
    viewport: headless ? { width: 1280, height: 900 } : null,
    args: [
      ...(headless ? ['--headless=new'] : []),
      ...(withExtension ? [`--disable-extensions-except=${CHROME_EXTENSION_DIR}`, `--load-extension=${CHROME_EXTENSION_DIR}`] : []),
      ...CHROMIUM_ARGS,
    ],
  });
  const html = await seededSlackPage();
  await context.route('https://app.slack.com/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
  );
  await context.route(/^(https?|wss?):\/\//, (route) => {
    const url = route.request().url();
    if (url.startsWith('https://app.slack.com/')) return route.fallback();
    onLeak(url);
    return route.abort();
  });
  context.on('request', (request) => {
    const url = request.url();
    if (/^(https?|wss?):/.test(url) && !url.startsWith('https://app.slack.com/')) onLeak(url);
  });
  return context;
}

/** The extension's id, read from its service worker's URL; fails fast when the build did not load. */
export async function extensionIdOf(context: BrowserContext): Promise<string> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
  return new URL(worker.url()).host;
}

/**
 * Aspen's controls in Slack live in closed shadow roots, which page-world tools (axe, a MutationObserver; like
 * Slack's scripts) cannot enter. For a test or bench only, each host matching `selector` is given its root as
 * `shadowRoot` in the page's main world, read from Chromium's DOM over CDP; Aspen's own code runs in its
 * isolated world and never sees the change. Returns how many hosts matched.
 */
export async function exposeClosedShadowRoots(page: Page, selector: string): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector });
    for (const nodeId of nodeIds) {
      const { node } = await cdp.send('DOM.describeNode', { nodeId, depth: 1, pierce: true });
      const shadow = node.shadowRoots?.[0];
      if (!shadow) continue;
      const host = await cdp.send('DOM.resolveNode', { nodeId });
      const inside = await cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId });
      await cdp.send('Runtime.callFunctionOn', {
        objectId: host.object.objectId!,
        functionDeclaration: 'function (root) { Object.defineProperty(this, "shadowRoot", { get: () => root, configurable: true }); }',
        arguments: [{ objectId: inside.object.objectId! }],
      });
    }
    return nodeIds.length;
  } finally {
    await cdp.detach();
  }
}

export interface AccessibleNode {
  role: string;
  name: string;
  pressed?: boolean;
  checked?: boolean;
  focused?: boolean;
  /** A progress bar's value. */
  value?: number;
  /** What a live status region says (its text, which is what a screen reader announces). */
  text?: string;
}

/**
 * What assistive technology is told about an Aspen control (Chromium's accessibility tree, over CDP): the
 * roles, names, pressed, checked and focused states, progress and status text a screen reader announces.
 * The DOM behind them stays closed; tests read what the manager is shown from here, and what was saved from
 * IndexedDB.
 */
export async function accessibleControls(page: Page, hostSelector: string): Promise<AccessibleNode[][]> {
  // A host can be replaced between finding it and reading its tree (the page re-renders a row): CDP then
  // answers "Could not find node with given id", and a fresh look finds the new host.
  for (let attempt = 1; ; attempt++) {
    try {
      return await readAccessibleControls(page, hostSelector);
    } catch (error) {
      if (attempt === 3 || !String(error).includes('Could not find node with given id')) throw error;
    }
  }
}

async function readAccessibleControls(page: Page, hostSelector: string): Promise<AccessibleNode[][]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: hostSelector });
    const hosts: AccessibleNode[][] = [];
    for (const nodeId of nodeIds) {
      const { nodes } = await cdp.send('Accessibility.queryAXTree', { nodeId });
      const byId = new Map(nodes.map((node) => [node.nodeId, node]));
      const textOf = (node: (typeof nodes)[number]): string =>
        node.role?.value === 'StaticText' ? String(node.name?.value ?? '') : (node.childIds ?? []).map((id) => (byId.has(id) ? textOf(byId.get(id)!) : '')).join('');
      hosts.push(
        nodes
          .filter((node) => !node.ignored && ['button', 'checkbox', 'dialog', 'combobox', 'status', 'group', 'progressbar'].includes(String(node.role?.value)))
          .map((node) => {
            const state = (name: string) => node.properties?.find((p) => p.name === name)?.value.value;
            const pressed = state('pressed');
            const checked = state('checked');
            const role = String(node.role?.value);
            return {
              role,
              name: String(node.name?.value ?? ''),
              ...(pressed === undefined ? {} : { pressed: pressed === true || pressed === 'true' }),
              ...(checked === undefined ? {} : { checked: checked === true || checked === 'true' }),
              ...(state('focused') === true ? { focused: true } : {}),
              ...(role === 'progressbar' ? { value: Number(node.value?.value ?? 0) } : {}),
              ...(role === 'status' ? { text: textOf(node) } : {}),
            };
          }),
      );
    }
    return hosts;
  } finally {
    await cdp.detach();
  }
}

/** Marks Aspen's catch-up control in Slack's header (its inside a closed shadow root). */
export const CATCH_UP_CONTROL = '[data-aspen-catch-up]';

/** The catch-up control as the accessibility tree shows it; empty before it is mounted. */
export async function catchUpControl(slack: Page): Promise<AccessibleNode[]> {
  return (await accessibleControls(slack, CATCH_UP_CONTROL))[0] ?? [];
}

/** What the catch-up control's status line says, as a screen reader is told it. */
export async function catchUpStatus(slack: Page): Promise<string> {
  return (await catchUpControl(slack)).find((node) => node.role === 'status')?.text ?? '';
}

/**
 * Tabs through the catch-up control as a keyboard user does (focusing its host first focuses its first control,
 * as `delegatesFocus` makes it) until the control whose role is `role` and whose name starts with `name` has
 * focus, as the accessibility tree tells; throws if `key` (Tab, or Shift+Tab to go back) never reaches it.
 */
export async function tabToCatchUp(slack: Page, role: string, name: string, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> {
  for (let presses = 0; presses < 10; presses++) {
    if ((await catchUpControl(slack)).some((node) => node.focused && node.role === role && node.name.startsWith(name))) return;
    await slack.keyboard.press(key);
  }
  throw new Error(`Tab does not reach the ${role} "${name}" in Aspen's catch-up control`);
}

/**
 * Chooses a catch-up back to `day` ("YYYY-MM-DD") in the catch-up control by keyboard, leaving focus on its
 * "Catch up" button: focusing the host focuses the choice of weeks (where focus is already inside, as after a
 * run, Shift+Tab goes back to it), End picks "a date…", Tab to the date field and type the day (month, day, year,
 * as en-US shows it). "Read stored history again" and thread replies stay as they are.
 */
export async function chooseCatchUpDay(slack: Page, day: string): Promise<void> {
  await slack.locator(CATCH_UP_CONTROL).focus();
  await tabToCatchUp(slack, 'combobox', 'Catch up back to', 'Shift+Tab');
  await slack.keyboard.press('End');
  await slack.keyboard.press('Tab');
  const [year, month, date] = day.split('-');
  await slack.keyboard.type(`${month}${date}${year}`);
  await tabToCatchUp(slack, 'button', 'Catch up');
}

/** Waits until the catch-up control's status matches `pattern` and returns it; throws after `timeoutMs`. */
export async function waitForCatchUpStatus(slack: Page, pattern: RegExp, timeoutMs: number): Promise<string> {
  const end = Date.now() + timeoutMs;
  let status = '';
  while (Date.now() < end) {
    status = await catchUpStatus(slack);
    if (pattern.test(status)) return status;
    await slack.waitForTimeout(500);
  }
  throw new Error(`the catch-up's status never matched ${pattern}; it says "${status}"`);
}
