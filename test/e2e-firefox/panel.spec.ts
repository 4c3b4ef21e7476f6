import { servedTs } from '../e2e/seeded-slack';
import { byRole, expect, pressRecognition, recognitionHost, test } from './firefox';

const TEAM = 'T0ASPEN01';
const CHANNEL = 'C0PLATFRM1';
/** The same message as the Chromium test: coaching from the PM that mentions Priya, tagged as recognition. */
const TS = servedTs('1795017213.173279');
const PRIYA = 'U0ENG0002';

test('Firefox: one keypress tags recognition in Slack; the sidebar page shows it in the timeline and the team counts', async ({
  firefox,
  slack,
  leakedRequests,
}, testInfo) => {
  // Keyboard reachable: focus the controls (their first button, the tag, takes the focus) and press Enter.
  // Their inside is a closed shadow root: what was saved is read from IndexedDB.
  await pressRecognition(slack, TS);

  await expect.poll(async () => (await firefox.readStore<{ key: string }>('tags')).map((t) => t.key)).toEqual([`${TEAM}/${CHANNEL}/${TS}`]);
  const [tag] = await firefox.readStore<{ label: string; subjects: string[]; dismissed: boolean }>('tags');
  expect(tag).toMatchObject({ label: 'recognition', subjects: [PRIYA], dismissed: false });

  // Virtualized list: the row unmounts, a fresh one mounts, and its button still shows the tag.
  await slack.evaluate(() => window.slackDemo!.scrollBy(-20_000));
  await slack.waitForFunction((ts) => !document.querySelector(`[data-msg-ts="${ts}"]`), {}, TS);
  await slack.evaluate(() => window.slackDemo!.scrollToBottom());
  // The list may still be re-rendering rows after the jump: the row settles with exactly one set of controls.
  await expect.poll(() => slack.$$eval(recognitionHost(TS), (hosts) => hosts.length), { timeout: 10_000 }).toBe(1);

  const panel = await firefox.openExtensionPage('/sidepanel.html');
  await panel.setViewport({ width: 400, height: 900 });
  await byRole(panel, 'heading', 'Team').wait();
  const priya = byRole(panel, 'button', 'Priya Raman');
  await priya.setTimeout(60_000).wait();
  // Real signals: the tag counts as recognition received, beside what the model labelled about her (the Team
  // view updates live while the background page's classifier works through the captured messages).
  const countsOf = () =>
    panel.$$eval('li.team-row', (rows) => {
      const row = rows.find((r) => r.querySelector('h3')?.textContent === 'Priya Raman');
      return Object.fromEntries([...(row?.querySelectorAll('.count') ?? [])].map((c) => [c.querySelector('dt')!.textContent, Number(c.querySelector('dd')!.textContent)]));
    });
  const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
  let counts = await countsOf();
  for (let waited = 0; waited < 60_000 && total(counts) <= (counts['Recognition received'] ?? 0); waited += 1000) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    counts = await countsOf();
  }
  expect(counts['Recognition received']).toBeGreaterThanOrEqual(1);
  expect(total(counts)).toBeGreaterThan(counts['Recognition received']!);
  await panel.screenshot({ path: testInfo.outputPath('team.png'), fullPage: true });

  await priya.click();
  await byRole(panel, 'heading', 'Priya Raman').wait();
  const tagged = await panel.waitForFunction(() => {
    const li = [...document.querySelectorAll<HTMLElement>('li.evidence')].find((row) => row.textContent?.includes("when you're stuck on the deploy pipeline"));
    return li ? { text: li.innerText, href: li.querySelector('a')?.getAttribute('href') } : false;
  });
  const evidence = (await tagged.jsonValue()) as { text: string; href: string | null };
  expect(evidence.text).toContain('Recognition');
  expect(evidence.text).toContain('#eng-platform');
  expect(evidence.href).toMatch(new RegExp(`^https://northwind\\.slack\\.com/archives/${CHANNEL}/p${TS.replace('.', '')}`));
  await panel.screenshot({ path: testInfo.outputPath('person.png'), fullPage: true });

  await byRole(panel, 'tab', 'Health').click();
  await panel.waitForFunction(() => /Classifier ready/.test(document.body.innerText), { timeout: 60_000 });

  // ★ Recognized is a toggle: pressed again in Slack, it takes the tag back.
  await slack.bringToFront();
  await pressRecognition(slack, TS);
  await expect.poll(async () => (await firefox.readStore<{ key: string }>('tags')).length).toBe(0);
  expect(leakedRequests).toEqual([]);
});
