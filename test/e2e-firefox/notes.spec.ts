import { scrollThroughChannel } from '../e2e/seeded-slack';
import { byRole, expect, test } from './firefox';

const PRIYA = 'Priya Raman';

test('Firefox: the review draft for a report cites Slack evidence or names the gap, in every competency', async ({
  firefox,
  slack,
  leakedRequests,
}) => {
  test.setTimeout(180_000);
  await scrollThroughChannel(slack);
  await slack.evaluate(() => window.slackDemo!.openChannel('C0LAUNCH03'));
  await expect.poll(async () => (await firefox.readStore('messages')).length, { timeout: 30_000 }).toBeGreaterThan(40);
  await new Promise((settle) => setTimeout(settle, 1500));
  const captured = (await firefox.readStore('messages')).length;
  await expect
    .poll(async () => (await firefox.readStore('classifications')).length, { timeout: 120_000, intervals: [1000] })
    .toBeGreaterThanOrEqual(captured);

  const panel = await firefox.openExtensionPage('/sidepanel.html');
  await byRole(panel, 'button', PRIYA).setTimeout(60_000).click();
  await byRole(panel, 'tab', 'Review').click();
  await panel.waitForFunction(() => /DRAFT — built from captured Slack signals/.test(document.body.innerText), { timeout: 60_000 });
  await byRole(panel, 'heading', `Review draft: ${PRIYA}`).wait();
  const sections = await panel.$$eval('.notes-view section.notes-section', (all) =>
    all.map((section) => ({ gap: section.textContent?.includes('Gap:') ?? false, slackLinks: section.querySelectorAll('a[href*=".slack.com/archives/"]').length })),
  );
  expect(sections.length).toBeGreaterThanOrEqual(3);
  // Every competency either cites Slack evidence or says plainly that there is none.
  expect(sections.filter((s) => !s.gap && s.slackLinks > 0).length).toBeGreaterThan(0);
  expect(sections.filter((s) => s.gap).length).toBeGreaterThan(0);
  expect(sections.every((s) => s.gap || s.slackLinks > 0)).toBe(true);
  expect(leakedRequests).toEqual([]);
});

test('Firefox: the panel updates live as messages are captured, without a reload', async ({ firefox }) => {
  const panel = await firefox.openExtensionPage('/sidepanel.html');
  await panel.waitForFunction(() => /No reports chosen yet/.test(document.body.innerText));
  await firefox.openSlack();
  await panel.waitForSelector('li.team-row', { timeout: 60_000 });
  await byRole(panel, 'tab', 'Health').click();
  await panel.waitForFunction(() => /Classifier ready/.test(document.body.innerText), { timeout: 60_000 });
});
