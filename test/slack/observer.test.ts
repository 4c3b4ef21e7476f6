// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { observeSlackMessages, type ObservedBatch } from '../../lib/slack/observer';
import { capturedMessageSchema } from '../../lib/slack/types';
import { generateWorkspace } from '../../seeds/generate';
import { mountSlackDemo } from '../../seeds/page/app';

const workspace = generateWorkspace();
/** Lets mutation records and scheduled batches run; long enough that "nothing came" means nothing will. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 60));
/** Waits for batches to reach a count, then settles so that any extra batch would show up. */
const batchesReach = async (batches: ObservedBatch[], count: number) => {
  await vi.waitFor(() => expect(batches.length).toBeGreaterThanOrEqual(count), { timeout: 5000 });
  await settle();
};
const keys = (batches: ObservedBatch[]) => batches.flatMap((b) => b.messages.map((m) => `${m.channelId}/${m.ts}`));

let stop = new AbortController();
afterEach(() => {
  stop.abort();
  stop = new AbortController();
  document.body.replaceChildren();
});

function observe(): ObservedBatch[] {
  const batches: ObservedBatch[] = [];
  observeSlackMessages(document, {
    signal: stop.signal,
    onBatch: (batch) => {
      for (const message of batch.messages) capturedMessageSchema.parse(message);
      batches.push(batch);
    },
    schedule: (callback) => setTimeout(callback, 0),
    bootPollMs: 5,
  });
  return batches;
}

