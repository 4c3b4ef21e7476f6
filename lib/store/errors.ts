/** The browser refused a write for lack of space: capture should pause; the write was rolled back whole. */
export class StorageFullError extends Error {
  override readonly name = 'StorageFullError';
  constructor(cause: unknown) {
    super('Browser storage is full: Aspen could not save and has kept everything it already had.', { cause });
  }
}

/** What the browser throws (a DOMException) when an origin's storage quota is used up. */
export const isQuotaError = (error: unknown): boolean => error instanceof Error && error.name === 'QuotaExceededError';
