import { expect, pressRecognition, readStore, recognitionButton, recognitionHost, test } from './extension';
import { servedTs } from './seeded-slack';

const TEAM = 'T0ASPEN01';
const CHANNEL = 'C0PLATFRM1';
/** A coaching message from the PM that mentions Priya: the manager decides it is recognition. */
const TS = servedTs('1795017213.173279');
const KEY = `${TEAM}/${CHANNEL}/${TS}`;
const PRIYA = 'U0ENG0002';

test('tag a message as recognition in Slack, then see it in the person timeline and counts', async ({
  context,
  extensionId,
  slack,
  leakedRequests,
}) => {
  const row = slack.locator(`[data-msg-ts="${TS}"]`);
  await expect(recognitionHost(slack, TS)).toHaveCount(1, { timeout: 20_000 });
  expect(await recognitionButton(slack, TS)).toEqual({ role: 'button', name: '☆ Recognition', pressed: false });

  // Keyboard reachable: focus the controls (their first button takes the focus) and press Enter, no mouse.
  await pressRecognition(slack, TS);
  await expect.poll(() => recognitionButton(slack, TS)).toMatchObject({ role: 'button', name: '★ Recognized', pressed: true });

  await expect
    .poll(async () => (await readStore<{ key: string }>(context, extensionId, 'tags')).map((t) => t.key))
    .toEqual([KEY]);
  const [tag] = await readStore<{ label: string; subjects: string[]; dismissed: boolean }>(context, extensionId, 'tags');
  expect(tag).toMatchObject({ label: 'recognition', subjects: [PRIYA], dismissed: false });

  // Virtualized list: the row unmounts and a fresh one mounts; the button must still show the tag.
  await slack.evaluate(() => window.slackDemo!.scrollBy(-20_000));
  await expect(row).toHaveCount(0);
  await slack.evaluate(() => window.slackDemo!.scrollToBottom());
  await expect(recognitionHost(slack, TS)).toHaveCount(1, { timeout: 10_000 });
  await expect.poll(async () => (await recognitionButton(slack, TS))?.pressed, { timeout: 10_000 }).toBe(true);

  const panel = await context.newPage();
  await panel.setViewportSize({ width: 400, height: 900 });
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  await expect(panel.getByRole('heading', { name: 'Team' })).toBeVisible();
  const priya = panel.getByRole('button', { name: 'Priya Raman' });
  await expect(priya).toBeVisible({ timeout: 60_000 });
  await panel.screenshot({ path: 'docs/screenshots/team.png', fullPage: true });

  await priya.click();
  await expect(panel.getByRole('heading', { name: /Priya Raman/ })).toBeVisible();
  const tagged = panel.locator('li.evidence', { hasText: "when you're stuck on the deploy pipeline" });
  await expect(tagged).toBeVisible();
  await expect(tagged).toContainText('Recognition');
  await expect(tagged).toContainText('#eng-platform');
  const link = tagged.getByRole('link', { name: /Open in Slack/ });
  await expect(link).toHaveAttribute('href', new RegExp(`^https://northwind\\.slack\\.com/archives/${CHANNEL}/p${TS.replace('.', '')}`));
  await panel.screenshot({ path: 'docs/screenshots/person.png', fullPage: true });

  await panel.getByRole('tab', { name: /Health/ }).click();
  await expect(panel.getByText(/Classifier ready/)).toBeVisible({ timeout: 60_000 });
  await panel.screenshot({ path: 'docs/screenshots/health.png', fullPage: true });
  await panel.getByRole('tab', { name: 'Settings' }).click();
  await panel.screenshot({ path: 'docs/screenshots/settings.png', fullPage: true });

  // ★ Recognized is a toggle: pressed again in Slack, it takes the tag back.
  await pressRecognition(slack, TS);
  await expect.poll(() => recognitionButton(slack, TS)).toMatchObject({ role: 'button', name: '☆ Recognition', pressed: false });
  await expect.poll(async () => (await readStore<{ key: string }>(context, extensionId, 'tags')).length).toBe(0);

  expect(leakedRequests).toEqual([]);
});

test('the panel updates live as messages are captured, without a reload', async ({ context, extensionId }) => {
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  await expect(panel.getByText(/No reports chosen yet/)).toBeVisible();
  const slack = await context.newPage();
  await slack.goto(`https://app.slack.com/client/${TEAM}/${CHANNEL}`);
  await expect(panel.locator('li.team-row').first()).toBeVisible({ timeout: 60_000 });
  await panel.getByRole('tab', { name: /Health/ }).click();
  await expect(panel.getByText(/Classifier ready/)).toBeVisible({ timeout: 60_000 });
});

test('a tag removed outside Slack shows in the open Slack tab', async ({ context, extensionId, slack }) => {
  await expect(recognitionHost(slack, TS)).toHaveCount(1, { timeout: 20_000 });
  // By position: a click on the host's left edge is a click on the tag button, its first control.
  await recognitionHost(slack, TS).click({ position: { x: 8, y: 8 } });
  await expect.poll(() => readStore<{ key: string }>(context, extensionId, 'tags').then((tags) => tags.map((t) => t.key))).toEqual([KEY]);
  await expect.poll(async () => (await recognitionButton(slack, TS))?.pressed).toBe(true);
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  await page.evaluate(
    (key) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ type: 'untag', key }),
    KEY,
  );
  await expect.poll(async () => (await recognitionButton(slack, TS))?.pressed).toBe(false);
  // The untag left a tombstone, so an older backup cannot bring the tag back; the signed-in user is kept for this workspace.
  const deletions = await readStore<{ store: string; key: string }>(context, extensionId, 'deletions');
  expect(deletions).toContainEqual(expect.objectContaining({ store: 'tags', key: KEY }));
  const [settings] = await readStore<{ selfIds: Record<string, string>; currentTeamId: string }>(context, extensionId, 'settings');
  expect(settings).toMatchObject({ selfIds: { [TEAM]: 'U0MGR0001' }, currentTeamId: TEAM });
});
