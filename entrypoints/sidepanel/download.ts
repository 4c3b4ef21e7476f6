/** A local calendar date for file names, e.g. 2026-11-26: the manager's own day, not UTC's. */
export function fileDate(ms: number): string {
  const date = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** A person's name as a file-name part: "Priya Raman" → "priya-raman". */
export const fileSlug = (name: string): string =>
  name
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '-') || 'person';

/** How long a blob URL stays valid after its download or print page was started. */
const BLOB_LIFETIME_MS = 60_000;

/** Saves `content` as a file through an <a download> click: nothing is uploaded, the browser writes it to disk. */
export function downloadFile(fileName: string, type: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), BLOB_LIFETIME_MS);
}

/**
 * Opens a standalone HTML document in a new tab and starts printing it. The blob URL has this page's origin,
 * so this page can call print() on it: the document itself needs no script (the extension CSP forbids inline
 * ones). Returns false when the browser refused to open the tab.
 */
export function openForPrint(html: string): boolean {
  const url = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
  const opened = window.open(url, '_blank');
  if (!opened) {
    URL.revokeObjectURL(url);
    return false;
  }
  opened.addEventListener('load', () => opened.print(), { once: true });
  setTimeout(() => URL.revokeObjectURL(url), BLOB_LIFETIME_MS);
  return true;
}
