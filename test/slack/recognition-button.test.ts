// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { parseSlackPage } from '../../lib/slack/parse';
import { aspenShadowRoot, removeForeignAspenNodes } from '../../lib/slack/aspen-host';
import {
  decorateRecognitionButtons,
  RECOGNITION_HOST_ATTR,
  removeRecognitionButtons,
  type RecognitionButtonOptions,
} from '../../lib/slack/recognition-button';
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

function options(
  captured: Map<string, CapturedMessage>,
  tagged = new Set<string>(),
): RecognitionButtonOptions & { tag: ReturnType<typeof vi.fn>; untag: ReturnType<typeof vi.fn> } {
  return {
    capturedMessage: (key) => captured.get(key),
    people: () => [alice, bob, { id: 'U0CAROL03', name: 'Carol Evans' }],
    taggedKeys: async () => tagged,
    tag: vi.fn(async () => undefined),
    untag: vi.fn(async () => undefined),
  };
}

const hosts = (doc: Document) => [...doc.querySelectorAll(`[${RECOGNITION_HOST_ATTR}]`)];
/** Inside the closed roots, through the content script's own handle (Slack's page has none). */
const inside = (host: Element) => aspenShadowRoot(host)!;
const buttons = (doc: Document) => hosts(doc).map((host) => inside(host).querySelector<HTMLButtonElement>('button[data-action="tag"]')!);
const pickerButton = (host: Element) => inside(host).querySelector<HTMLButtonElement>('button[aria-label="Choose who the recognition is for"]')!;

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
    expect(hosts(doc)).toHaveLength(2);
  });

  it("shows Slack's page only empty hosts: no text, no key, no tag state, no names, no open root", async () => {
    const { doc, page, captured } = slackPage();
    await decorateRecognitionButtons(doc, page.rendered, options(captured, new Set([page.rendered[0]!.key])));
    pickerButton(hosts(doc)[0]!).click();
    for (const host of hosts(doc)) {
      expect(host.shadowRoot).toBeNull();
      expect(host.textContent).toBe('');
      expect(host.children).toHaveLength(0);
      expect(host.getAttributeNames().sort()).toEqual(['data-aspen', RECOGNITION_HOST_ATTR]);
    }
    // The tagged row's host (with its picker open) and the untagged row's look the same from outside.
    expect(hosts(doc)[0]!.outerHTML).toBe(hosts(doc)[1]!.outerHTML);
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
    pickerButton(hosts(doc)[0]!).click();
    const dialog = inside(hosts(doc)[0]!).querySelector('[role="dialog"][aria-label="Who is this recognition for?"]')!;
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

  it('works by keyboard: Enter on a checkbox saves the choice, Escape closes and gives focus back', async () => {
    const { doc, page, captured } = slackPage();
    const opts = options(captured);
    await decorateRecognitionButtons(doc, page.rendered, opts);
    const host = hosts(doc)[0]!;
    const key = (target: Element, name: string) => target.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, composed: true }));
    pickerButton(host).click();
    const root = inside(host);
    expect(root.activeElement).toBe(root.querySelector('input[type="checkbox"]'));
    key(root.activeElement!, 'Escape');
    expect(root.querySelector('[role="dialog"]')).toBeNull();
    expect(root.activeElement).toBe(pickerButton(host));
    expect(opts.tag).not.toHaveBeenCalled();
    pickerButton(host).click();
    const boxes = [...root.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];
    boxes[1]!.click();
    key(boxes[1]!, 'Enter');
    await vi.waitFor(() => expect(opts.tag).toHaveBeenCalledWith(page.rendered[0]!.key, [bob.id, alice.id]));
    expect(root.querySelector('[role="dialog"]')).toBeNull();
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

  it('takes the tag back when pressed again, and keeps it shown with the reason when that fails', async () => {
    const { doc, page, captured } = slackPage();
    const opts = options(captured);
    await decorateRecognitionButtons(doc, page.rendered, opts);
    const [button] = buttons(doc);
    button!.click();
    await vi.waitFor(() => expect(button!.getAttribute('aria-pressed')).toBe('true'));
    expect(button!.title).toContain('press to remove');
    opts.untag.mockRejectedValueOnce(new Error('Browser storage is full'));
    button!.click();
    await vi.waitFor(() => expect(button!.title).toContain('could not remove this tag: Browser storage is full'));
    expect(button!.getAttribute('aria-pressed')).toBe('true');
    button!.click();
    await vi.waitFor(() => expect(button!.textContent).toBe('☆ Recognition'));
    expect(button!.getAttribute('aria-pressed')).toBe('false');
    expect(opts.untag).toHaveBeenCalledTimes(2);
    expect(opts.tag).toHaveBeenCalledTimes(1);
  });

  it('replaces the button when a virtualized row is reused for another message', async () => {
    const { doc, page, captured } = slackPage();
    const opts = options(captured);
    await decorateRecognitionButtons(doc, page.rendered, opts);
    const [first, second] = page.rendered;
    await decorateRecognitionButtons(doc, [{ row: first!.row, key: second!.key }], opts);
    expect(first!.row.querySelectorAll(`[${RECOGNITION_HOST_ATTR}]`)).toHaveLength(1);
    buttons(doc)[0]!.click();
    await vi.waitFor(() => expect(opts.tag).toHaveBeenCalledWith(second!.key, [alice.id]));
  });

  it('takes all its controls away, and the row styles it set, when Aspen leaves the page', async () => {
    const { doc, page, captured } = slackPage();
    const row = page.rendered[0]!.row as HTMLElement;
    const before = row.style.position;
    await decorateRecognitionButtons(doc, page.rendered, options(captured));
    removeRecognitionButtons(doc);
    expect(hosts(doc)).toHaveLength(0);
    expect(row.style.position).toBe(before);
  });

  it("replaces what an older copy of Aspen left in the page, and removes it when asked, keeping its own", async () => {
    const { doc, page, captured } = slackPage();
    // An older copy's host: marked as Aspen's, but not made by this content script.
    const leftover = doc.createElement('span');
    leftover.setAttribute('data-aspen', '');
    leftover.setAttribute(RECOGNITION_HOST_ATTR, '');
    page.rendered[0]!.row.append(leftover);
    const strayStyle = doc.createElement('style');
    strayStyle.setAttribute('data-aspen', '');
    doc.head.append(strayStyle);
    await decorateRecognitionButtons(doc, page.rendered, options(captured));
    expect(leftover.isConnected).toBe(false);
    expect(hosts(doc)).toHaveLength(2);
    expect(removeForeignAspenNodes(doc)).toBe(1);
    expect(strayStyle.isConnected).toBe(false);
    expect(hosts(doc).every((host) => aspenShadowRoot(host))).toBe(true);
  });
});
