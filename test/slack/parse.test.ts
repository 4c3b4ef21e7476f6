// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { parseSavedSlackPage, parseSlackMessages } from '../../lib/slack/parse';
import { capturedMessageSchema, captureHealthSchema } from '../../lib/slack/types';
import { TEAM, listHtml, messageRowHtml, pageHtml, parseHtml, separatorHtml, threadListSeparatorHtml, threadPaneHtml } from './fixtures';

const PRIYA = { id: 'U04137R0R1U', name: 'Priya Raman' };
const DIEGO = { id: 'U0DIEGO001', name: 'Diego Alvarez' };
const context = { teamId: TEAM, channelId: 'C01RSNX4WQ3', channelName: 'general' };

const parsePage = (items: string[], extra = '', ctx: Parameters<typeof parseSlackMessages>[1] = context) => {
  const result = parseSlackMessages(parseHtml(pageHtml(listHtml(items), extra)), ctx);
  for (const message of result.messages) capturedMessageSchema.parse(message);
  captureHealthSchema.parse(result.health);
  return result;
};

describe('parseSlackMessages, 2025 markup', () => {
  it('reads every field of a full row', () => {
    const { messages, health } = parsePage([
      messageRowHtml({ ts: '1704944000.000100', sender: DIEGO, body: 'morning' }),
      messageRowHtml({
        ts: '1704944089.846389',
        sender: PRIYA,
        body: 'Huge thanks to <span class="c-mrkdwn__mention" data-qa="rich_text_message_mention_element">@Diego Alvarez</span> for the fix',
        edited: true,
        reactions: [{ emoji: ':tada:', count: 3 }, { emoji: ':heart:', count: 1 }],
        replies: 2,
      }),
    ]);
    expect(health).toMatchObject({ recognized: true, markup: '2025', rowsSeen: 2, rowsParsed: 2, problems: [] });
    expect(messages[1]).toEqual({
      teamId: TEAM,
      channelId: 'C01RSNX4WQ3',
      channelName: 'general',
      ts: '1704944089.846389',
      permalink: 'https://acme.slack.com/archives/C01RSNX4WQ3/p1704944089846389',
      authorId: PRIYA.id,
      authorName: PRIYA.name,
      authorInferred: false,
      text: 'Huge thanks to @Diego Alvarez for the fix',
      mentions: [{ id: DIEGO.id, label: '@Diego Alvarez' }],
      threadTs: '1704944089.846389',
      replyCount: 2,
      reactions: [
        { emoji: ':tada:', count: 3 },
        { emoji: ':heart:', count: 1 },
      ],
      edited: true,
      inThread: false,
    });
    expect(health.matched['ts.msgTs']).toBe(2);
    expect(health.matched['mention.richTextElement'] ?? health.matched['mention.mrkdwn']).toBe(1);
    expect(health.matched['mention.resolvedByLabel']).toBe(1);
  });

  it('keeps an unresolvable mention with an empty id, and resolves one from known people', () => {
    const row = messageRowHtml({ ts: '1704944089.846389', sender: PRIYA, body: 'ping <span class="p-rich_text_slug">@Sam Whitfield</span>' });
    expect(parsePage([row]).messages[0].mentions).toEqual([{ id: '', label: '@Sam Whitfield' }]);
    const known = parsePage([row], '', { ...context, knownPeople: [{ id: 'U0SAM00001', name: 'Sam Whitfield' }] });
    expect(known.messages[0].mentions).toEqual([{ id: 'U0SAM00001', label: '@Sam Whitfield' }]);
  });

  it('resolves a name-only mention only when one person has that name, lookalikes counting as the same name', () => {
    const slug = (label: string) => `<span class="p-rich_text_slug">${label}</span>`;
    const thanks = messageRowHtml({ ts: '1704944089.846389', sender: PRIYA, body: `great work ${slug('@diego  álvarez')}` });
    // One Diego on the page (an author): the lookalike spelling is still his name.
    const one = parsePage([messageRowHtml({ ts: '1704944080.000100', sender: DIEGO, body: 'shipped' }), thanks]);
    expect(one.messages[1].mentions).toEqual([{ id: DIEGO.id, label: '@diego  álvarez' }]);
    // A second Diego Alvarez in the workspace: neither is credited; the manager picks.
    const namesake = { id: 'U0DIEGO002', name: 'Diego Álvarez' };
    const two = parsePage([messageRowHtml({ ts: '1704944080.000100', sender: DIEGO, body: 'shipped' }), thanks], '', {
      ...context,
      knownPeople: [namesake, DIEGO],
    });
    expect(two.messages[1].mentions).toEqual([{ id: '', label: '@diego  álvarez' }]);
    expect(two.health.matched['mention.ambiguousLabel']).toBe(1);
    expect(two.health.matched['mention.resolvedByLabel']).toBeUndefined();
  });

  it('takes the channel from the row, not the context, when they differ', () => {
    const { messages } = parsePage([messageRowHtml({ ts: '1704944089.846389', sender: PRIYA, channelId: 'D0DM000001', body: 'hi' })]);
    expect(messages[0]).toMatchObject({ channelId: 'D0DM000001', channelName: '' });
  });
});

