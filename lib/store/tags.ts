import type { CapturedMessage } from '../slack/types';
import { writeTransaction, type AspenDb } from './db';
import { recordTombstones } from './deletions';
import { recordLabelledTag } from './learning';
import { ingestCapturedBatch } from './messages';
import { managerTagSchema, messageKey, type ManagerTag } from './schema';

export type ManagerTagInput = Pick<ManagerTag, 'label' | 'subjects' | 'dismissed'>;

/**
 * Records the manager's own judgement of a message. `label: null` keeps the model's label; `subjects` always
 * replace the model's; `dismissed` hides the message from evidence.
 */
export async function setManagerTag(db: AspenDb, key: string, input: ManagerTagInput, now = Date.now()): Promise<ManagerTag> {
  const tag = managerTagSchema.parse({ key, label: input.label, subjects: [...new Set(input.subjects)], dismissed: input.dismissed, taggedAt: now });
  await writeTransaction(db, ['tags'], (tx) => tx.objectStore('tags').put(tag));
  return tag;
}

/** Removes the manager's tag of a message, leaving a tombstone so an older backup does not bring it back. */
export async function removeManagerTag(db: AspenDb, key: string, now = Date.now()): Promise<void> {
  await writeTransaction(db, ['tags', 'deletions'], (tx) => Promise.all([tx.objectStore('tags').delete(key), recordTombstones(tx, 'tags', [key], now)]));
}

export async function getManagerTag(db: AspenDb, key: string): Promise<ManagerTag | undefined> {
  const parsed = managerTagSchema.safeParse(await db.get('tags', key));
  return parsed.success ? parsed.data : undefined;
}

export async function tagsForKeys(db: AspenDb, keys: readonly string[]): Promise<Map<string, ManagerTag>> {
  const tx = db.transaction('tags');
  const [rows] = await Promise.all([Promise.all(keys.map((key) => tx.store.get(key))), tx.done]);
  const tags = new Map<string, ManagerTag>();
  for (const row of rows) {
    const parsed = managerTagSchema.safeParse(row);
    if (parsed.success) tags.set(parsed.data.key, parsed.data);
  }
  return tags;
}

/**
 * The manager tags a message as recognition from Slack, by key: what is stored is the message (the latest
 * capture, edits included). `sighting` is the row as on screen now, stored only when the message is not
 * stored yet, so an older copy can never bring back text the author edited away.
 */
export async function tagRecognition(
  db: AspenDb,
  key: string,
  subjects: readonly string[],
  sighting?: CapturedMessage,
  now = Date.now(),
): Promise<ManagerTag> {
  if ((await db.getKey('messages', key)) === undefined) {
    if (!sighting || messageKey(sighting) !== key) throw new Error('This message is not captured yet; try again in a moment.');
    await ingestCapturedBatch(db, [sighting], now);
  }
  // A one-click Recognition tag is an example for the manager's model too.
  return recordLabelledTag(db, key, { label: 'recognition', subjects: [...subjects], dismissed: false }, 'recognition', now);
}
