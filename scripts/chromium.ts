import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROME_EXTENSION_DIR = resolve('.output/chrome-mv3');
export const SEEDED_SLACK_PAGE = resolve('seeds/slack.html');
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
 * page: Slack's servers are the one boundary that is replaced. Everything else that tries to leave is refused.
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
  const html = readFileSync(SEEDED_SLACK_PAGE, 'utf8');
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
