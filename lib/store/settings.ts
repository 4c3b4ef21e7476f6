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

/**
 * Capture from workspace `teamId`, whose signed-in user Slack says is `selfId`: that workspace becomes the
 * current one, and its user is remembered the first time (the manager can change it in Settings). One
 * transaction, so captures from two workspaces at once cannot lose each other's user. Returns whether anything changed.
 */
export async function noteWorkspace(db: AspenDb, teamId: string, selfId: string | undefined): Promise<boolean> {
  return writeTransaction(db, ['settings'], async (tx) => {
    const stored = settingsSchema.safeParse(await tx.objectStore('settings').get(SETTINGS_KEY));
    const current = stored.success ? stored.data : DEFAULT_SETTINGS;
    const learnsSelf = selfId !== undefined && selfId !== '' && current.selfIds[teamId] === undefined;
    if (!learnsSelf && current.currentTeamId === teamId) return false;
    const selfIds = learnsSelf ? { ...current.selfIds, [teamId]: selfId } : current.selfIds;
    await tx.objectStore('settings').put(settingsSchema.parse({ ...current, selfIds, currentTeamId: teamId }), SETTINGS_KEY);
    return true;
  });
}

/** The manager says who they are in workspace `teamId` (null: Aspen does not know, until Slack says again). */
export async function setWorkspaceUser(db: AspenDb, teamId: string, userId: string | null): Promise<Settings> {
  return writeTransaction(db, ['settings'], async (tx) => {
    const stored = settingsSchema.safeParse(await tx.objectStore('settings').get(SETTINGS_KEY));
    const current = stored.success ? stored.data : DEFAULT_SETTINGS;
    const { [teamId]: _previous, ...others } = current.selfIds;
    const next = settingsSchema.parse({ ...current, selfIds: userId === null ? others : { ...others, [teamId]: userId } });
    await tx.objectStore('settings').put(next, SETTINGS_KEY);
    return next;
  });
}
