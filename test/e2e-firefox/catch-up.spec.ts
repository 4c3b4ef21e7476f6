import type { Page } from 'puppeteer-core';
import { listedKeys, seededWorkspace as workspace } from '../e2e/seeded-slack';
import { expect, test } from './firefox';

const CHANNEL = 'C0PLATFRM1';
const WEEK_MS = 7 * 86_400_000;
const CONTROL = '[data-aspen-catch-up]';

/** The status line of Aspen's control in Slack's header (inside its shadow root). */
const controlStatus = (slack: Page): Promise<string> =>
  slack.evaluate((css) => document.querySelector(css)?.shadowRoot?.querySelector('[role="status"]')?.textContent ?? '', CONTROL);

test('Firefox: catch up 8 weeks of a channel with thread replies: exactly its history and its threads in range land, with no request leaving', async ({
  firefox,
  slack,
  leakedRequests,
}) => {
  test.setTimeout(180_000);
  const listed = listedKeys(workspace, CHANNEL);
  const tsOf = (key: string) => Number(key.split('/')[2]);
  const day = new Date(tsOf(listed.at(-1)!) * 1000 - 8 * WEEK_MS).toISOString().slice(0, 10);
  const fromSec = await slack.evaluate((value) => new Date(`${value}T00:00:00`).getTime() / 1000, day);
  expect(tsOf(listed[0])).toBeLessThan(fromSec);
  const replies = workspace.messages.filter((m) => m.channelId === CHANNEL && m.threadTs && m.threadTs !== m.ts && Number(m.threadTs) >= fromSec);
  expect(replies.length).toBeGreaterThan(5);

  await slack.locator(`${CONTROL} >>> button[data-action="start"]`).wait();
  // A date, and "Include thread replies", chosen in Aspen's control as the manager would; then a real click.
  await slack.evaluate(
    (css, value) => {
      const root = document.querySelector(css)!.shadowRoot!;
      const choice = root.querySelector('select')!;
      choice.value = 'date';
      choice.dispatchEvent(new Event('change'));
      root.querySelector<HTMLInputElement>('input[type="date"]')!.value = value;
    },
    CONTROL,
    day,
  );
  await slack.locator(`${CONTROL} >>> input[data-field="threads"]`).click();
  await slack.locator(`${CONTROL} >>> button[data-action="start"]`).click();
  await expect.poll(() => controlStatus(slack), { timeout: 120_000 }).toMatch(/^Caught up to the date/);
  expect(await controlStatus(slack)).toContain(`${replies.length} thread replies captured`);

  type Row = { key: string; threadTs: string | null; inThread: boolean };
  const storedKeys = async () => (await firefox.readStore<Row>('messages')).map((m) => m.key).sort();
  const replyKeys = replies.map((m) => `${workspace.team.id}/${CHANNEL}/${m.ts}`);
  // The channel's messages from the date (and the few rows rendered just past it) to the newest, and the replies.
  await expect.poll(async () => (await storedKeys()).filter((key) => replyKeys.includes(key)).length, { timeout: 30_000 }).toBe(replyKeys.length);
  const stored = await storedKeys();
  const oldestStored = listed.find((key) => stored.includes(key))!;
  expect(tsOf(oldestStored)).toBeLessThanOrEqual(fromSec);
  expect(listed.slice(listed.indexOf(oldestStored)).filter((key) => tsOf(key) < fromSec).length).toBeLessThanOrEqual(45);
  expect(stored).toEqual([...listed.slice(listed.indexOf(oldestStored)), ...replyKeys].sort());
  const rows = await firefox.readStore<Row>('messages');
  for (const reply of replies) expect(rows.find((m) => m.key.endsWith(`/${reply.ts}`))).toMatchObject({ threadTs: reply.threadTs, inThread: true });

  const [range] = await firefox.readStore<{ id: string; oldestTs: string; newestTs: string; problem: string | null }>('catchUp');
  expect(range).toMatchObject({ id: `${workspace.team.id}/${CHANNEL}`, oldestTs: oldestStored.split('/')[2], newestTs: listed.at(-1)!.split('/')[2], problem: null });
  // Every thread pane closed again; the list back at the newest messages.
  expect(await slack.evaluate(() => document.querySelectorAll('.p-view_contents--secondary').length)).toBe(0);
  expect(await slack.evaluate(() => {
    const scroller = document.querySelector<HTMLElement>('.c-virtual_list [data-qa="slack_kit_scrollbar"]')!;
    return scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 5;
  })).toBe(true);
  expect(leakedRequests).toEqual([]);
});
