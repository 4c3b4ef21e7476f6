// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { parseSlackPage } from '../../lib/slack/parse';
import { decorateRecognitionButtons, type RecognitionButtonOptions } from '../../lib/slack/recognition-button';
import type { CapturedMessage } from '../../lib/slack/types';
import { listHtml, messageRowHtml, pageHtml, parseHtml, TEAM } from './fixtures';

const CHANNEL = 'C01RSNX4WQ3';
const alice = { id: 'U0ALICE01', name: 'Alice Chen' };
const bob = { id: 'U0BOBBY02', name: 'Bob Diaz' };
const mention = (person: typeof bob) =>
  `<a class="c-member_slug" data-stringify-type="mention" data-member-id="${person.id}" data-member-label="@${person.name}">@${person.name}</a>`;

function slackPage() {
  const doc = parseHtml(
    pageHtml(
      listHtml([
        messageRowHtml({ ts: '1704944089.846389', sender: alice, body: `Thanks ${mention(bob)} for the fix!` }),
        messageRowHtml({ ts: '1704944099.000100', body: 'and the docs too' }),
      ]),
    ),
  );
  const page = parseSlackPage(doc, { teamId: TEAM, channelId: CHANNEL, channelName: 'general' });
  const captured = new Map(page.messages.map((m) => [`${m.teamId}/${m.channelId}/${m.ts}`, m]));
  return { doc, page, captured };
}

function options(captured: Map<string, CapturedMessage>, tagged = new Set<string>()): RecognitionButtonOptions & { tag: ReturnType<typeof vi.fn> } {
  return {
    capturedMessage: (key) => captured.get(key),
    people: () => [alice, bob, { id: 'U0CAROL03', name: 'Carol Evans' }],
    taggedKeys: async () => tagged,
    tag: vi.fn(async () => undefined),
  };
}

const buttons = (doc: Document) => [...doc.querySelectorAll<HTMLButtonElement>('.aspen-recognition button[data-aspen-action="tag"]')];

describe('decorateRecognitionButtons', () => {
  it('reads every row’s style before writing any control, so Slack’s page is restyled once, not once per row', async () => {
    const { doc, page, captured } = slackPage();
    const view = doc.defaultView!;
    const controlsAtEachRead: number[] = [];
    const read = view.getComputedStyle.bind(view);
    view.getComputedStyle = (el: Element) => {
      controlsAtEachRead.push(doc.querySelectorAll('.aspen-recognition').length);
      return read(el);
    };
    await decorateRecognitionButtons(doc, page.rendered, options(captured));
    expect(controlsAtEachRead).toEqual(page.rendered.map(() => 0));
    expect(buttons(doc)).toHaveLength(page.rendered.length);
  });

  it('adds one keyboard-reachable button per row, never twice, showing stored tags', async () => {
    const { doc, page, captured } = slackPage();
    const key = page.rendered[0]!.key;
    const opts = options(captured, new Set([key]));
    await decorateRecognitionButtons(doc, page.rendered, opts);
    await decorateRecognitionButtons(doc, page.rendered, opts);
    expect(buttons(doc)).toHaveLength(2);
    expect(buttons(doc).map((b) => [b.type, b.getAttribute('aria-pressed')])).toEqual([
      ['button', 'true'],
      ['button', 'false'],
    ]);
    expect(doc.querySelectorAll('.aspen-recognition')).toHaveLength(2);
  });

  it('tags in one click for the mentioned people, else the author; the message text is never touched', async () => {
    const { doc, page, captured } = slackPage();
    const opts = options(captured);
    await decorateRecognitionButtons(doc, page.rendered, opts);
    const [thanks, continuation] = buttons(doc);
    thanks!.click();
    continuation!.click();
    await vi.waitFor(() => expect(opts.tag).toHaveBeenCalledTimes(2));
    expect(opts.tag.mock.calls[0]![1]).toEqual([bob.id]);
    // The continuation row has no header: its author was carried forward by the parser.
    expect(opts.tag.mock.calls[1]![1]).toEqual([alice.id]);
    await vi.waitFor(() => expect(thanks!.getAttribute('aria-pressed')).toBe('true'));
    expect(doc.querySelector('[data-qa="message-text"]')!.textContent).not.toContain('Recogni');
  });

  it('lets the manager choose whom the recognition is for', async () => {
    const { doc, page, captured } = slackPage();
    const opts = options(captured);
    await decorateRecognitionButtons(doc, page.rendered, opts);
    doc.querySelector<HTMLButtonElement>('.aspen-recognition button[aria-label="Choose who the recognition is for"]')!.click();
    const dialog = doc.querySelector('[role="dialog"][aria-label="Who is this recognition for?"]')!;
    const boxes = [...dialog.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];
    expect(boxes.map((b) => [b.value, b.checked])).toEqual([
      [bob.id, true],
      [alice.id, false],
      ['U0CAROL03', false],
    ]);
    boxes[2]!.click();
    [...dialog.querySelectorAll('button')].find((b) => b.textContent === 'Save')!.click();
    await vi.waitFor(() => expect(opts.tag).toHaveBeenCalledWith(page.rendered[0]!.key, [bob.id, 'U0CAROL03']));
  });

  it('keeps no copy of the message: a click after an edit uses the message as parsed now', async () => {
    const { doc, page, captured } = slackPage();
    const opts = options(captured);
    await decorateRecognitionButtons(doc, page.rendered, opts);
    const key = page.rendered[0]!.key;
    // The author edits the message to thank Carol instead; the next parse sees the new text.
    const carol = { id: 'U0CAROL03', label: '@Carol Evans' };
    captured.set(key, { ...captured.get(key)!, text: 'Thanks @Carol Evans for the fix!', mentions: [carol], edited: true });
    buttons(doc)[0]!.click();
    await vi.waitFor(() => expect(opts.tag).toHaveBeenCalledWith(key, [carol.id]));
  });

  it('shows a failed tag as not saved, with its reason, and retries when pressed again', async () => {
    const { doc, page, captured } = slackPage();
    const opts = options(captured);
    opts.tag.mockRejectedValueOnce(new Error('Browser storage is full'));
    await decorateRecognitionButtons(doc, page.rendered, opts);
    const [button] = buttons(doc);
    button!.click();
    await vi.waitFor(() => expect(button!.textContent).toBe('⚠ Not saved'));
    expect(button!.getAttribute('aria-pressed')).toBe('false');
    expect(button!.title).toContain('Browser storage is full');
    button!.click();
    await vi.waitFor(() => expect(button!.textContent).toBe('★ Recognized'));
    expect(button!.getAttribute('aria-pressed')).toBe('true');
    expect(button!.title).not.toContain('could not');
  });

  it('replaces the button when a virtualized row is reused for another message', async () => {
    const { doc, page, captured } = slackPage();
    const opts = options(captured);
    await decorateRecognitionButtons(doc, page.rendered, opts);
    const [first, second] = page.rendered;
    await decorateRecognitionButtons(doc, [{ row: first!.row, key: second!.key }], opts);
    expect(first!.row.querySelectorAll('.aspen-recognition')).toHaveLength(1);
    expect(first!.row.querySelector('.aspen-recognition')!.getAttribute('data-aspen-key')).toBe(second!.key);
  });
});
