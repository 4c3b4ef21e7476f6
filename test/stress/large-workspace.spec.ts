import { movedForward, weeksSinceSeeded } from '../../seeds/bring-forward';
import { generateWorkspace } from '../../seeds/generate';
import { expect, readStore, SLACK_URL, test } from '../e2e/extension';
import { listedKeys } from '../e2e/seeded-slack';

const SIZE = 50_000;
/** How long the manager keeps scrolling: bounded, so the run fits in a few minutes on a small machine. */
const SCROLL_MS = 60_000;
const CHANNEL = 'C0PLATFRM1';

test(`a ${SIZE.toLocaleString('en')}-message workspace: what is scrolled past is stored once, classified, and shown`, async ({
  context,
  extensionId,
  leakedRequests,
}) => {
  // The same generator the page runs for ?size=N, moved to this week as the page is told (?weeks=N), so that
  // the panel's 12-week window holds it: ground truth for every message it can show.
  const generated = generateWorkspace({ messageCount: SIZE });
  const weeks = weeksSinceSeeded(generated, Date.now());
  const workspace = movedForward(generated, weeks);
  const channelKeys = new Set(listedKeys(workspace, CHANNEL));
  const authorOf = new Map(workspace.messages.map((m) => [`${workspace.team.id}/${m.channelId}/${m.ts}`, m.authorId]));
  expect(channelKeys.size).toBeGreaterThan(10_000);

  const slack = await context.newPage();
  await slack.goto(`${SLACK_URL}?size=${SIZE}&weeks=${weeks}`);
  await expect(slack.locator('[data-msg-ts]').first()).toBeVisible({ timeout: 60_000 });
  expect(await slack.locator('[data-qa="virtual-list-item"]').count()).toBeLessThanOrEqual(60);

  const rendered = new Set<string>();
  const started = Date.now();
  while (Date.now() - started < SCROLL_MS) {
    const visible = await slack.evaluate(() => {
      const ts = [...document.querySelectorAll('[data-qa="message_pane"] [data-msg-ts]')].map((row) => row.getAttribute('data-msg-ts')!);
      window.slackDemo!.scrollBy(-600);
      return ts;
    });
    for (const ts of visible) rendered.add(`${workspace.team.id}/${CHANNEL}/${ts}`);
    await slack.waitForTimeout(40);
  }
  expect(rendered.size).toBeGreaterThan(1_000);
  expect([...rendered].filter((key) => !channelKeys.has(key))).toEqual([]);

  // No loss among rendered rows; nothing stored that the workspace does not have (a misread ts would be a duplicate).
  const storedKeys = async () => new Set((await readStore<{ key: string }>(context, extensionId, 'messages')).map((m) => m.key));
  await expect
    .poll(async () => {
      const stored = await storedKeys();
      return [...rendered].filter((key) => !stored.has(key)).length;
    }, { timeout: 60_000, intervals: [2000] })
    .toBe(0);
  const stored = await readStore<{ key: string; ts: string; authorId: string; authorInferred: boolean }>(context, extensionId, 'messages');
  // Every author Aspen names is the right one.
  expect(stored.filter((m) => m.authorId !== '' && authorOf.get(m.key) !== m.authorId).map((m) => m.key)).toEqual([]);
  // A header-less row whose sender's row never mounted keeps its author unknown rather than guessed: only at the
  // top of where the scrolling stopped, within the last screenful of rows.
  const topRows = new Set(stored.filter((m) => channelKeys.has(m.key)).sort((a, b) => Number(a.ts) - Number(b.ts)).slice(0, 60).map((m) => m.key));
  const unknownAuthor = stored.filter((m) => m.authorId === '');
  expect(unknownAuthor.filter((m) => !m.authorInferred || !topRows.has(m.key)).map((m) => m.key)).toEqual([]);
  expect(stored.length).toBeLessThanOrEqual(rendered.size + 60);

  // The classifier keeps up or at least keeps going: the queue shrinks while nothing new arrives.
  const queued = async () => (await readStore<{ queue?: unknown }>(context, extensionId, 'messages')).filter((m) => m.queue !== undefined).length;
  const queuedBefore = await queued();
  if (queuedBefore > 0) {
    await expect.poll(queued, { timeout: 60_000, intervals: [3000] }).toBeLessThan(queuedBefore);
  }
  const classified = (await readStore(context, extensionId, 'classifications')).length;
  expect(classified).toBeGreaterThan(0);

  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  await expect(panel.locator('li.team-row').first()).toBeVisible({ timeout: 60_000 });
  await panel.getByRole('tab', { name: /Health/ }).click();
  await expect(panel.getByRole('tabpanel')).toContainText(/captured/i);
  expect(leakedRequests).toEqual([]);
  console.log(`stress: rendered ${rendered.size}, stored ${stored.length} (author unknown ${unknownAuthor.length}), queued ${queuedBefore} → classified ${classified}`);
});
