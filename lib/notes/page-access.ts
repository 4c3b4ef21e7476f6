/**
 * Why "Add this page as evidence" cannot read a page, in words for the manager; null when it may try. The
 * browser keeps its own pages, its extension store and local files from every extension, and its PDF viewer
 * is not a web page.
 */
export function unreadablePageReason(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'This tab has no web address Aspen can read.';
  }
  const { protocol, hostname, pathname } = parsed;
  if (protocol === 'file:') {
    return 'Aspen cannot read files on this computer (file://). Open the document from its web address, or copy what you need into a note.';
  }
  if (protocol !== 'http:' && protocol !== 'https:') {
    return `The browser does not let extensions read its own pages or other extensions' pages (${protocol}//).`;
  }
  const store =
    hostname === 'chromewebstore.google.com' ||
    (hostname === 'chrome.google.com' && pathname.startsWith('/webstore')) ||
    hostname === 'addons.mozilla.org' ||
    hostname === 'microsoftedge.microsoft.com';
  if (store) return "The browser does not let any extension read its extension store's pages.";
  if (/\.pdf$/i.test(pathname)) return 'Aspen reads web pages, not PDFs: copy the part you need into a note.';
  return null;
}
