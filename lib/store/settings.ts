import { writeTransaction, type AspenDb } from './db';
import { SETTINGS_KEY } from './migrations';
import { DEFAULT_SETTINGS, settingsSchema, type Settings } from './schema';

/** The stored settings, with defaults for anything missing; an unreadable record reads as the defaults. */
export async function getSettings(db: AspenDb): Promise<Settings> {
  const stored: unknown = await db.get('settings', SETTINGS_KEY);
  const parsed = settingsSchema.safeParse(typeof stored === 'object' && stored !== null ? { ...DEFAULT_SETTINGS, ...stored } : DEFAULT_SETTINGS);
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

/**
 * Reads the stored settings (an unreadable record as the defaults) and writes what `change` makes of them, in
 * one transaction; `change` returns null to write nothing. Throws (writing nothing) when the result is not valid.
 */
function changeSettings(db: AspenDb, change: (current: Settings) => Settings | null): Promise<{ settings: Settings; changed: boolean }> {
  return writeTransaction(db, ['settings'], async (tx) => {
    const stored = settingsSchema.safeParse(await tx.objectStore('settings').get(SETTINGS_KEY));
    const current = stored.success ? stored.data : DEFAULT_SETTINGS;
    const changed = change(current);
    if (changed === null) return { settings: current, changed: false };
    const settings = settingsSchema.parse(changed);
    await tx.objectStore('settings').put(settings, SETTINGS_KEY);
    return { settings, changed: true };
  });
}

/** Applies `patch` to the stored settings; throws (writing nothing) when the result is not valid. */
export async function updateSettings(db: AspenDb, patch: Partial<Settings>): Promise<Settings> {
  return (await changeSettings(db, (current) => ({ ...current, ...patch }))).settings;
}

/**
 * Capture from workspace `teamId`, whose signed-in user Slack says is `selfId`: that workspace becomes the
 * current one, and its user is remembered the first time (the manager can change it in Settings). One
 * transaction, so captures from two workspaces at once cannot lose each other's user. Returns whether anything changed.
 */
export async function noteWorkspace(db: AspenDb, teamId: string, selfId: string | undefined): Promise<boolean> {
  const { changed } = await changeSettings(db, (current) => {
    const learnsSelf = selfId !== undefined && selfId !== '' && current.selfIds[teamId] === undefined;
    if (!learnsSelf && current.currentTeamId === teamId) return null;
    const selfIds = learnsSelf ? { ...current.selfIds, [teamId]: selfId } : current.selfIds;
    return { ...current, selfIds, currentTeamId: teamId };
  });
  return changed;
}

/** The manager says who they are in workspace `teamId` (null: Aspen does not know, until Slack says again). */
export async function setWorkspaceUser(db: AspenDb, teamId: string, userId: string | null): Promise<Settings> {
  const { settings } = await changeSettings(db, (current) => {
    const { [teamId]: _previous, ...others } = current.selfIds;
    return { ...current, selfIds: userId === null ? others : { ...others, [teamId]: userId } };
  });
  return settings;
}
