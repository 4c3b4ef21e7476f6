import { vi } from 'vitest';

/**
 * Captures what the panel would download (the Blob and the file name) instead of saving files. The spies are
 * undone by vi.restoreAllMocks(); blob URLs are `blob:test/<n>`, counting from 1.
 */
export function captureDownloads(): { blobs: Blob[]; names: string[] } {
  const captured = { blobs: [] as Blob[], names: [] as string[] };
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    captured.blobs.push(blob as Blob);
    return `blob:test/${captured.blobs.length}`;
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    captured.names.push(this.download);
  });
  return captured;
}
