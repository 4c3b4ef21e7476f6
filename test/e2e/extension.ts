import { test as base, chromium, type BrowserContext, type Page, type Request } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const EXTENSION_DIR = resolve('.output/chrome-mv3');
export const SLACK_PAGE = resolve('seeds/slack.html');
export const SLACK_URL = 'https://app.slack.com/client/T0ASPEN01/C0ENGPLAT';

interface ExtensionFixtures {
  context: BrowserContext;
  extensionId: string;
  /** Every request the browser tried to send outside the extension and the routed Slack page. */
  leakedRequests: string[];
  slack: Page;
}

/** Debian's Chromium with the built extension loaded; app.slack.com is the seeded Slack-like page. */
export const test = base.extend<ExtensionFixtures>({
  // eslint-disable-next-line no-empty-pattern
  leakedRequests: async ({}, use) => {
    await use([]);
  },
  context: async ({ leakedRequests }, use) => {
    const context = await chromium.launchPersistentContext('', {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: [
        '--headless=new',
        `--disable-extensions-except=${EXTENSION_DIR}`,
        `--load-extension=${EXTENSION_DIR}`,
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    const html = readFileSync(SLACK_PAGE, 'utf8');
    await context.route('https://app.slack.com/**', (route) =>
      route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
    );
    // Slack's servers are the only true boundary; anything else that tries to leave is recorded and refused.
    await context.route(/^(https?|wss?):\/\//, (route) => {
      const url = route.request().url();
      if (url.startsWith('https://app.slack.com/')) return route.fallback();
      leakedRequests.push(url);
      return route.abort();
    });
    context.on('request', (request: Request) => {
      const url = request.url();
      if (/^(https?|wss?):/.test(url) && !url.startsWith('https://app.slack.com/') && !leakedRequests.includes(url)) {
        leakedRequests.push(url);
      }
    });
    await use(context);
    await context.close();
  },
  extensionId: async ({ context }, use) => {
    let [worker] = context.serviceWorkers();
    if (!worker) worker = await context.waitForEvent('serviceworker');
    await use(new URL(worker.url()).host);
  },
  slack: async ({ context }, use) => {
    const page = await context.newPage();
    await page.goto(SLACK_URL);
    await use(page);
  },
});

export const expect = test.expect;

/** Reads an object store through the extension's own page, as the side panel does. */
export async function readStore<T>(context: BrowserContext, extensionId: string, store: string): Promise<T[]> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  const rows = await page.evaluate(
    (name) =>
      new Promise<unknown[]>(async (done, fail) => {
        // Opening a database that does not exist would create it at version 1 and confuse the app's upgrade.
        if (!(await indexedDB.databases()).some((d) => d.name === 'aspen')) return done([]);
        const open = indexedDB.open('aspen');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains(name)) return done([]);
          const req = db.transaction(name).objectStore(name).getAll();
          req.onsuccess = () => done(req.result);
          req.onerror = () => fail(req.error);
        };
      }),
    store,
  );
  await page.close();
  return rows as T[];
}
