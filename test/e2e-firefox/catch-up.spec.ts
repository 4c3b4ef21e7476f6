import type { Page } from 'puppeteer-core';
import { listedKeys, seededWorkspace as workspace } from '../e2e/seeded-slack';
import { byRole, expect, test, textOf } from './firefox';

const CHANNEL = 'C0PLATFRM1';
const WEEK_MS = 7 * 86_400_000;
const CONTROL = '[data-aspen-catch-up]';

/** The catch-up's status as the side panel's Health tab shows it (the same as Aspen's control in Slack, whose root is closed). */
const panelStatus = async (panel: Page): Promise<string> => (await textOf(panel, '[role="status"]:has(> progress)')) ?? '';

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

  const host = await slack.waitForSelector(CONTROL, { timeout: 20_000 });
  // Slack's page sees the control's host and nothing inside: no shadow root, no text.
  expect(await slack.evaluate((css) => {
    const node = document.querySelector(css)!;
    return [node.shadowRoot, node.textContent, node.innerHTML];
  }, CONTROL)).toEqual([null, '', '']);
  // A date and "Include thread replies", chosen by keyboard as the manager would: focusing the host focuses the
  // choice of weeks; End picks "a date…"; Tab to the date field and type the day (month, day, year); Tab past
  // Firefox's calendar button and "Read stored history again"; Space ticks the replies; Tab to "Catch up", Enter.
  await host!.focus();
  await slack.keyboard.press('End');
  await slack.keyboard.press('Tab');
  const [year, month, date] = day.split('-');
  await slack.keyboard.type(`${month}${date}${year}`);
  for (let i = 0; i < 3; i++) await slack.keyboard.press('Tab');
  await slack.keyboard.press(' ');
  await slack.keyboard.press('Tab');
  await slack.keyboard.press('Enter');
  const panel = await firefox.openExtensionPage('/sidepanel.html');
  await byRole(panel, 'tab', 'Health').click();
  // A catch-up pauses while Slack's tab is hidden; the panel, behind it, still shows its progress.
  await slack.bringToFront();
  await expect.poll(() => panelStatus(panel), { timeout: 120_000 }).toMatch(/^Caught up to the date/);
  expect(await panelStatus(panel)).toContain(`${replies.length} thread replies captured`);

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
