import { test as base } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import { launchAspenFirefox, type AspenFirefox } from '../../scripts/firefox';

interface FirefoxFixtures {
  /** Every request the browser tried to send to the network (outside the routed Slack page); all refused. */
  leakedRequests: string[];
  firefox: AspenFirefox;
  slack: Page;
}

/** Debian's Firefox ESR with the built Firefox extension installed; app.slack.com is the seeded Slack-like page. */
export const test = base.extend<FirefoxFixtures>({
  // eslint-disable-next-line no-empty-pattern
  leakedRequests: async ({}, use) => {
    await use([]);
  },
  firefox: async ({ leakedRequests }, use) => {
    const firefox = await launchAspenFirefox({
      onLeak: (url) => {
        if (!leakedRequests.includes(url)) leakedRequests.push(url);
      },
    });
    await use(firefox);
    await firefox.close();
  },
  slack: async ({ firefox }, use) => {
    await use(await firefox.openSlack());
  },
});

export const expect = test.expect;

/** The text of the first element matching `selector`, or null while there is none. */
export const textOf = (page: Page, selector: string): Promise<string | null> =>
  page.evaluate((s) => document.querySelector(s)?.textContent ?? null, selector);

/** An element found by its ARIA role and accessible name, as a person using a screen reader finds it. */
export function byRole(page: Page, role: string, name: string) {
  // Puppeteer's ARIA selector has no escapes: quote the name with the quote it does not contain.
  const quote = name.includes('"') ? "'" : '"';
  return page.locator(`::-p-aria([name=${quote}${name}${quote}][role="${role}"])`);
}

/** The host of a row's Recognition controls; its inside is a closed shadow root no selector can enter. */
export const recognitionHost = (ts: string) => `[data-msg-ts="${ts}"] [data-aspen-recognition]`;

/**
 * Presses a row's Recognition button as a keyboard user does: focusing the host focuses its first control,
 * the tag button (`delegatesFocus`), and Enter presses it.
 */
export async function pressRecognition(slack: Page, ts: string, timeout = 20_000): Promise<void> {
  const host = await slack.waitForSelector(recognitionHost(ts), { timeout });
  await host!.focus();
  await slack.keyboard.press('Enter');
}
