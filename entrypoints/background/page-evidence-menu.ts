import type { Browser } from 'wxt/browser';
import { openFirefoxSidebar } from './firefox';

const MENU_ID = 'aspen-add-page-evidence';

function openPanel(tab: Browser.tabs.Tab | undefined) {
  // Must happen inside the click's user gesture, before any await.
  if (import.meta.env.FIREFOX) openFirefoxSidebar();
  else if (tab?.windowId !== undefined) void browser.sidePanel.open({ windowId: tab.windowId });
}

async function addPageEvidence(info: Browser.contextMenus.OnClickData, tab: Browser.tabs.Tab | undefined) {
  if (info.menuItemId !== MENU_ID || tab?.id === undefined) return;
  openPanel(tab);
  // The unlisted script reads the page with Readability and sends the result back as a 'page-evidence' request.
  await browser.scripting.executeScript({ target: { tabId: tab.id }, files: ['/page-evidence.js'] });
}

/** "Add this page as evidence for…" on any page; the panel then asks for whom. */
export function installPageEvidenceMenu(): void {
  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create({ id: MENU_ID, title: 'Add this page as evidence for…', contexts: ['page', 'selection'] });
  });
  browser.contextMenus.onClicked.addListener((info, tab) => void addPageEvidence(info, tab));
}
