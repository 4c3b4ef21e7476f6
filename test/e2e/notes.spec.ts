import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { expect, openSubjectPicker, readStore, test } from './extension';
import { seededWorkspace } from './seeded-slack';

const PRIYA = 'Priya Raman';
/** Nineteen days before the seeded history's newest message: a 1:1 whose look-back holds weeks of it. */
const LAST_ONE_ON_ONE = new Date(Math.max(...seededWorkspace.messages.map((m) => Number(m.ts))) * 1000 - 19 * 86_400_000)
  .toISOString()
  .slice(0, 10);

/** Captures more of the seeded history: the current channel scrolled to the top, then launch-q4. */
async function captureHistory(slack: Page) {
  for (let i = 0; i < 60; i++) {
    const atTop = await slack.evaluate(() => {
      window.slackDemo!.scrollBy(-600);
      return window.slackDemo!.atStart();
    });
    await slack.waitForTimeout(50);
    if (atTop) break;
  }
  await slack.evaluate(() => window.slackDemo!.openChannel('C0LAUNCH03'));
}

test('1:1 prep and review draft for a report, with cited evidence, gaps and a Markdown export, with no request leaving', async ({
  context,
  extensionId,
  slack,
  leakedRequests,
}) => {
  test.setTimeout(240_000);
  await captureHistory(slack);
  await expect.poll(async () => (await readStore(context, extensionId, 'messages')).length, { timeout: 30_000 }).toBeGreaterThan(40);
  // Capture settles, then every captured message gets its label from the in-browser model.
  await slack.waitForTimeout(1500);
  const captured = (await readStore(context, extensionId, 'messages')).length;
  await expect
    .poll(async () => (await readStore(context, extensionId, 'classifications')).length, { timeout: 120_000, intervals: [1000] })
    .toBeGreaterThanOrEqual(captured);

  const panel = await context.newPage();
  await panel.setViewportSize({ width: 400, height: 900 });
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);

  // Mark Priya as a report, then open her from the Team view.
  await panel.getByRole('tab', { name: 'Settings' }).click();
  await panel.getByLabel('Find a person').fill('Priya');
  const checkbox = panel.getByRole('checkbox', { name: new RegExp(PRIYA) });
  // The box is controlled by the store: it turns checked once the saved person comes back through a live reload.
  await checkbox.click();
  await expect(checkbox).toBeChecked();
  await panel.getByLabel('Level', { exact: true }).selectOption('4');
  await expect(panel.getByLabel('Level', { exact: true })).toHaveValue('4');
  await panel.getByRole('tab', { name: 'Team' }).click();
  await panel.getByRole('button', { name: PRIYA }).click();
  await expect(panel.getByRole('tab', { name: PRIYA })).toHaveAttribute('aria-selected', 'true');

  // 1:1 prep: every section, with evidence linked back to Slack. The seeded history ends up to a week ago, so
  // the prep's default look-back (14 days before today) can hold little of it: the last 1:1 is set to a date
  // before it, as a manager would for a 1:1 held before Aspen was installed.
  await panel.getByRole('tab', { name: '1:1 prep' }).click();
  await expect(panel.getByRole('heading', { name: `1:1 prep: ${PRIYA}` })).toBeVisible();
  await panel.getByLabel('Last 1:1').fill(LAST_ONE_ON_ONE);
  await expect(panel.getByText(`Last 1:1 with ${PRIYA} set to ${LAST_ONE_ON_ONE}.`)).toBeVisible();
  await expect(panel.getByText(new RegExp(`^Since ${LAST_ONE_ON_ONE}`))).toBeVisible();
  for (const title of ['What to celebrate', 'Feedback to discuss', 'Blockers to clear', 'Follow-ups from your notes', 'Suggested questions']) {
    await expect(panel.getByRole('heading', { name: title })).toBeVisible();
  }
  const prepLinks = panel.locator('.notes-view').getByRole('link', { name: /Open in Slack/ });
  await expect(prepLinks.first()).toBeVisible();
  await expect(prepLinks.first()).toHaveAttribute('href', /^https:\/\/[a-z0-9-]+\.slack\.com\/archives\//);
  await panel.screenshot({ path: 'docs/screenshots/one-on-one.png', fullPage: true });

  // Review: the encoder loads in the panel and maps the evidence to Priya's level.
  await panel.getByRole('tab', { name: 'Review' }).click();
  await expect(panel.getByText(/DRAFT — built from captured Slack signals/)).toBeVisible({ timeout: 60_000 });
  await expect(panel.getByRole('heading', { name: `Review draft: ${PRIYA}` })).toBeVisible();
  const sections = panel.locator('.notes-view').first().locator('section.notes-section');
  const sectionCount = await sections.count();
  expect(sectionCount).toBeGreaterThanOrEqual(3);
  let cited = 0;
  let gaps = 0;
  for (let i = 0; i < sectionCount; i++) {
    const section = sections.nth(i);
    if ((await section.getByText('Gap:').count()) > 0) gaps += 1;
    else if ((await section.getByRole('link', { name: /Open in Slack/ }).count()) > 0) cited += 1;
  }
  // Every competency either cites Slack evidence or says plainly that there is none.
  expect(cited).toBeGreaterThan(0);
  expect(gaps).toBeGreaterThan(0);
  await expect(panel.getByRole('heading', { name: new RegExp(`Next level: ${PRIYA}`) })).toBeVisible();
  await panel.screenshot({ path: 'docs/screenshots/review.png', fullPage: true });

  const [download] = await Promise.all([panel.waitForEvent('download'), panel.getByRole('button', { name: 'Export Markdown' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^review-priya-raman-\d{4}-\d{2}-\d{2}\.md$/);
  const markdown = await readFile(await download.path(), 'utf8');
  expect(markdown).toMatch(/^# Review packet: Priya Raman/);
  expect(markdown).toContain('DRAFT — built from captured Slack signals');
  expect(markdown).toContain('Gap:');
  expect(markdown).toMatch(/\(https:\/\/[a-z0-9-]+\.slack\.com\/archives\//);

  // The manager decides: exclude one piece of evidence, move another; the next export follows.
  // Claims with the manager's controls: the excluded list has none.
  const claims = panel.locator('.notes-view').first().locator('.notes-claims li[data-item-key]:has(select)');
  const hrefOf = (claim: ReturnType<typeof claims.nth>) => claim.getByRole('link', { name: /Open in Slack/ }).first().getAttribute('href');
  const excludedClaim = claims.first();
  const excludedKey = await excludedClaim.getAttribute('data-item-key');
  const excludedHref = await hrefOf(excludedClaim);
  expect(markdown).toContain(excludedHref!);
  await excludedClaim.getByRole('button', { name: /^Exclude/ }).click();
  const excludedList = panel.getByRole('region', { name: 'Excluded by you' });
  await expect(excludedList.locator(`li[data-item-key="${excludedKey}"]`)).toBeVisible({ timeout: 30_000 });
  await expect(claims.and(panel.locator(`[data-item-key="${excludedKey}"]`))).toHaveCount(0);

  const movedClaim = claims.first();
  const movedKey = await movedClaim.getAttribute('data-item-key');
  const movedHref = await hrefOf(movedClaim);
  const move = movedClaim.getByLabel('Move to');
  const { from, to, toName } = await move.evaluate((select: HTMLSelectElement) => {
    const other = [...select.options].find((o) => o.value !== select.value && o.value !== '')!;
    return { from: select.value, to: other.value, toName: other.text };
  });
  await move.selectOption(to);
  const movedNow = panel.locator(`.notes-claims li[data-item-key="${movedKey}"]:has(select)`);
  await expect(movedNow.getByText('Filed here by you')).toBeVisible({ timeout: 30_000 });
  await expect(movedNow.getByLabel('Move to')).toHaveValue(to);
  expect(from).not.toBe(to);

  const [again] = await Promise.all([panel.waitForEvent('download'), panel.getByRole('button', { name: 'Export Markdown' }).click()]);
  const decided = await readFile(await again.path(), 'utf8');
  expect(decided).not.toContain(excludedHref!);
  const heading = `### ${toName.replace('&', '&amp;')}`;
  const target = decided.slice(decided.indexOf(heading), decided.indexOf('\n### ', decided.indexOf(heading) + heading.length));
  expect(target).toContain(movedHref!);
  expect(target).toContain('filed here by you');
  const decisions = await readStore<{ personId: string; itemKey: string; excluded: boolean; competencyId?: string }>(context, extensionId, 'evidenceDecisions');
  expect(decisions).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ itemKey: excludedKey, excluded: true }),
      expect.objectContaining({ itemKey: movedKey, competencyId: to }),
    ]),
  );

  // The printable page opens under the extension's CSP with no script of its own.
  const [printable] = await Promise.all([context.waitForEvent('page'), panel.getByRole('button', { name: 'Printable page' }).click()]);
  await expect(printable.getByRole('heading', { name: `Review packet: ${PRIYA}` })).toBeVisible();
  expect(printable.url()).toMatch(new RegExp(`^blob:chrome-extension://${extensionId}/`));
  await printable.close();

  // The options page shows the same settings, from the same store, and exports a backup.
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByLabel('Find a person').fill('Priya');
  await expect(options.getByRole('checkbox', { name: new RegExp(PRIYA) })).toBeChecked();
  const [backup] = await Promise.all([options.waitForEvent('download'), options.getByRole('button', { name: 'Export all data (JSON)' }).click()]);
  expect(backup.suggestedFilename()).toMatch(/^aspen-backup-\d{4}-\d{2}-\d{2}\.json$/);
  const saved = JSON.parse(await readFile(await backup.path(), 'utf8')) as { format: string; stores: { people: Array<{ name: string; level: number }> } };
  expect(saved.format).toBe('aspen-backup');
  expect(saved.stores.people).toContainEqual(expect.objectContaining({ name: PRIYA, level: 4 }));
  await expectNoAxeViolations(options, 'the options page');

  // Every panel tab, with real data, passes axe.
  const tabs: Array<[string, () => Promise<void>]> = [
    ['Team', () => expect(panel.getByRole('button', { name: PRIYA })).toBeVisible()],
    [PRIYA, () => expect(panel.getByRole('tabpanel').getByText(PRIYA).first()).toBeVisible()],
    ['1:1 prep', () => expect(panel.getByRole('heading', { name: `1:1 prep: ${PRIYA}` })).toBeVisible()],
    ['Review', () => expect(panel.getByRole('heading', { name: `Review draft: ${PRIYA}` })).toBeVisible({ timeout: 60_000 })],
    ['Calibration', () => expect(panel.getByRole('table').first()).toBeVisible()],
    ['Health', () => expect(panel.getByRole('tabpanel')).not.toBeEmpty()],
    ['Settings', () => expect(panel.getByLabel('Find a person')).toBeVisible()],
  ];
  for (const [tab, shown] of tabs) {
    await panel.getByRole('tab', { name: tab, exact: true }).click();
    await shown();
    await expect(panel.locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 60_000 });
    await expectNoAxeViolations(panel, `the ${tab} tab`);
  }

  // Aspen's controls in Slack.
  await slack.bringToFront();
  // Aspen's controls in Slack, with one row's subject picker open.
  const ts = await slack.locator('[data-msg-ts]:has([data-aspen-recognition])').last().getAttribute('data-msg-ts');
  await openSubjectPicker(slack, ts!);
  await expectNoAxeViolations(slack, "Aspen's controls in Slack", '[data-aspen]');

  expect(leakedRequests).toEqual([]);
});
