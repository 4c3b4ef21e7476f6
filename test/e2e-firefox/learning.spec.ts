import type { ElementHandle, Page } from 'puppeteer-core';
import { correctionsTeachTheModel, LEARNING_CHANNEL, postAsPriya } from '../e2e/learning-scenario';
import { byRole, expect, test } from './firefox';

/** The Person view's evidence row that shows `text` (and, when asked, a Request chip), once it is there. */
async function evidenceRow(panel: Page, text: string, withRequestChip = false): Promise<ElementHandle<HTMLElement>> {
  const handle = await panel.waitForFunction(
    (wanted, chip) =>
      [...document.querySelectorAll<HTMLElement>('li.evidence')].find((li) => li.textContent?.includes(wanted) && (!chip || li.querySelector('.chip-request'))) ?? false,
    { timeout: 30_000 },
    text,
    withRequestChip,
  );
  return handle.asElement() as ElementHandle<HTMLElement>;
}

test("Firefox: corrections in the sidebar page refit the manager's model in the background page's workers; a similar message gets the corrected label", async ({ firefox, slack, leakedRequests }) => {
  await slack.evaluate((id) => window.slackDemo!.openChannel(id), LEARNING_CHANNEL);
  await correctionsTeachTheModel({
    readStore: (store) => firefox.readStore(store),
    receiveMessage: postAsPriya((message) => slack.evaluate((m) => window.slackDemo!.receiveMessage(m), message)),
    async correctToRequest(shownTexts) {
      const panel = await firefox.openExtensionPage('/sidepanel.html');
      await panel.setViewport({ width: 400, height: 900 });
      const priya = byRole(panel, 'button', 'Priya Raman');
      await priya.setTimeout(60_000).wait();
      await priya.click();
      await byRole(panel, 'heading', 'Priya Raman').wait();
      for (const text of shownTexts) {
        const row = await evidenceRow(panel, text);
        // The Correct toggle is the row's only button that says whether it is expanded.
        await (await row.$('button[aria-expanded]'))!.click();
        const form = (await row.waitForSelector('form[aria-label="Correct this message"]'))!;
        await (await form.$('select'))!.select('request');
        await (await form.$('button[type="submit"]'))!.click();
        await evidenceRow(panel, text, true);
      }
    },
  });
  await slack.close();
  expect(leakedRequests).toEqual([]);
});
