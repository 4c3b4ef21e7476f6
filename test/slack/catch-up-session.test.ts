// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { URL as NodeURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createCatchUpSession } from '../../lib/slack/catch-up-session';
import { findMessageScroller, slackHistoryList } from '../../lib/slack/history-list';
import type { CatchUpStatus } from '../../lib/slack/types';
import { mountSlackDemo } from '../../seeds/page/app';
import { workspaceSchema } from '../../seeds/workspace';

const workspace = workspaceSchema.parse(JSON.parse(readFileSync(new NodeURL('../../seeds/workspace.json', import.meta.url), 'utf8')));

afterEach(() => document.body.replaceChildren());

function session(published: CatchUpStatus[]) {
  return createCatchUpSession({
    doc: document,
    storedRange: async () => null,
    finished: async () => undefined,
    publish: (status) => published.push(status),
  });
}

describe('catch-up in a Slack page', () => {
  it('finds the conversation list, not the thread pane, and reads its rendered range', () => {
    const demo = mountSlackDemo(window, workspace, { markup: '2024', mountedRows: 40 });
    demo.openChannel('C0PLATFRM1');
    const root = demo.channelMessages().find((m) => m.threadTs === m.ts)!;
    demo.openThread(root.ts);
    const scroller = findMessageScroller(document)!;
    expect(scroller.closest('[data-qa="message_pane"]')).not.toBeNull();
    const list = slackHistoryList(document, scroller);
    const loaded = demo.channelMessages();
    expect(list.newestTs()).toBe(loaded.at(-1)!.ts);
    expect(Number(list.oldestTs())).toBeGreaterThanOrEqual(Number(loaded[0].ts));
    expect(list.conversation()).toBe('C0PLATFRM1');
    expect(list.isLoading()).toBe(false);
    expect(list.atStart()).toBe(false);
  });

  it('ends with a clear message, not an exception, where there is no conversation list', () => {
    document.body.innerHTML = '<div class="p-client_container"><div class="p-view_header"></div><p>hello</p></div>';
    window.history.pushState({}, '', '/client/T0ASPEN01/C0PLATFRM1');
    const published: CatchUpStatus[] = [];
    const status = session(published).start(Date.now() - 86_400_000, false);
    expect(status).toMatchObject({ running: false, phase: 'done', message: 'Aspen does not recognize this conversation’s message list, so it cannot scroll it.' });
    expect(published).toEqual([status]);
    window.history.pushState({}, '', '/client/T0ASPEN01/later');
    expect(session([]).start(0, false).message).toBe('Open a conversation in Slack to catch up on it.');
  });

  it('runs one catch-up per tab', () => {
    mountSlackDemo(window, workspace, { markup: '2025', mountedRows: 40 }).openChannel('C0PLATFRM1');
    const published: CatchUpStatus[] = [];
    const tab = session(published);
    const first = tab.start(Date.now() - 86_400_000, false);
    expect(first.running).toBe(true);
    expect(tab.start(0, true)).toBe(first);
    tab.dispose();
  });
});
