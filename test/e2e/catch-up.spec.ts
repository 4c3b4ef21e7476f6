import type { Page } from '@playwright/test';
import { CATCH_UP_CONTROL, catchUpControl, catchUpStatus, chooseCatchUpDay, expect, readStore, SLACK_URL, test } from './extension';
import { listedKeys, seededWorkspace as workspace, storedKeys } from './seeded-slack';

const CHANNEL = 'C0PLATFRM1';
const WEEK_MS = 7 * 86_400_000;
const listed = listedKeys(workspace, CHANNEL);
const tsOf = (key: string) => Number(key.split('/')[2]);
const newestMs = tsOf(listed.at(-1)!) * 1000;
/** Twelve weeks back from the channel's newest message, as the date picker gives it (start of that day, UTC here). */
const targetDay = new Date(newestMs - 12 * WEEK_MS).toISOString().slice(0, 10);
const targetSec = Date.parse(`${targetDay}T00:00:00`) / 1000;

/** Starts a catch-up back to `day` from Aspen's control in Slack's header, by keyboard (its root is closed). */
async function startCatchUp(slack: Page, day: string) {
  await chooseCatchUpDay(slack, day);
  await slack.keyboard.press('Enter');
}

const hasButton = async (slack: Page, name: string) => (await catchUpControl(slack)).some((node) => node.role === 'button' && node.name === name);
const progressOf = async (slack: Page) => (await catchUpControl(slack)).find((node) => node.role === 'progressbar')?.value;

/** The channel's messages from `oldest` to the newest, in the order the list shows them. */
const keysFrom = (oldestKey: string) => listed.slice(listed.indexOf(oldestKey));

test('catch up 12 weeks of a channel: exactly its history lands, Stop keeps what was read, a second run resumes, nothing leaves', async ({
  context,
  extensionId,
  slack,
  leakedRequests,
}) => {
  test.setTimeout(180_000);
  // The channel reaches further back than twelve weeks, so the date, not the channel's start, ends the run.
  expect(tsOf(listed[0])).toBeLessThan(targetSec);
  await expect.poll(() => hasButton(slack, 'Catch up'), { timeout: 20_000 }).toBe(true);
  // Slack's page sees the control's host and nothing inside: no shadow root, no text.
  expect(await slack.locator(CATCH_UP_CONTROL).evaluate((node) => [node.shadowRoot, node.textContent, node.innerHTML])).toEqual([null, '', '']);
  await expect.poll(() => storedKeys(context, extensionId), { timeout: 30_000 }).not.toEqual([]);
  const beforeCatchUp = await storedKeys(context, extensionId);
  // Only the newest view is captured before catching up.
  expect(beforeCatchUp.length).toBeLessThan(listed.length / 2);

  // First run, stopped midway.
  await startCatchUp(slack, targetDay);
  await expect.poll(async () => (await catchUpControl(slack)).find((node) => node.focused)?.name).toBe('Stop');
  await expect.poll(async () => (await progressOf(slack)) ?? 0, { timeout: 60_000 }).toBeGreaterThan(0.35);
  await slack.screenshot({ path: 'docs/screenshots/catch-up.png', clip: { x: 240, y: 0, width: 1040, height: 300 } });
  await slack.keyboard.press('Enter');
  await expect.poll(() => catchUpStatus(slack), { timeout: 10_000 }).toContain('Stopped');
  const ranges = () => readStore<{ id: string; oldestTs: string; newestTs: string }>(context, extensionId, 'catchUp');
  await expect.poll(ranges).toHaveLength(1);
  const [firstRange] = await ranges();
  expect(firstRange).toMatchObject({ id: `${workspace.team.id}/${CHANNEL}`, newestTs: listed.at(-1)!.split('/')[2] });
  expect(Number(firstRange.oldestTs)).toBeGreaterThan(targetSec);
  // What the stopped run scrolled through is all stored, without a gap.
  const stoppedAt = listed.find((key) => key.endsWith(`/${firstRange.oldestTs}`))!;
  await expect.poll(() => storedKeys(context, extensionId), { timeout: 30_000 }).toEqual(expect.arrayContaining(keysFrom(stoppedAt)));
  await expect(slack.locator(`[data-msg-ts="${listed.at(-1)!.split('/')[2]}"]`)).toBeVisible();

  // Second run: passes over what the first stored, then reads on to the date.
  await startCatchUp(slack, targetDay);
  await expect.poll(() => catchUpStatus(slack), { timeout: 20_000 }).toContain('Passing over stored history');
  await expect.poll(() => catchUpStatus(slack), { timeout: 90_000 }).toContain('Caught up to the date');
  expect(await progressOf(slack)).toBe(1);

  // Exactly the channel's messages from the date (and the few rows rendered just past it) to the newest.
  await slack.waitForTimeout(1500);
  const stored = await storedKeys(context, extensionId);
  const oldestStored = listed.find((key) => stored.includes(key))!;
  expect(stored).toEqual([...keysFrom(oldestStored)].sort());
  expect(tsOf(oldestStored)).toBeLessThanOrEqual(targetSec);
  const pastTheDate = keysFrom(oldestStored).filter((key) => tsOf(key) < targetSec);
  expect(pastTheDate.length).toBeLessThanOrEqual(45);
  expect(listed.filter((key) => tsOf(key) >= targetSec).every((key) => stored.includes(key))).toBe(true);
  const [range] = await ranges();
  expect(range.oldestTs).toBe(oldestStored.split('/')[2]);

  // Back at the newest messages, where the manager was.
  await expect(slack.locator(`[data-msg-ts="${listed.at(-1)!.split('/')[2]}"]`)).toBeVisible();
  const atBottom = await slack.evaluate(() => {
    const scroller = document.querySelector<HTMLElement>('.c-virtual_list [data-qa="slack_kit_scrollbar"]')!;
    return scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 5;
  });
  expect(atBottom).toBe(true);

  // The side panel shows the range in Health and the same progress.
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  await panel.getByRole('tab', { name: /Health/ }).click();
  await expect(panel.getByRole('list', { name: 'Caught-up conversations' })).toContainText('eng-platform');
  await expect(panel.getByRole('progressbar', { name: 'Catch-up progress toward the date' })).toBeVisible();
  await expect(panel.getByRole('status').filter({ hasText: 'Caught up to the date' })).toBeVisible();

  // Started from the panel, a full re-read of two weeks: it runs in the Slack tab, and re-capturing is harmless.
  await panel.getByLabel('Catch up back to', { exact: true }).selectOption('2');
  await panel.getByLabel('Read stored history again').check();
  await panel.getByRole('button', { name: 'Catch up' }).click();
  await expect(panel.getByRole('button', { name: 'Stop' })).toBeVisible();
  await slack.bringToFront();
  await expect.poll(() => catchUpStatus(slack), { timeout: 60_000 }).toMatch(/Caught up to the date|Reached the start/);
  await expect(panel.getByRole('button', { name: 'Catch up' })).toBeVisible({ timeout: 10_000 });
  expect(await storedKeys(context, extensionId)).toEqual(stored);
  // The shorter re-read keeps what the twelve weeks reached.
  await expect.poll(async () => (await ranges())[0].oldestTs).toBe(range.oldestTs);
  expect(leakedRequests).toEqual([]);
});

