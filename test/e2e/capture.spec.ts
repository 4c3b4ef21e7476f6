import { expect, readStore, test } from './extension';
import { listedKeys as listedKeysOf, scrollThroughChannel, seededWorkspace as workspace, storedKeys } from './seeded-slack';

const listedKeys = (channelId: string) => listedKeysOf(workspace, channelId);

test('captures exactly the messages a manager scrolls through, across channel switches, with no request leaving', async ({
  context,
  extensionId,
  slack,
  leakedRequests,
}) => {
  const mounted = await slack.locator('[data-qa="virtual-list-item"]').count();
  expect(mounted).toBeLessThanOrEqual(60);
  await scrollThroughChannel(slack);
  await slack.evaluate(() => window.slackDemo!.openChannel('C0DESIGN02'));
  await scrollThroughChannel(slack);

  const expected = [...listedKeys('C0PLATFRM1'), ...listedKeys('C0DESIGN02')].sort();
  await expect.poll(() => storedKeys(context, extensionId), { timeout: 30_000 }).toEqual(expected);

  const stored = await readStore<{ key: string; authorId: string; channelName: string; text: string }>(
    context,
    extensionId,
    'messages',
  );
  const byKey = new Map(workspace.messages.map((m) => [`${workspace.team.id}/${m.channelId}/${m.ts}`, m]));
  for (const message of stored) {
    // Continuation rows have no sender header: the author must still be the right person.
    expect(message.authorId).toBe(byKey.get(message.key)!.authorId);
    expect(['eng-platform', 'design-review']).toContain(message.channelName);
  }
  expect(stored.some((m) => /@[A-Z][a-z]+/.test(m.text))).toBe(true);
  expect(leakedRequests).toEqual([]);
});

test('the same channel open in two Slack tabs is stored once', async ({ context, extensionId, slack }) => {
  const second = await context.newPage();
  await second.goto(slack.url());
  const expectedVisible = await slack.evaluate(() => document.querySelectorAll('[data-msg-ts], a.c-timestamp[data-ts]').length);
  expect(expectedVisible).toBeGreaterThan(10);
  await expect.poll(async () => (await storedKeys(context, extensionId)).length, { timeout: 30_000 }).toBeGreaterThan(10);
  await slack.waitForTimeout(1500);
  const keys = await storedKeys(context, extensionId);
  expect(new Set(keys).size).toBe(keys.length);
  const all = listedKeys('C0PLATFRM1');
  expect(keys.every((key) => all.includes(key))).toBe(true);
});