describe('observeSlackMessages', () => {
  it('hands a batch over in a task of its own, after the task that parsed and decorated the rows', async () => {
    mountSlackDemo(window, workspace, { markup: '2025', mountedRows: 40 });
    const tasks: Array<() => void> = [];
    const log: string[] = [];
    observeSlackMessages(document, {
      signal: stop.signal,
      onBatch: (batch) => void log.push(`batch of ${batch.messages.length}`),
      onRendered: (rows) => void log.push(`rendered ${rows.length}`),
      schedule: (task) => void tasks.push(task),
    });
    expect(tasks).toHaveLength(1);
    tasks.shift()!();
    expect(log).toEqual([`rendered ${document.querySelectorAll('[data-qa="message_container"]').length}`]);
    expect(tasks).toHaveLength(1);
    tasks.shift()!();
    expect(log[1]).toMatch(/^batch of [1-9]\d*$/);
  });

  it('waits for the Slack client, then reports the mounted rows once', async () => {
    const batches = observe();
    await settle();
    expect(batches).toEqual([]);
    const demo = mountSlackDemo(window, workspace, { markup: '2025', mountedRows: 40 });
    await batchesReach(batches, 1);
    expect(batches).toHaveLength(1);
    const [first] = batches;
    expect(first.location).toEqual({ teamId: 'T0ASPEN01', channelId: 'C0PLATFRM1', channelName: 'eng-platform' });
    expect(first.health.recognized).toBe(true);
    const rendered = document.querySelectorAll('[data-qa="message_container"]').length;
    expect(first.messages).toHaveLength(rendered);
    const channelTs = new Set(demo.channelMessages().map((m) => m.ts));
    expect(first.messages.every((m) => channelTs.has(m.ts) && m.channelName === 'eng-platform')).toBe(true);
  });

  it('sends rows that mount on scroll, and never re-sends unchanged rows', async () => {
    const demo = mountSlackDemo(window, workspace, { markup: '2024', mountedRows: 40 });
    const batches = observe();
    await batchesReach(batches, 1);
    const initial = new Set(keys(batches));
    demo.scrollBy(-4000);
    await batchesReach(batches, 2);
    const afterScroll = keys(batches.slice(1));
    expect(afterScroll.length).toBeGreaterThan(0);
    expect(afterScroll.some((k) => initial.has(k))).toBe(false);
    const count = batches.length;
    demo.scrollToBottom();
    await settle();
    expect(keys(batches.slice(count))).toEqual([]);
  });

  it('re-sends a row whose content changed', async () => {
    mountSlackDemo(window, workspace, { markup: '2025', mountedRows: 40 });
    const batches = observe();
    await batchesReach(batches, 1);
    const row = [...document.querySelectorAll('[data-qa="message_container"]')].find((r) => !r.querySelector('.c-message__edited_label'))!;
    const edited = document.createElement('span');
    edited.className = 'c-message__edited_label';
    edited.textContent = ' (edited)';
    row.querySelector('.p-rich_text_block')!.append(edited);
    await batchesReach(batches, 2);
    expect(batches).toHaveLength(2);
    expect(batches[1].messages).toMatchObject([{ ts: row.getAttribute('data-msg-ts'), edited: true }]);
  });

  it('follows channel switches and thread panes', async () => {
    const demo = mountSlackDemo(window, workspace, { markup: '2025', mountedRows: 40 });
    const batches = observe();
    await batchesReach(batches, 1);
    demo.openChannel('C0DESIGN02');
    await batchesReach(batches, 2);
    const switched = batches[batches.length - 1];
    expect(switched.location).toMatchObject({ channelId: 'C0DESIGN02', channelName: 'design-review' });
    expect(switched.messages.length).toBeGreaterThan(0);
    expect(switched.messages.every((m) => m.channelId === 'C0DESIGN02' && m.channelName === 'design-review')).toBe(true);

    const root = demo.channelMessages().findLast((m) => m.threadTs === m.ts)!;
    demo.openThread(root.ts);
    await batchesReach(batches, 3);
    const replies = batches[batches.length - 1].messages.filter((m) => m.inThread);
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.every((m) => m.threadTs === root.ts)).toBe(true);
  });

  it('calls onRendered after every batch with rows, including remounts that send nothing', async () => {
    const demo = mountSlackDemo(window, workspace, { markup: '2025', mountedRows: 40 });
    const batches: ObservedBatch[] = [];
    let rendered = 0;
    observeSlackMessages(document, {
      signal: stop.signal,
      onBatch: (batch) => void batches.push(batch),
      onRendered: () => void rendered++,
      schedule: (callback) => setTimeout(callback, 0),
    });
    await batchesReach(batches, 1);
    expect([batches.length, rendered]).toEqual([1, 1]);
    // Slack remounting a row it already showed: nothing new to send, but decorations must be re-applied.
    const item = document.querySelector('[data-qa="virtual-list-item"]:not([aria-roledescription])')!;
    const [parent, next] = [item.parentNode!, item.nextSibling];
    item.remove();
    parent.insertBefore(item, next);
    await vi.waitFor(() => expect(rendered).toBe(2), { timeout: 5000 });
    await settle();
    expect([batches.length, rendered]).toEqual([1, 2]);
    demo.scrollBy(-4000);
    await batchesReach(batches, 2);
    expect([batches.length, rendered]).toEqual([2, 3]);
  });

  it('resolves a mention that carries only a name against the people it is given at each parse', async () => {
    mountSlackDemo(window, workspace, { markup: '2025', mountedRows: 40 });
    let known: { id: string; name: string }[] = [];
    const batches: ObservedBatch[] = [];
    const observer = observeSlackMessages(document, {
      signal: stop.signal,
      onBatch: (batch) => void batches.push(batch),
      schedule: (callback) => setTimeout(callback, 0),
      knownPeople: () => known,
    });
    await batchesReach(batches, 1);
    const unresolved = (batch: ObservedBatch) => batch.messages.flatMap((m) => m.mentions).filter((mention) => mention.id === '');
    expect(unresolved(batches[0]!).length).toBeGreaterThan(0);
    known = workspace.people.map(({ id, name }) => ({ id, name }));
    observer.rescan();
    await batchesReach(batches, 2);
    expect(batches[1]!.messages.length).toBeGreaterThan(0);
    expect(unresolved(batches[1]!)).toEqual([]);
  });

  it('stops when its signal aborts and keeps a failing consumer away from the page', async () => {
    const demo = mountSlackDemo(window, workspace, { markup: '2025', mountedRows: 40 });
    let calls = 0;
    observeSlackMessages(document, {
      signal: stop.signal,
      onBatch: () => {
        calls++;
        throw new Error('consumer failed');
      },
      schedule: (callback) => setTimeout(callback, 0),
    });
    await vi.waitFor(() => expect(calls).toBe(1), { timeout: 5000 });
    stop.abort();
    demo.scrollBy(-4000);
    await settle();
    expect(calls).toBe(1);
  });
});
