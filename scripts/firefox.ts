import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { SLACK_CLIENT_URL } from './chromium';
import { readObjectStore } from './extension-store';
import { seededSlackPage } from './seeded-slack';

export const FIREFOX = '/usr/bin/firefox-esr';
export const FIREFOX_EXTENSION_DIR = resolve('.output/firefox-mv2');
/** The add-on id from wxt.config.ts; Firefox keys its internal UUIDs by it. */
const ADDON_ID = 'aspen@aspen.local';
/**
 * Firefox gives each install a random internal UUID (the host of moz-extension:// URLs); this profile pins it,
 * so the tests know the extension's origin before it is installed.
 */
export const EXTENSION_UUID = '5f1c0a3e-7d2b-4e8f-9a61-a5be00000014';
export const EXTENSION_ORIGIN = `moz-extension://${EXTENSION_UUID}`;

export interface AspenFirefoxOptions {
  headless?: boolean;
  /** Called with every request that tries to leave the browser; such requests are refused. */
  onLeak?: (url: string) => void;
}

export interface FirefoxProcess {
  /** 'web' for pages, 'extension' for every add-on's pages (Aspen's background page among them). */
  type: string;
  documents: string[];
  workerThreads: number;
}

export interface AspenFirefox {
  browser: Browser;
  /** A new tab on the seeded Slack-like page; `beforeLoad` runs first (e.g. evaluateOnNewDocument). */
  openSlack(url?: string, beforeLoad?: (page: Page) => Promise<void>): Promise<Page>;
  /** A new tab on `url`, answered with `html` (a page outside Slack, such as a design doc). */
  openServedPage(url: string, html: string): Promise<Page>;
  /** A new tab on one of Aspen's own pages, such as `/sidepanel.html`. */
  openExtensionPage(path: string): Promise<Page>;
  /** Every row of one IndexedDB store, read from an extension page as the panel reads it. */
  readStore<T>(store: string): Promise<T[]>;
  /** Firefox's content processes: what documents each holds and how many worker threads it runs. */
  processes(): Promise<FirefoxProcess[]>;
  /** The URL of the page in Firefox's real sidebar, or null while the sidebar is closed. */
  sidebarPage(): Promise<string | null>;
  closeSidebar(): Promise<null>;
  /** Right-clicks the page and chooses the context-menu item with this label. */
  chooseFromContextMenu(page: Page, label: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Every request that Firefox would send to the network is sent here instead (the profile's only proxy), and
 * refused. This catches what per-tab interception cannot see: the background page, workers, Firefox itself.
 */
function startRefusingProxy(onLeak: (url: string) => void): Promise<Server> {
  const server = createServer((request, response) => {
    onLeak(request.url ?? '');
    response.writeHead(403).end();
  });
  server.on('connect', (request, socket) => {
    onLeak(`https://${request.url ?? ''}`);
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));
}

/**
 * Debian's Firefox ESR with the built extension installed as a temporary add-on, over WebDriver BiDi, and
 * app.slack.com answered by the seeded Slack-like page. Everything else that tries to leave is refused.
 *
 * Firefox's remote agent refuses to navigate to moz-extension:// pages unless it was started with
 * `--remote-allow-system-access`; the tests use that to open the side panel's page in a tab, so that they
 * drive exactly the extension a person installs, with no test-only code in it.
 */
export async function launchAspenFirefox(options: AspenFirefoxOptions = {}): Promise<AspenFirefox> {
  const { headless = true, onLeak = () => {} } = options;
  if (!existsSync(FIREFOX)) throw new Error(`Debian's Firefox ESR is not installed at ${FIREFOX}: sudo apt-get install -y firefox-esr`);
  if (!existsSync(resolve(FIREFOX_EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No built extension in ${FIREFOX_EXTENSION_DIR}: run npm run build:firefox first`);
  }
  const proxy = await startRefusingProxy(onLeak);
  const { port } = proxy.address() as AddressInfo;
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless,
    protocol: 'webDriverBiDi',
    defaultViewport: { width: 1280, height: 900 },
    args: ['--remote-allow-system-access'],
    // Release builds ignore Puppeteer's dummy remote-settings server unless told they may: else they poll Mozilla.
    env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: EXTENSION_UUID }),
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': port,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': port,
      'network.proxy.share_proxy_settings': false,
      'network.proxy.no_proxies_on': '',
      'network.proxy.allow_hijacking_localhost': true,
    },
  });
  await browser.installExtension(FIREFOX_EXTENSION_DIR);
  const slackHtml = await seededSlackPage();
  // Puppeteer's `connection` is its WebDriver BiDi session: used for the commands Puppeteer does not wrap.
  const bidi = (browser as unknown as { connection: { send(method: string, params: object): Promise<{ result: unknown }> } }).connection;
  const contextOf = (page: Page) => (page.mainFrame() as unknown as { _id: string })._id;

  /** A new tab whose requests to `origin` are answered with `html`; every other request is refused. */
  async function openServedPage(url: string, html: string, beforeLoad?: (page: Page) => Promise<void>) {
    const origin = `${new URL(url).origin}/`;
    const page = await browser.newPage();
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      if (request.isInterceptResolutionHandled()) return;
      if (request.url().startsWith(origin)) {
        void request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
      } else {
        if (/^(https?|wss?):/.test(request.url())) onLeak(request.url());
        void request.abort();
      }
    });
    await beforeLoad?.(page);
    await page.goto(url);
    return page;
  }

  const openSlack = (url = SLACK_CLIENT_URL, beforeLoad?: (page: Page) => Promise<void>) => openServedPage(url, slackHtml, beforeLoad);

  async function openExtensionPage(path: string) {
    const page = await browser.newPage();
    // Puppeteer never hears of this navigation's events (extension pages load in another process): wait here.
    await bidi.send('browsingContext.navigate', { context: contextOf(page), url: `${EXTENSION_ORIGIN}${path}`, wait: 'complete' });
    return page;
  }

  async function readStore<T>(store: string): Promise<T[]> {
    const page = await openExtensionPage('/sidepanel.html');
    try {
      return (await page.evaluate(readObjectStore, store)) as T[];
    } finally {
      await page.close();
    }
  }

  /** Evaluates in Firefox's own browser window (privileged); `expression` must produce a JSON string. */
  async function inBrowserWindow<T>(expression: string): Promise<T> {
    const { result } = await bidi.send('browsingContext.getTree', { 'moz:scope': 'chrome', maxDepth: 0 });
    const [browserWindow] = (result as { contexts: Array<{ context: string }> }).contexts;
    const evaluated = await bidi.send('script.evaluate', { target: { context: browserWindow!.context }, awaitPromise: true, expression });
    const { result: value, exceptionDetails } = evaluated.result as { result?: { value?: string }; exceptionDetails?: { text: string } };
    if (typeof value?.value !== 'string') throw new Error(`Firefox's browser window did not answer: ${exceptionDetails?.text ?? 'no result'}`);
    return JSON.parse(value.value) as T;
  }

  const processes = () =>
    inBrowserWindow<FirefoxProcess[]>(`ChromeUtils.requestProcInfo().then((info) => JSON.stringify(info.children.map((child) => ({
      type: child.type,
      documents: child.windows.map((w) => w.documentURI?.spec ?? ''),
      workerThreads: child.threads.filter((t) => t.name === 'DOM Worker').length,
    }))))`);

  const sidebarPage = () =>
    inBrowserWindow<string | null>(`JSON.stringify(SidebarController.isOpen
      ? document.getElementById('sidebar').contentDocument.getElementById('webext-panels-browser')?.currentURI.spec ?? null
      : null)`);
  const closeSidebar = () => inBrowserWindow<null>(`SidebarController.hide(); 'null'`);

  async function chooseFromContextMenu(page: Page, label: string) {
    // A real right-click opens Firefox's own page menu; its items are then chosen as a person's click would.
    await page.mouse.click(200, 200, { button: 'right' });
    const chosen = await inBrowserWindow<boolean>(`new Promise((done) => {
      const menu = document.getElementById('contentAreaContextMenu');
      const choose = () => {
        const item = [...menu.querySelectorAll('menuitem')].find((i) => i.label === ${JSON.stringify(label)});
        item?.doCommand();
        menu.hidePopup();
        done(JSON.stringify(Boolean(item)));
      };
      if (menu.state === 'open') choose();
      else menu.addEventListener('popupshown', choose, { once: true });
    })`);
    if (!chosen) throw new Error(`Firefox's context menu has no item "${label}"`);
  }

  return {
    browser,
    openSlack,
    openServedPage,
    openExtensionPage,
    readStore,
    processes,
    chooseFromContextMenu,
    sidebarPage,
    closeSidebar,
    close: async () => {
      await browser.close();
      proxy.close();
    },
  };
}
