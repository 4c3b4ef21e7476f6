import { openAspenDb, type AspenDb } from '@/lib/store';

let opening: Promise<AspenDb> | undefined;

/** One connection per background lifetime; reopened after the service worker restarts. */
export function database(): Promise<AspenDb> {
  opening ??= openAspenDb().catch((error: unknown) => {
    opening = undefined;
    throw error;
  });
  return opening;
}
