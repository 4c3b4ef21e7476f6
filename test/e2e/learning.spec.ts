import { expect, readStore, test } from './extension';
import { correctionsTeachTheModel, LEARNING_CHANNEL, postAsPriya } from './learning-scenario';

test("corrections in the panel refit the manager's model; a similar message captured next gets the corrected label", async ({
  context,
  extensionId,
  slack,
  leakedRequests,
}) => {
  await slack.evaluate((id) => window.slackDemo!.openChannel(id), LEARNING_CHANNEL);
  await correctionsTeachTheModel({
    receiveMessage: postAsPriya((message) => slack.evaluate((m) => window.slackDemo!.receiveMessage(m), message)),
    readStore: (store) => readStore(context, extensionId, store),
    async correctToRequest(shownTexts) {
      const panel = await context.newPage();
      await panel.setViewportSize({ width: 400, height: 900 });
      await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
      await panel.getByRole('button', { name: 'Priya Raman' }).click({ timeout: 60_000 });
      await expect(panel.getByRole('heading', { name: /Priya Raman/ })).toBeVisible();
      for (const text of shownTexts) {
        const row = panel.locator('li.evidence', { hasText: text });
        await row.getByRole('button', { name: /^Correct/ }).click();
        const form = row.getByRole('form', { name: 'Correct this message' });
        await form.getByLabel('Label').selectOption('request');
        await form.getByRole('button', { name: 'Save correction' }).click();
        await expect(row.locator('.chip-request')).toBeVisible();
      }
    },
  });
  expect(leakedRequests).toEqual([]);
});
