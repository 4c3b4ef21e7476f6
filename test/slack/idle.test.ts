// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { observeSlackMessages, type ObservedBatch } from '../../lib/slack/observer';
import { aspenShadowRoot } from '../../lib/slack/aspen-host';
import {
  decorateRecognitionButtons,
  RECOGNITION_HOST_ATTR,
  refreshRecognitionTags,
  type RecognitionButtonOptions,
} from '../../lib/slack/recognition-button';
import type { CapturedMessage } from '../../lib/slack/types';
import { generateWorkspace } from '../../seeds/generate';
import { mountSlackDemo } from '../../seeds/page/app';

const workspace = generateWorkspace();
/** Long enough for a self-feeding loop (observer → decorate → DOM write → observer) to go round many times. */
const idle = () => new Promise((resolve) => setTimeout(resolve, 300));

let stop = new AbortController();
afterEach(() => {
  stop.abort();
  stop = new AbortController();
  document.body.replaceChildren();
  document.head.replaceChildren();
});

const controls = () => [...document.querySelectorAll(`[${RECOGNITION_HOST_ATTR}]`)];

/** Every DOM change in the page, inside Aspen's shadow roots too: what an idle tab must not have. */
function countMutations(): { records: number; targets: Set<Node> } {
  const count = { records: 0, targets: new Set<Node>() };
  const observer = new MutationObserver((records) => {
    count.records += records.length;
    for (const record of records) count.targets.add(record.target);
  });
  const everything = { childList: true, subtree: true, characterData: true, attributes: true };
  observer.observe(document.documentElement, everything);
  for (const host of controls()) observer.observe(aspenShadowRoot(host)!, everything);
  stop.signal.addEventListener('abort', () => observer.disconnect());
  return count;
}

/** The content script's wiring, with its runtime messages counted. */
function aspenTab(tagged = new Set<string>()) {
  const batches: ObservedBatch[] = [];
  const parses = { count: 0 };
  let rendered: ReadonlyMap<string, CapturedMessage> = new Map();
  const buttons: RecognitionButtonOptions & { taggedKeys: ReturnType<typeof vi.fn> } = {
    capturedMessage: (key) => rendered.get(key),
    people: () => [],
    taggedKeys: vi.fn(async () => tagged),
    tag: async () => undefined,
    untag: async () => undefined,
  };
  const observer = observeSlackMessages(document, {
    signal: stop.signal,
    onBatch: (batch) => {
      batches.push(batch);
      return Promise.resolve(true);
    },
    onRendered: (rows, messages) => {
      parses.count++;
      rendered = messages;
      void decorateRecognitionButtons(document, rows, buttons);
    },
    schedule: (callback) => setTimeout(callback, 0),
  });
  const messages = () => batches.length + buttons.taggedKeys.mock.calls.length;
  return { batches, buttons, observer, messages, parses };
}

const buttonsShown = () => controls().filter((host) => aspenShadowRoot(host)?.querySelector('button[data-action="tag"]'));

describe('an idle Slack tab with Aspen', () => {
  it('after the first pass writes nothing to the DOM and sends nothing', async () => {
    mountSlackDemo(window, workspace, { markup: '2025', mountedRows: 40 });
    const tab = aspenTab();
    await vi.waitFor(() => expect(buttonsShown().length).toBe(document.querySelectorAll('[data-qa="message_container"]').length));
    await vi.waitFor(() => expect(tab.buttons.taggedKeys).toHaveBeenCalledTimes(1));
    // The first pass hands its batch over in a task of its own, after the parse.
    await vi.waitFor(() => expect(tab.batches).toHaveLength(1));
    const sentAfterFirstPass = tab.messages();
    const mutations = countMutations();
    await idle();
    expect(mutations.records).toBe(0);
    expect(tab.messages()).toBe(sentAfterFirstPass);
    expect(tab.batches).toHaveLength(1);
  });

  it('ignores mutations inside its own controls, but not Slack’s', async () => {
    mountSlackDemo(window, workspace, { markup: '2025', mountedRows: 40 });
    const tab = aspenTab();
    await vi.waitFor(() => expect(tab.buttons.taggedKeys).toHaveBeenCalledTimes(1));
    // Aspen's own writes (a picker opening, a label changing) must not start a parse.
    const control = aspenShadowRoot(controls()[0]!)!;
    control.append(document.createElement('div'));
    control.querySelector('button')!.textContent = 'changed';
    await idle();
    expect(tab.parses.count).toBe(1);
    expect(tab.batches).toHaveLength(1);
    expect(tab.buttons.taggedKeys).toHaveBeenCalledTimes(1);
    // Slack remounting a row: a parse, and one question for the new row's button only.
    const item = document.querySelector('[data-qa="virtual-list-item"]:not([aria-roledescription])')!;
    const clone = item.cloneNode(true) as Element;
    clone.querySelector(`[${RECOGNITION_HOST_ATTR}]`)?.remove();
    item.replaceWith(clone);
    await vi.waitFor(() => expect(tab.buttons.taggedKeys).toHaveBeenCalledTimes(2));
    expect(tab.parses.count).toBe(2);
    expect(tab.buttons.taggedKeys.mock.calls[1]![0]).toHaveLength(1);
  });

  it('shows tags changed elsewhere when told, writing only the buttons that change', async () => {
    mountSlackDemo(window, workspace, { markup: '2025', mountedRows: 40 });
    const tagged = new Set<string>();
    const tab = aspenTab(tagged);
    await vi.waitFor(() => expect(tab.buttons.taggedKeys).toHaveBeenCalledTimes(1));
    const control = controls()[0]!;
    tagged.add(tab.buttons.taggedKeys.mock.calls[0]![0][0]);
    const mutations = countMutations();
    await refreshRecognitionTags(document, tab.buttons);
    const button = aspenShadowRoot(control)!.querySelector('button')!;
    expect(button.getAttribute('aria-pressed')).toBe('true');
    await idle();
    // aria-pressed and the label, on that one button; nothing else in the page.
    expect(mutations.records).toBeGreaterThan(0);
    expect([...mutations.targets]).toEqual([button]);
    expect(tab.batches).toHaveLength(1);
  });
});