describe('parseSlackMessages, 2024 markup', () => {
  it('reads ts from data-item-key and mentions from a.c-member_slug', () => {
    const { messages, health } = parsePage([
      messageRowHtml({
        markup: '2024',
        ts: '1704944089.846389',
        sender: PRIYA,
        body: 'thanks <a class="c-member_slug" data-stringify-type="mention" data-member-id="U0DIEGO001" data-member-label="@Diego Alvarez">@Diego Alvarez</a>!',
      }),
    ]);
    expect(health.markup).toBe('2024');
    expect(health.matched['ts.itemKey']).toBe(1);
    expect(health.matched['mention.memberSlug']).toBe(1);
    expect(messages[0]).toMatchObject({ ts: '1704944089.846389', text: 'thanks @Diego Alvarez!', mentions: [{ id: DIEGO.id, label: '@Diego Alvarez' }] });
  });

  it('falls back to a.c-timestamp[data-ts] and the permalink for ts and channel', () => {
    const { messages, health } = parsePage(
      [messageRowHtml({ markup: '2024', itemKey: false, ts: '1704944089.846389', sender: PRIYA, body: 'x', channelId: 'C0OTHER001' })],
      '',
      { teamId: TEAM },
    );
    expect(health.matched['ts.timestamp']).toBe(1);
    expect(health.matched['channel.permalink']).toBe(1);
    expect(messages[0]).toMatchObject({ ts: '1704944089.846389', channelId: 'C0OTHER001' });
  });
});

describe('authors', () => {
  it('carries the sender forward to continuation rows, sorted by ts, within one list only', () => {
    const main = listHtml([
      messageRowHtml({ ts: '1704944100.000300', body: 'third' }),
      messageRowHtml({ ts: '1704944000.000100', sender: PRIYA, body: 'first' }),
      messageRowHtml({ ts: '1704944050.000200', body: 'second' }),
    ]);
    const other = listHtml([messageRowHtml({ ts: '1704950000.000100', body: 'orphan' })]);
    const { messages, health } = parseSlackMessages(parseHtml(pageHtml(main + other)), context);
    const byText = Object.fromEntries(messages.map((m) => [m.text, m]));
    expect(byText.second).toMatchObject({ authorId: PRIYA.id, authorName: PRIYA.name, authorInferred: true });
    expect(byText.third).toMatchObject({ authorId: PRIYA.id, authorInferred: true });
    expect(byText.orphan).toMatchObject({ authorId: '', authorName: '', authorInferred: true });
    expect(health.problems).toContain('continuation row with unknown author');
  });

  it('reads team and user ids from the avatar when the sender button is missing', () => {
    const row = messageRowHtml({ ts: '1704944089.846389', sender: PRIYA, body: 'hi' }).replace(/<span class="c-message__sender"[\s\S]*?<\/span>/, '');
    const { messages, health } = parsePage([messageRowHtml({ ts: '1704944000.000100', sender: PRIYA, body: 'earlier' }), row], '', { channelId: 'C01RSNX4WQ3' });
    expect(messages[1]).toMatchObject({ teamId: TEAM, authorId: PRIYA.id, authorName: PRIYA.name, authorInferred: false });
    expect(health.matched['author.avatar']).toBe(2);
  });
});

