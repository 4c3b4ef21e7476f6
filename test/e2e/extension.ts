import { test as base, type BrowserContext, type Page } from '@playwright/test';
import { accessibleControls, extensionIdOf, launchAspenChromium, SLACK_CLIENT_URL, type AccessibleNode } from '../../scripts/chromium';
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

export { accessibleControls, CATCH_UP_CONTROL, catchUpControl, catchUpStatus, chooseCatchUpDay, tabToCatchUp, type AccessibleNode } from '../../scripts/chromium';

/** Reads an object store through the extension's own page, as the side panel does. */
export async function readStore<T>(context: BrowserContext, extensionId: string, store: string): Promise<T[]> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  const rows = await page.evaluate(readObjectStore, store);
  await page.close();
  return rows as T[];
}

/**
 * The host of a row's Recognition controls. Its inside is a closed shadow root that no locator (nor Slack's
 * page) can enter, so tests drive it as a keyboard user does: focusing the host focuses its first control,
 * the tag button (`delegatesFocus`); Tab then reaches "Choose who the recognition is for".
 */
export const recognitionHost = (slack: Page, ts: string) => slack.locator(`[data-msg-ts="${ts}"] [data-aspen-recognition]`);

/** Presses a row's Recognition button by keyboard: focus the controls, Enter. */
export async function pressRecognition(slack: Page, ts: string): Promise<void> {
  await recognitionHost(slack, ts).focus();
  await slack.keyboard.press('Enter');
}

/** Opens a row's subject picker by keyboard (focus, Tab to ▾, Enter): focus lands on its first checkbox. */
export async function openSubjectPicker(slack: Page, ts: string): Promise<void> {
  await recognitionHost(slack, ts).focus();
  await slack.keyboard.press('Tab');
  await slack.keyboard.press('Enter');
}

/** The Recognition tag button of a row as the accessibility tree shows it: its label and whether it is pressed. */
export async function recognitionButton(slack: Page, ts: string): Promise<AccessibleNode | undefined> {
  const [controls] = await accessibleControls(slack, `[data-msg-ts="${ts}"] [data-aspen-recognition]`);
  return controls?.find((node) => node.role === 'button' && node.pressed !== undefined);
}

/**
 * Reloads the extension as an update does, from its own service worker (`chrome.runtime.reload()`). Chromium
 * keeps a reloaded unpacked extension only in Developer mode (else it disables it as an "unsupported developer
 * extension"), so that is turned on first, as a developer installing Aspen by hand does.
 */
export async function reloadExtension(context: BrowserContext, extensionId: string): Promise<void> {
  const settings = await context.newPage();
  await settings.goto('chrome://extensions');
  await settings.evaluate(() =>
    (globalThis as unknown as { chrome: { developerPrivate: { updateProfileConfiguration(c: object): Promise<void> } } }).chrome.developerPrivate.updateProfileConfiguration(
      { inDeveloperMode: true },
    ),
  );
  await settings.close();
  const worker = context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`));
  if (!worker) throw new Error('Aspen has no running service worker to reload');
  // The worker goes away mid-call, so the call itself never answers.
  void worker.evaluate(() => (globalThis as unknown as { chrome: { runtime: { reload(): void } } }).chrome.runtime.reload()).catch(() => undefined);
  await expect.poll(() => context.serviceWorkers().some((w) => w !== worker && w.url().startsWith(`chrome-extension://${extensionId}/`)), { timeout: 20_000 }).toBe(true);
}