describe('a Slack tab open all day', () => {
  it('remembers a bounded number of sent rows: older ones are sent again, never kept forever', async () => {
    const demo = mountSlackDemo(window, workspace, { markup: '2025', mountedRows: 40 });
    const batches: ObservedBatch[] = [];
    observeSlackMessages(document, {
      signal: stop.signal,
      onBatch: (batch) => void batches.push(batch),
      schedule: (callback) => setTimeout(callback, 0),
      rememberedRows: 10,
    });
    await vi.waitFor(() => expect(batches).toHaveLength(1));
    const first = batches[0]!.messages.length;
    expect(first).toBeGreaterThan(10);
    demo.scrollBy(-4000);
    await vi.waitFor(() => expect(batches).toHaveLength(2));
    demo.scrollToBottom();
    await vi.waitFor(() => expect(batches).toHaveLength(3));
    // Back at the bottom: the rows of the first batch were forgotten (only 10 are kept), so they go again.
    expect(batches[2]!.messages.length).toBeGreaterThan(first - 10);
  });
});

describe('a batch the background did not accept', () => {
  function observeWithAnswer(options: { retryMs?: number } = {}) {
    const batches: ObservedBatch[] = [];
    const answer = { accept: false };
    const observer = observeSlackMessages(document, {
      signal: stop.signal,
      onBatch: (batch) => {
        batches.push(batch);
        return Promise.resolve(answer.accept);
      },
      schedule: (callback) => setTimeout(callback, 0),
      retryMs: options.retryMs ?? 60_000,
    });
    return { batches, answer, observer };
  }
  const tsOf = (batch: ObservedBatch) => batch.messages.map((m) => m.ts).sort();

  it('is sent again, rows that scrolled away included, and an accepted one is not', async () => {
    const demo = mountSlackDemo(window, workspace, { markup: '2025', mountedRows: 40 });
    const { batches, answer, observer } = observeWithAnswer();
    await vi.waitFor(() => expect(batches).toHaveLength(1));
    // Paused: the reader scrolls on; the first screen's rows leave the DOM unsent.
    demo.scrollBy(-4000);
    await vi.waitFor(() => expect(batches).toHaveLength(2));
    const seen = new Set([...tsOf(batches[0]!), ...tsOf(batches[1]!)]);
    const onScreen = new Set([...document.querySelectorAll('[data-qa="message_container"]')].map((row) => row.getAttribute('data-msg-ts')));
    expect([...seen].some((ts) => !onScreen.has(ts))).toBe(true);
    await idle();
    answer.accept = true;
    observer.rescan();
    await vi.waitFor(() => expect(batches).toHaveLength(3));
    expect(tsOf(batches[2]!)).toEqual([...seen].sort());
    observer.rescan();
    await idle();
    expect(batches).toHaveLength(3);
  });

  it('is offered again after a while even if nothing happens in the tab', async () => {
    mountSlackDemo(window, workspace, { markup: '2025', mountedRows: 40 });
    const { batches, answer } = observeWithAnswer({ retryMs: 100 });
    await vi.waitFor(() => expect(batches).toHaveLength(1));
    answer.accept = true;
    await vi.waitFor(() => expect(batches).toHaveLength(2));
    expect(tsOf(batches[1]!)).toEqual(tsOf(batches[0]!));
    await idle();
    expect(batches).toHaveLength(2);
  });
});
