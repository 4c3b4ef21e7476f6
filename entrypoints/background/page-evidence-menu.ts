import type { Browser } from 'wxt/browser';
import { broadcastStoreEvent, type PageEvidenceProblem } from '@/lib/messaging';
import { unreadablePageReason } from '@/lib/notes/page-access';
import { runDetached } from './detached';
import { openFirefoxSidebar } from './firefox';

const MENU_ID = 'aspen-add-page-evidence';

/** The last page that could not be read, until the panel has shown it; lives as long as this background. */
let problem: PageEvidenceProblem | null = null;

/** The panel shows this once; taking it clears it. */
export function takePageEvidenceProblem(): PageEvidenceProblem | null {
  const taken = problem;
  problem = null;
  return taken;
}

export function reportPageEvidenceProblem(url: string, reason: string): void {
  problem = { url, reason };
  broadcastStoreEvent('notes');
}

function openPanel(tab: Browser.tabs.Tab | undefined) {
  // Must happen inside the click's user gesture, before any await.
  if (import.meta.env.FIREFOX) openFirefoxSidebar();
  else if (tab?.windowId !== undefined) runDetached('opening the side panel', browser.sidePanel.open({ windowId: tab.windowId }));
}

async function addPageEvidence(info: Browser.contextMenus.OnClickData, tab: Browser.tabs.Tab | undefined) {
  if (info.menuItemId !== MENU_ID || tab?.id === undefined) return;
  openPanel(tab);
  // activeTab shows the URL of the tab the manager clicked in.
  const url = tab.url ?? info.pageUrl ?? '';
  const reason = unreadablePageReason(url);
  if (reason !== null) return reportPageEvidenceProblem(url, reason);
  try {
    // The unlisted script reads the page with Readability and sends the result back as a 'page-evidence' request.
    await browser.scripting.executeScript({ target: { tabId: tab.id }, files: ['/page-evidence.js'] });
  } catch (error) {
    reportPageEvidenceProblem(url, `Aspen could not read this page: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** "Add this page as evidence for…" on any page; the panel then asks for whom. */
export function installPageEvidenceMenu(): void {
  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create({ id: MENU_ID, title: 'Add this page as evidence for…', contexts: ['page', 'selection'] });
  });
  browser.contextMenus.onClicked.addListener((info, tab) => runDetached('adding page evidence', addPageEvidence(info, tab)));
}
