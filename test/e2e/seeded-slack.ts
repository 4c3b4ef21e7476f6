import type { BrowserContext } from '@playwright/test';
import type { Workspace } from '../../seeds/workspace';
import { readStore } from './extension';

/** What the Slack-like page shows without ?size: the seeded workspace, moved to this week as it is served. */
export { seededWorkspace, servedTs } from '../../scripts/seeded-slack';

/** Keys of a channel's top-level messages: what its virtualized list shows (replies live in the thread pane). */
export const listedKeys = (workspace: Workspace, channelId: string): string[] =>
  workspace.messages
    .filter((m) => m.channelId === channelId && (m.threadTs === null || m.threadTs === m.ts))
    .map((m) => `${workspace.team.id}/${channelId}/${m.ts}`);

/** What the helpers need of a tab, so that Playwright's and Puppeteer's pages both serve. */
export interface PageScript {
  evaluate(script: () => boolean): Promise<boolean>;
}

/**
 * Scrolls the open channel from bottom to top a screen at a time, as a person reading it would; `between`
 * runs after every step (to inject faults mid-capture). Stops at the top or after `maxSteps`.
 */
export async function scrollThroughChannel(
  slack: PageScript,
  { maxSteps = 200, pauseMs = 60, between }: { maxSteps?: number; pauseMs?: number; between?: (step: number) => Promise<void> } = {},
): Promise<void> {
  for (let step = 0; step < maxSteps; step++) {
    const atTop = await slack.evaluate(() => {
      window.slackDemo!.scrollBy(-600);
      return window.slackDemo!.atStart();
    });
    await new Promise((resume) => setTimeout(resume, pauseMs));
    await between?.(step);
    if (atTop) break;
  }
}

export async function storedKeys(context: BrowserContext, extensionId: string): Promise<string[]> {
  return (await readStore<{ key: string }>(context, extensionId, 'messages')).map((m) => m.key).sort();
}