describe('message bodies', () => {
  it('handles emoji-only messages, code blocks, non-Latin text and 10,000 characters', () => {
    const long = 'word '.repeat(2000).trim();
    const { messages } = parsePage([
      messageRowHtml({ ts: '1704944001.000001', sender: PRIYA, body: '<img class="c-emoji" data-stringify-emoji=":tada:" alt=":tada:"> <img class="c-emoji" alt=":rocket:">' }),
      messageRowHtml({ ts: '1704944002.000002', sender: PRIYA, body: 'repro:</div><pre class="c-mrkdwn__pre">const x = 1;\n  return x;</pre><div class="p-rich_text_section">done' }),
      messageRowHtml({ ts: '1704944003.000003', sender: PRIYA, body: '来週のレビュー、よろしくお願いします！ Спасибо' }),
      messageRowHtml({ ts: '1704944004.000004', sender: PRIYA, body: long }),
      messageRowHtml({ ts: '1704944005.000005', sender: PRIYA, body: 'line one<br>line two' }),
    ]);
    expect(messages.map((m) => m.text)).toEqual([
      ':tada: :rocket:',
      'repro:\nconst x = 1;\n  return x;\ndone',
      '来週のレビュー、よろしくお願いします！ Спасибо',
      long,
      'line one\nline two',
    ]);
    expect(messages[3].text).toHaveLength(9999);
  });

  it('reads text from a text-atom span beside an empty text node, and from a bare blocks container', () => {
    const { messages, health } = parsePage([
      messageRowHtml({ markup: '2024', ts: '1704944001.000001', sender: PRIYA, textIn: 'textAtom', body: 'atom text for <a class="c-member_slug" data-member-id="U0DIEGO001" data-member-label="@Diego Alvarez">@Diego Alvarez</a>', edited: true }),
      messageRowHtml({ markup: '2024', ts: '1704944002.000002', sender: PRIYA, textIn: 'blocks', body: 'loose in the blocks' }),
      messageRowHtml({ markup: '2024', ts: '1704944003.000003', sender: PRIYA, body: 'usual' }),
    ]);
    expect(messages.map((m) => [m.text, m.edited, m.mentions.map((x) => x.id)])).toEqual([
      ['atom text for @Diego Alvarez', true, [DIEGO.id]],
      ['loose in the blocks', false, []],
      ['usual', false, []],
    ]);
    expect(health.matched['text.textAtom']).toBe(1);
    expect(health.matched['text.blocksContainer']).toBe(1);
    expect(health.problems).toEqual([]);
  });
});

describe('rows that are not messages', () => {
  it('skips separators and placeholders, and counts rows without a ts as problems', () => {
    const { messages, health } = parsePage([
      separatorHtml(),
      messageRowHtml({ ts: '1704944000.000100', sender: PRIYA, body: 'real' }),
      messageRowHtml({ ts: '1704944050.000200', sender: PRIYA, body: 'loading', placeholder: true }),
      messageRowHtml({ ts: '1704944060.000300', sender: PRIYA, body: 'no ts', noTs: true }),
    ]);
    expect(messages.map((m) => m.text)).toEqual(['real']);
    expect(health).toMatchObject({ recognized: true, rowsSeen: 3, rowsParsed: 1 });
    expect(health.matched['skip.placeholder']).toBe(1);
    expect(health.problems).toEqual(['row without a timestamp skipped']);
  });

  it('skips rows without a team id rather than inventing one', () => {
    const row = messageRowHtml({ ts: '1704944000.000100', body: 'x' });
    const { messages, health } = parseSlackMessages(parseHtml(pageHtml(listHtml([row]))), { channelId: 'C01RSNX4WQ3' });
    expect(messages).toEqual([]);
    expect(health.problems).toContain('row without a team id skipped');
  });

  it('keeps rows without a team id for a saved page, with teamId null and a problem saying so', () => {
    const doc = parseHtml(pageHtml(listHtml([messageRowHtml({ ts: '1704944000.000100', body: 'x' }), messageRowHtml({ ts: '1704944001.000100', body: 'y' })])));
    const { messages, health } = parseSavedSlackPage(doc, { channelId: 'C01RSNX4WQ3' });
    expect(messages.map((m) => [m.teamId, m.text])).toEqual([
      [null, 'x'],
      [null, 'y'],
    ]);
    expect(health.problems.some((p) => p.startsWith('team unknown') && p.endsWith('(×2)'))).toBe(true);
    expect(parseSlackMessages(doc, { channelId: 'C01RSNX4WQ3' }).messages).toEqual([]);
  });

  it('reports unknown markup without throwing', () => {
    const doc = parseHtml('<html><body><div class="chat"><p>hello</p></div></body></html>');
    expect(parseSlackMessages(doc, context)).toEqual({
      messages: [],
      health: { recognized: false, markup: 'unknown', rowsSeen: 0, rowsParsed: 0, matched: {}, problems: ['no Slack message rows found'] },
    });
    const rowsWithoutTs = parsePage([messageRowHtml({ ts: '1', noTs: true, sender: PRIYA, body: 'x' })]);
    expect(rowsWithoutTs.health).toMatchObject({ recognized: false, markup: 'unknown' });
  });

  it('treats a list that is still loading as recognized', () => {
    const { health } = parsePage([messageRowHtml({ ts: '1704944000.000100', sender: PRIYA, body: 'x', placeholder: true })]);
    expect(health).toMatchObject({ recognized: true, markup: 'unknown', rowsParsed: 0 });
  });
});

