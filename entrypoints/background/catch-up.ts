import { catchUpStatusReplySchema, type CatchUpStatusReply, type TabCatchUpRequest } from '@/lib/messaging';
import type { CatchUpCommand, CatchUpStatus } from '@/lib/slack';

/**
 * Which tabs run Slack, most recently active last, and their latest catch-up status. Known from the content
 * scripts' own messages and tab activation, so Aspen needs no `tabs` permission. A stopped service worker
 * forgets it; the next capture or progress message tells it again.
 */
const slackTabs = new Map<number, number>();
const statuses = new Map<number, CatchUpStatus>();
let installed = false;

function watchActivation(): void {
  if (installed) return;
  installed = true;
  browser.tabs.onActivated.addListener(({ tabId }) => {
    if (slackTabs.has(tabId)) slackTabs.set(tabId, Date.now());
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    slackTabs.delete(tabId);
    statuses.delete(tabId);
  });
}

export function noteSlackTab(tabId: number): void {
  watchActivation();
  if (!slackTabs.has(tabId)) slackTabs.set(tabId, Date.now());
}

export function noteCatchUpProgress(tabId: number, status: CatchUpStatus): void {
  statuses.set(tabId, status);
}

/** The Slack tab the manager looked at last. */
function frontSlackTab(): number | null {
  let best: number | null = null;
  let bestAt = -Infinity;
  for (const [tabId, at] of slackTabs) {
    if (at > bestAt) [best, bestAt] = [tabId, at];
  }
  return best;
}

const NO_SLACK_TAB = 'Open a Slack conversation in a tab (app.slack.com) to catch up on it.';

async function askTab(tabId: number, request: TabCatchUpRequest): Promise<CatchUpStatusReply> {
  const reply = catchUpStatusReplySchema.safeParse(await browser.tabs.sendMessage(tabId, request).catch(() => undefined));
  if (!reply.success) {
    slackTabs.delete(tabId);
    return { status: null, error: NO_SLACK_TAB };
  }
  if (reply.data.status) statuses.set(tabId, reply.data.status);
  return reply.data;
}

export async function sendCatchUpCommand(command: CatchUpCommand): Promise<CatchUpStatusReply> {
  const tabId = frontSlackTab();
  return tabId === null ? { status: null, error: NO_SLACK_TAB } : askTab(tabId, { target: 'catch-up', command });
}

export async function catchUpStatus(): Promise<CatchUpStatusReply> {
  const tabId = frontSlackTab();
  if (tabId === null) return { status: null, error: NO_SLACK_TAB };
  return { status: statuses.get(tabId) ?? null };
}