interface StoredRow {
  key: string;
  threadTs: string | null;
  inThread: boolean;
  replyCount: number;
}

for (const markup of ['2025', '2024'] as const) {
  const title = `catch up with thread replies (${markup} markup): off, no reply is stored; on, each thread in range is opened, read and closed`;
  test(title, async ({ context, extensionId, slack, leakedRequests }) => {
    test.setTimeout(120_000);
    await slack.goto(`${SLACK_URL}?markup=${markup}`);
    await expect.poll(() => hasButton(slack, 'Catch up'), { timeout: 20_000 }).toBe(true);
    const day = new Date(newestMs - 3 * WEEK_MS).toISOString().slice(0, 10);
    const fromSec = Date.parse(`${day}T00:00:00`) / 1000;
    const replies = workspace.messages.filter((m) => m.channelId === CHANNEL && m.threadTs !== null && m.threadTs !== m.ts);
    const inRange = replies.filter((m) => Number(m.threadTs) >= fromSec);
    expect(inRange.length).toBeGreaterThan(2);
    expect(new Set(inRange.map((m) => m.threadTs)).size).toBeGreaterThan(1);
    const stored = () => readStore<StoredRow>(context, extensionId, 'messages');

    // From Slack's header, without thread replies: the channel's rows only.
    await startCatchUp(slack, day);
    await expect.poll(() => catchUpStatus(slack), { timeout: 60_000 }).toContain('Caught up to the date');
    await slack.waitForTimeout(1000);
    expect((await stored()).filter((m) => m.inThread)).toEqual([]);

    // From the panel, with thread replies and a re-read of what is stored.
    const panel = await context.newPage();
    await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
    await panel.getByRole('tab', { name: /Health/ }).click();
    await panel.getByLabel('Catch up back to', { exact: true }).selectOption('date');
    await panel.getByLabel('Catch up back to this date').fill(day);
    await panel.getByLabel('Read stored history again').check();
    await panel.getByLabel('Include thread replies (slower)').check();
    await panel.getByRole('button', { name: 'Catch up' }).click();
    await expect(panel.getByRole('button', { name: 'Stop' })).toBeVisible();
    await slack.bringToFront();
    await expect.poll(() => catchUpStatus(slack), { timeout: 90_000 }).toContain('Caught up to the date');
    expect(await catchUpStatus(slack)).toContain(`${inRange.length} thread replies captured`);

    // Every reply of a thread whose root is in the range, tied to its root; no other reply.
    await expect
      .poll(async () => (await stored()).filter((m) => m.inThread).map((m) => m.key).sort(), { timeout: 20_000 })
      .toEqual(inRange.map((m) => `${workspace.team.id}/${CHANNEL}/${m.ts}`).sort());
    const rows = await stored();
    for (const reply of inRange) {
      expect(rows.find((m) => m.key.endsWith(`/${reply.ts}`))).toMatchObject({ threadTs: reply.threadTs, inThread: true });
    }
    for (const rootTs of new Set(inRange.map((m) => m.threadTs!))) {
      const root = rows.find((m) => m.key.endsWith(`/${rootTs}`))!;
      expect(root).toMatchObject({ threadTs: rootTs, inThread: false, replyCount: inRange.filter((m) => m.threadTs === rootTs).length });
    }
    // Each pane was closed again, and the list is back at the newest messages.
    await expect(slack.locator('.p-view_contents--secondary')).toHaveCount(0);
    await expect(slack.locator(`[data-item-key="${listed.at(-1)!.split('/')[2]}"]`)).toBeVisible();
    expect(leakedRequests).toEqual([]);
  });
}