describe('thread pane', () => {
  it('dedupes the repeated root and points replies at it', () => {
    const root = { ts: '1704944000.000100', sender: PRIYA, body: 'root message', replies: 2 };
    const pane = threadPaneHtml('general', [
      messageRowHtml({ ...root, replies: undefined, threadRole: 'root' }),
      messageRowHtml({ ts: '1704944100.000200', sender: DIEGO, body: 'reply one', threadRole: 'reply', threadTs: root.ts }),
      messageRowHtml({ ts: '1704944160.000300', body: 'reply two', threadRole: 'reply', threadTs: root.ts }),
    ]);
    const { messages, health } = parsePage([messageRowHtml(root)], pane);
    expect(messages.map((m) => [m.text, m.threadTs, m.inThread, m.authorId])).toEqual([
      ['root message', root.ts, false, PRIYA.id],
      ['reply one', root.ts, true, DIEGO.id],
      ['reply two', root.ts, true, DIEGO.id],
    ]);
    expect(messages[0].replyCount).toBe(2);
    expect(health.matched['dedupe.sameTs']).toBe(1);
  });

  it('reads membership and reply counts from the list-item ids of an older thread list, without a pane', () => {
    const channelId = 'C01RSNX4WQ3';
    const rootA = '1704940000.000100';
    const rootB = '1704941000.000100';
    const row = (ts: string, root: string, body: string, sender?: typeof PRIYA) =>
      messageRowHtml({ markup: '2024', itemKey: false, ts, threadListRoot: root, sender, body });
    // Two threads in one list, interleaved in time: continuation rows must carry their own thread's author.
    const { messages, health } = parsePage([
      row(rootA, rootA, 'root A', PRIYA),
      threadListSeparatorHtml(channelId, rootA, 28),
      row('1704942000.000200', rootA, 'reply A1', DIEGO),
      row('1704943500.000300', rootA, 'reply A2'),
      row(rootB, rootB, 'root B', PRIYA),
      threadListSeparatorHtml(channelId, rootB, 1),
      row('1704943000.000200', rootB, 'reply B1'),
    ], '', { teamId: TEAM });
    expect(messages.map((m) => [m.text, m.channelId, m.threadTs, m.inThread, m.replyCount, m.authorId])).toEqual([
      ['root A', channelId, rootA, false, 28, PRIYA.id],
      ['reply A1', channelId, rootA, true, 0, DIEGO.id],
      ['reply A2', channelId, rootA, true, 0, DIEGO.id],
      ['root B', channelId, rootB, false, 1, PRIYA.id],
      ['reply B1', channelId, rootB, true, 0, PRIYA.id],
    ]);
    expect(health.matched['thread.listItemId']).toBe(5);
    expect(health.matched['threadList.separatorCount']).toBe(2);
    expect(health.problems).toEqual([]);
  });

  it('finds the root from reply permalinks when the root row is not rendered', () => {
    const pane = threadPaneHtml('general', [
      messageRowHtml({ ts: '1704944100.000200', sender: DIEGO, body: 'reply', threadRole: 'reply', threadTs: '1704944000.000100' }),
    ]);
    const { messages } = parsePage([], pane);
    expect(messages).toMatchObject([{ text: 'reply', threadTs: '1704944000.000100', inThread: true }]);
  });
});
