// @vitest-environment happy-dom
// happy-dom replaces the global URL, so file paths use Node's own.
import { readFileSync } from 'node:fs';
import { URL as NodeURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { parseSlackMessages, readSlackLocation, type CapturedMessage } from '../../lib/slack';
import { generateWorkspace } from '../../seeds/generate';
import { mountSlackDemo } from '../../seeds/page/app';
import { workspaceSchema, type Workspace } from '../../seeds/workspace';

const workspace = workspaceSchema.parse(JSON.parse(readFileSync(new NodeURL('../../seeds/workspace.json', import.meta.url), 'utf8')));
const names = new Map(workspace.people.map((p) => [p.id, p.name]));
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
const mentionIds = (text: string) => [...text.matchAll(/<@(\w+)>/g)].map((m) => m[1]);

/** Every parsed message is a seed message, read back field by field. */
function expectConsistent(messages: CapturedMessage[]) {
  const byKey = new Map(workspace.messages.map((m) => [`${m.channelId}/${m.ts}`, m]));
  for (const parsed of messages) {
    const seed = byKey.get(`${parsed.channelId}/${parsed.ts}`);
    expect(seed, parsed.ts).toBeDefined();
    const replies = workspace.messages.filter((m) => m.threadTs === seed!.ts && m.ts !== seed!.ts).length;
    expect(parsed).toMatchObject({
      teamId: workspace.team.id,
      authorId: seed!.authorId,
      authorName: names.get(seed!.authorId),
      text: expect.any(String),
      edited: seed!.edited,
      reactions: seed!.reactions,
      threadTs: seed!.threadTs,
      replyCount: parsed.inThread ? 0 : replies,
      permalink: expect.stringContaining(`/archives/${seed!.channelId}/p${seed!.ts.replace('.', '')}`),
    });
    const expected = seed!.text.replace(/<@(\w+)>/g, (_, id: string) => `@${names.get(id)}`).replace(/```/g, '\n');
    expect(squash(parsed.text)).toBe(squash(expected));
    expect(parsed.mentions.map((m) => m.id)).toEqual(mentionIds(seed!.text));
  }
}

afterEach(() => document.body.replaceChildren());

describe('seeds/workspace.json', () => {
  it('is what the generator produces (run npm run seed after changing it)', () => {
    expect(workspace).toEqual(generateWorkspace());
  });

  it('looks like twelve weeks of a real team', () => {
    const { messages, people, channels } = workspace;
    expect(messages.length).toBeGreaterThanOrEqual(320);
    expect(people.length).toBeGreaterThanOrEqual(7);
    expect(names.get(workspace.selfId)).toBe('Morgan Lee');
    expect(channels.filter((c) => c.type === 'im')).toHaveLength(3);
    expect(channels.filter((c) => c.type === 'mpdm')).toHaveLength(1);
    expect(channels.map((c) => c.name)).toEqual(expect.arrayContaining(['eng-platform', 'design-review', 'launch-q4', 'random']));
    const first = Number(messages[0].ts) * 1000;
    const last = Number(messages[messages.length - 1].ts) * 1000;
    expect(new Date(last).toISOString().slice(0, 10)).toBe('2026-11-20');
    expect(last - first).toBeGreaterThan(11 * 7 * 86_400_000);
    for (const label of ['recognition', 'constructive', 'coaching', 'request', 'other'] as const) {
      expect(messages.filter((m) => m.label === label).length, label).toBeGreaterThanOrEqual(25);
    }
    expect(messages.filter((m) => m.threadTs && m.threadTs !== m.ts).length).toBeGreaterThan(30);
    expect(messages.filter((m) => m.reactions.length > 0).length).toBeGreaterThan(30);
    expect(messages.filter((m) => m.edited).length).toBeGreaterThan(5);
    expect(new Set(messages.map((m) => m.text)).size / messages.length).toBeGreaterThan(0.7);
    for (const m of messages) {
      for (const id of [...mentionIds(m.text), ...m.subjects, m.authorId]) expect(names.has(id), id).toBe(true);
    }
  });
});

describe('seeds/slack.html', () => {
  it('parses statically (no script run) into the seed messages of the first channel', () => {
    const html = readFileSync(new NodeURL('../../seeds/slack.html', import.meta.url), 'utf8');
    // Self-contained: no external scripts, styles, images or links besides Slack-style permalinks.
    expect(html.match(/<link|<script[^>]+src=|(src|href)="(?!data:|\/team\/|https:\/\/northwind\.slack\.com\/archives\/)/)?.[0]).toBeUndefined();
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const location = readSlackLocation(doc, 'https://app.slack.com/client/T0ASPEN01/C0PLATFRM1');
    expect(location).toEqual({ teamId: 'T0ASPEN01', channelId: 'C0PLATFRM1', channelName: 'eng-platform' });
    const { messages, health } = parseSlackMessages(doc, { ...location, knownPeople: workspace.people });
    expect(health).toMatchObject({ recognized: true, markup: '2025', problems: [] });
    expect(messages.length).toBeGreaterThan(20);
    expect(messages.some((m) => m.authorInferred)).toBe(true);
    expectConsistent(messages);
  });

  it.each(['2024', '2025'] as const)('renders every conversation in %s markup consistently with the workspace', (markup) => {
    const demo = mountSlackDemo(window, workspace as Workspace, { markup, mountedRows: 2000, historyPage: Infinity });
    for (const channel of workspace.channels) {
      demo.openChannel(channel.id);
      // 2025 mentions carry only a label: the extension resolves them against people it already knows.
      const context = { ...readSlackLocation(document, window.location.href), knownPeople: markup === '2025' ? workspace.people : [] };
      const { messages, health } = parseSlackMessages(document, context);
      expect(health.markup).toBe(markup);
      expect(messages).toHaveLength(demo.channelMessages().length);
      expectConsistent(messages);
      const root = demo.channelMessages().find((m) => m.threadTs === m.ts);
      if (!root) continue;
      demo.openThread(root.ts);
      const { messages: withThread, health: threadHealth } = parseSlackMessages(document, context);
      // Each variant's thread pane uses the older shapes: ids for membership and text-atom spans (2024), loose text (2025).
      const shapes = markup === '2024' ? ['thread.listItemId', 'threadList.separatorCount', 'text.textAtom'] : ['text.blocksContainer'];
      for (const shape of shapes) expect(threadHealth.matched[shape], shape).toBeGreaterThan(0);
      expect(threadHealth.problems).toEqual([]);
      const replies = withThread.filter((m) => m.inThread);
      expect(replies.length).toBe(workspace.messages.filter((m) => m.threadTs === root.ts && m.ts !== root.ts).length);
      expectConsistent(withThread);
    }
  });

  it.each(['2024', '2025'] as const)('loads older history lazily near the top, %s markup, still virtualized', async (markup) => {
    const demo = mountSlackDemo(window, workspace as Workspace, { markup, mountedRows: 40, historyPage: 50, historyDelayMs: 20 });
    demo.openChannel('C0PLATFRM1');
    const roots = workspace.messages.filter((m) => m.channelId === 'C0PLATFRM1' && (!m.threadTs || m.threadTs === m.ts));
    expect(roots.length).toBeGreaterThan(50);
    const loadedAtFirst = demo.channelMessages();
    expect(loadedAtFirst).toEqual(roots.slice(-50));
    expect(document.querySelector('.p-degraded_list__loading')).toBeNull();
    demo.scrollBy(-1e7);
    expect(document.querySelector('.p-degraded_list__loading')?.textContent).toBe('Loading history…');
    expect(demo.atStart()).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(demo.channelMessages()).toEqual(roots.slice(-100));
    expect(document.querySelector('.p-degraded_list__loading')).toBeNull();
    demo.scrollBy(-1e7);
    await new Promise((resolve) => setTimeout(resolve, 60));
    demo.scrollBy(-1e7);
    expect(demo.atStart()).toBe(true);
    expect(document.querySelector('h1.p-message_pane__foreword__title')?.textContent).toBe('# eng-platform');
    expect(document.querySelectorAll('[data-qa="virtual-list-item"]').length).toBeLessThanOrEqual(41);
    const { messages } = parseSlackMessages(document, { ...readSlackLocation(document, window.location.href), knownPeople: workspace.people });
    expect(messages[0].ts).toBe(roots[0].ts);
  });
});
