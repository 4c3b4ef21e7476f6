import { EXTENSION_ORIGIN } from '../../scripts/firefox';
import { byRole, expect, test } from './firefox';

const DOC_URL = 'https://docs.northwind.example/design/deploy-queue';
const PARAGRAPH =
  'Priya wrote this design for the deploy queue. It explains leases, retries and backpressure, so that the team can review it.';
const DESIGN_DOC = `<!doctype html><html lang="en"><head><title>Deploy queue design</title></head><body>
<nav>Docs home · Search</nav><article><h1>Deploy queue design</h1>${`<p>${PARAGRAPH}</p>`.repeat(6)}</article></body></html>`;

test("Firefox: the context menu's \"Add this page as evidence for…\" opens the sidebar and files the page, read with Readability", async ({
  firefox,
  leakedRequests,
}) => {
  const doc = await firefox.openServedPage(DOC_URL, DESIGN_DOC);
  // Firefox opens an add-on's sidebar once when it is installed: wait for that, then close it, so that only
  // Aspen's own sidebarAction.open() can show it again.
  await expect.poll(() => firefox.sidebarPage()).toBe(`${EXTENSION_ORIGIN}/sidepanel.html`);
  await firefox.closeSidebar();
  expect(await firefox.sidebarPage()).toBeNull();
  await firefox.chooseFromContextMenu(doc, 'Add this page as evidence for…');
  await expect.poll(() => firefox.sidebarPage()).toBe(`${EXTENSION_ORIGIN}/sidepanel.html`);

  await expect.poll(async () => (await firefox.readStore('pageEvidence')).length, { timeout: 20_000 }).toBe(1);
  const [page] = await firefox.readStore<{ url: string; title: string; text: string; personId: string }>('pageEvidence');
  expect(page).toMatchObject({ url: DOC_URL, title: 'Deploy queue design', personId: '' });
  expect(page!.text).toContain(PARAGRAPH);
  // Readability keeps the article, not the page's navigation.
  expect(page!.text).not.toContain('Docs home');

  // The panel asks whom the page is about (read here from the same page, opened in a tab).
  const panel = await firefox.openExtensionPage('/sidepanel.html');
  const pending = await byRole(panel, 'region', 'Captured pages').waitHandle();
  expect(await pending.evaluate((region) => region.textContent)).toContain('Deploy queue design');
  expect(leakedRequests).toEqual([]);
});
