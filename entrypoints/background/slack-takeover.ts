import { runDetached } from './detached';

/** The pages Aspen's content script runs on (the manifest's match, and the one host permission). */
export const SLACK_TABS = 'https://app.slack.com/*';

/** WXT's build of entrypoints/slack.content.ts (the path is type-checked against the build's public paths). */
const SLACK_CONTENT_SCRIPT = '/content-scripts/slack.js';

/**
 * Gives Slack tabs that were open before Aspen was installed, updated or reloaded the new content script at
 * once, without reloading the tab (which would throw away what the manager was reading or typing). Its start
 * tells the older copy to take its controls away (or removes what an orphaned copy left), so the tab ends up
 * with exactly one set. Finding the tabs and injecting into them needs the host permission for app.slack.com,
 * the same site the content script already runs on; a tab that cannot be reached is left as it is. Chrome only:
 * Firefox injects the manifest's content scripts into open tabs itself.
 */
async function injectIntoOpenSlackTabs(): Promise<void> {
  const tabs = await browser.tabs.query({ url: SLACK_TABS });
  await Promise.all(
    tabs.map((tab) =>
      tab.id === undefined || tab.discarded ? undefined : browser.scripting.executeScript({ target: { tabId: tab.id }, files: [SLACK_CONTENT_SCRIPT] }).catch(() => undefined),
    ),
  );
}

export function takeOverOpenSlackTabs(): void {
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install' || reason === 'update') runDetached('taking over open Slack tabs', injectIntoOpenSlackTabs());
  });
}
