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

test('Firefox: an extension page cannot send a request (CSP), and the leak check sees and refuses one from a page', async ({ firefox, leakedRequests }) => {
  const probe = () =>
    fetch('https://example.com/aspen-leak-probe').then(
      (response) => `status ${response.status}`,
      () => 'refused',
    );
  // Aspen's own pages: connect-src 'self' refuses the fetch before any request is made.
  const panel = await firefox.openExtensionPage('/sidepanel.html');
  expect(await panel.evaluate(probe)).toBe('refused');
  expect(leakedRequests).toEqual([]);
  // A web page is not under that policy: the test browser's recorder catches its request and refuses it.
  const slack = await firefox.openSlack();
  expect(await slack.evaluate(probe)).toBe('refused');
  expect(leakedRequests).toEqual(['https://example.com/aspen-leak-probe']);
});
