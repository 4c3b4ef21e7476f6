/**
 * A background task nobody awaits: its failure goes to the extension's error log (chrome://extensions), never
 * an unhandled rejection in the service worker.
 */
export function runDetached(what: string, task: Promise<unknown> | undefined): void {
  task?.catch((error: unknown) => console.error(`Aspen: ${what} failed:`, error));
}
