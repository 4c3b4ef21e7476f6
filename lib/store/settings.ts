import { writeTransaction, type AspenDb } from './db';
import { SETTINGS_KEY } from './migrations';
import { DEFAULT_SETTINGS, settingsSchema, type Settings } from './schema';

/** The stored settings, with defaults for anything missing; an unreadable record reads as the defaults. */
export async function getSettings(db: AspenDb): Promise<Settings> {
  const stored: unknown = await db.get('settings', SETTINGS_KEY);
  const parsed = settingsSchema.safeParse(typeof stored === 'object' && stored !== null ? { ...DEFAULT_SETTINGS, ...stored } : DEFAULT_SETTINGS);
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

/** Applies `patch` to the stored settings; throws (writing nothing) when the result is not valid. */
export async function updateSettings(db: AspenDb, patch: Partial<Settings>): Promise<Settings> {
  return writeTransaction(db, ['settings'], async (tx) => {
    const stored: unknown = await tx.objectStore('settings').get(SETTINGS_KEY);
    const current = settingsSchema.safeParse(stored);
    const next = settingsSchema.parse({ ...(current.success ? current.data : DEFAULT_SETTINGS), ...patch });
    await tx.objectStore('settings').put(next, SETTINGS_KEY);
    return next;
  });
}
