import { test as base, type BrowserContext, type Page } from '@playwright/test';
import { extensionIdOf, launchAspenChromium, SLACK_CLIENT_URL } from '../../scripts/chromium';
import { readObjectStore } from '../../scripts/extension-store';

export const SLACK_URL = SLACK_CLIENT_URL;

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
    const context = await launchAspenChromium({
      onLeak: (url) => {
        if (!leakedRequests.includes(url)) leakedRequests.push(url);
      },
    });
    await use(context);
    await context.close();
  },
  extensionId: async ({ context }, use) => {
    await use(await extensionIdOf(context));
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
  const rows = await page.evaluate(readObjectStore, store);
  await page.close();
  return rows as T[];
}
