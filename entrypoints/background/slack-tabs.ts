import { onStoreEvent, type SlackTabEvent } from '@/lib/messaging';
import { runDetached } from './detached';

/**
 * Tells every open Slack tab. Which tabs show Slack is not asked: that needs the host permission, which only
 * Chrome's build holds (slack-takeover.ts), so every tab is told and only Aspen's own content script, in Slack
 * tabs, can receive it (elsewhere the message fails quietly).
 */
export async function notifySlackTabs(event: SlackTabEvent): Promise<void> {
  const tabs = await browser.tabs.query({}).catch(() => []);
  await Promise.all(tabs.map((tab) => (tab.id === undefined ? undefined : browser.tabs.sendMessage(tab.id, event, { frameId: 0 }).catch(() => undefined))));
}

/**
 * Slack tabs ask for tags only for rows they have not shown yet; when tags change anywhere (the side panel,
 * another tab, a wipe) they are told once, so an idle tab never has to poll.
 */
export function forwardTagChangesToSlackTabs(): void {
  onStoreEvent((event) => {
    if (event.type === 'tags' || event.type === 'wipe') runDetached('telling Slack tabs tags changed', notifySlackTabs({ type: 'aspen:tags-changed' }));
  });
}
