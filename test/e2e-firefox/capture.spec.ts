import { listedKeys, scrollThroughChannel, seededWorkspace as workspace } from '../e2e/seeded-slack';
import { expect, test } from './firefox';

test('Firefox: captures exactly the messages scrolled through, across a channel switch, with no request leaving', async ({
  firefox,
  slack,
  leakedRequests,
}) => {
  await scrollThroughChannel(slack);
  await slack.evaluate(() => window.slackDemo!.openChannel('C0DESIGN02'));
  await scrollThroughChannel(slack);

  const expected = [...listedKeys(workspace, 'C0PLATFRM1'), ...listedKeys(workspace, 'C0DESIGN02')].sort();
  const storedKeys = async () => (await firefox.readStore<{ key: string }>('messages')).map((m) => m.key).sort();
  await expect.poll(storedKeys, { timeout: 30_000 }).toEqual(expected);

  const stored = await firefox.readStore<{ key: string; authorId: string; channelName: string }>('messages');
  const byKey = new Map(workspace.messages.map((m) => [`${workspace.team.id}/${m.channelId}/${m.ts}`, m]));
  for (const message of stored) {
    expect(message.authorId).toBe(byKey.get(message.key)!.authorId);
    expect(['eng-platform', 'design-review']).toContain(message.channelName);
  }
  expect(leakedRequests).toEqual([]);
});

test('Firefox: the leak check sees a request from an extension page, and refuses it', async ({ firefox, leakedRequests }) => {
  const panel = await firefox.openExtensionPage('/sidepanel.html');
  const outcome = await panel.evaluate(() =>
    fetch('https://example.com/aspen-leak-probe').then(
      (response) => `status ${response.status}`,
      () => 'refused',
    ),
  );
  expect(outcome).toBe('refused');
  expect(leakedRequests).toEqual(['https://example.com:443']);
});
