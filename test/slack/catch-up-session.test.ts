// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { URL as NodeURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCatchUpSession } from '../../lib/slack/catch-up-session';
import { findMessageScroller, slackHistoryList, slackThreadPane } from '../../lib/slack/history-list';
import type { CatchUpRun, CatchUpStatus } from '../../lib/slack/types';
import { mountSlackDemo } from '../../seeds/page/app';
import { workspaceSchema } from '../../seeds/workspace';

const capturedStub = {
  channelName: 'eng-platform', permalink: '', authorId: 'U0ASPEN01', authorName: 'Ada', authorInferred: false, text: 'hi',
  mentions: [], threadTs: null, replyCount: 0, reactions: [], edited: false, inThread: false,
};
const workspace = workspaceSchema.parse(JSON.parse(readFileSync(new NodeURL('../../seeds/workspace.json', import.meta.url), 'utf8')));

afterEach(() => document.body.replaceChildren());

function session(published: CatchUpStatus[], runs: CatchUpRun[] = []) {
  return createCatchUpSession({
    doc: document,
    storedRange: async () => null,
    finished: async (run) => void runs.push(run),
    publish: (status) => published.push(status),
    requestParse: () => undefined,
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

  it.each(['2024', '2025'] as const)('opens a thread by its reply count and closes it by the close button, %s markup', (markup) => {
    const demo = mountSlackDemo(window, workspace, { markup, mountedRows: 40 });
    demo.openChannel('C0PLATFRM1');
    const pane = slackThreadPane(document, findMessageScroller(document)!);
    const roots = pane.rootsWithReplies();
    const rendered = new Set(demo.channelMessages().map((m) => m.ts));
    const expected = workspace.messages.filter((m) => m.threadTs === m.ts && m.channelId === 'C0PLATFRM1' && rendered.has(m.ts));
    expect(roots.length).toBeGreaterThan(0);
    expect(roots.every((ts) => expected.some((m) => m.ts === ts))).toBe(true);
    expect(pane.pane(roots[0])).toBe('absent');
    expect(pane.open(roots[0])).toBe(true);
    expect(pane.pane(roots[0])).toBe('ready');
    expect(pane.pane(roots.at(-1)!)).toBe(roots.length > 1 ? 'loading' : 'ready');
    expect(pane.close()).toBe(true);
    expect(pane.pane(roots[0])).toBe('absent');
    expect(pane.open('1000000000.000001')).toBe(false);
  });

  it('ends with a clear message and a Health record, not an exception, where there is no conversation list', () => {
    document.body.innerHTML = '<div class="p-client_container"><div class="p-view_header"></div><p>hello</p></div>';
    window.history.pushState({}, '', '/client/T0ASPEN01/C0PLATFRM1');
    const published: CatchUpStatus[] = [];
    const runs: CatchUpRun[] = [];
    const status = session(published, runs).start(Date.now() - 86_400_000, false);
    const message = 'Aspen does not recognize this conversation’s message list, so it cannot scroll it.';
    expect(status).toMatchObject({ running: false, phase: 'done', message });
    expect(published).toEqual([status]);
    expect(runs).toEqual([{ teamId: 'T0ASPEN01', channelId: 'C0PLATFRM1', channelName: expect.any(String), oldestTs: null, newestTs: null, outcome: message, problem: message }]);
    window.history.pushState({}, '', '/client/T0ASPEN01/later');
    expect(session([]).start(0, false).message).toBe('Open a conversation in Slack to catch up on it.');
  });

  it('sends progress at most every 200 ms, the latest of it, and the end of a run at once', async () => {
    mountSlackDemo(window, workspace, { markup: '2025', mountedRows: 40 }).openChannel('C0PLATFRM1');
    const published: CatchUpStatus[] = [];
    const tab = session(published);
    const started = tab.start(Date.now() - 86_400_000, false);
    const message = (ts: number) => ({ ...capturedStub, teamId: started.teamId, channelId: started.channelId, ts: `${1700000000 + ts}.000100` });
    for (let i = 0; i < 50; i++) tab.noteCaptured([message(i)]);
    expect(published).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 260));
    expect(published.filter((s) => s.captured > 0).map((s) => s.captured)).toEqual([50]);
    // The run ends by itself (the seeded history is older than the date): its last status goes out as it ends.
    await vi.waitFor(() => expect(published.at(-1)).toMatchObject({ running: false, message: expect.stringMatching(/^Caught up/) }), { timeout: 5000 });
    expect(published.at(-1)).toBe(tab.status());
    tab.dispose();
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
