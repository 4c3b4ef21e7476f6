import type { AspenDb } from './db';
import {
  sentAtFromKey,
  type Classification,
  type Label,
  type ManagerTag,
  type StoredMessage,
} from './schema';
import { checkedRows, isClassificationRow, isManagerTagRow, isStoredMessageRow } from './validation';

/** One message as the views see it: manager tag applied over the model (tag wins). */
export interface EvidenceItem {
  key: string;
  message: StoredMessage;
  label: Label;
  /** The model's scores, when the message has been classified. */
  scores?: Classification['scores'];
  subjects: string[];
  /** Who decided the label. */
  source: 'model' | 'manager';
  dismissed: boolean;
  /** The model was unsure and the manager has not confirmed or corrected it: not counted in signals. */
  unsure: boolean;
}
export interface PersonEvidenceItem extends EvidenceItem {
  /** The person is among the subjects: feedback they received. */
  aboutPerson: boolean;
  /** The person wrote it: feedback or requests they gave. */
  byPerson: boolean;
}
export interface EvidenceQuery {
  /** ms since epoch; both ends inclusive. */
  from: number;
  to: number;
  /** Messages the manager dismissed are left out unless asked for. */
  includeDismissed?: boolean;
}

/**
 * The effective reading of a message: a tag's label (unless null) and subjects replace the model's.
 * Null when neither the model nor the manager has labelled it yet.
 */
export function effectiveEvidence(message: StoredMessage, classification?: Classification, tag?: ManagerTag): EvidenceItem | null {
  const label = tag?.label ?? classification?.label ?? null;
  if (label === null) return null;
  return {
    key: message.key,
    message,
    label,
    ...(classification ? { scores: classification.scores } : {}),
    subjects: tag ? tag.subjects : (classification?.subjects ?? []),
    source: tag?.label ? 'manager' : 'model',
    dismissed: tag?.dismissed ?? false,
    unsure: !tag?.label && classification?.unsure === true,
  };
}

const byTime = (a: EvidenceItem, b: EvidenceItem): number => a.message.sentAt - b.message.sentAt || a.key.localeCompare(b.key);
const keyed = <T extends { key: string }>(rows: readonly T[]): Map<string, T> => new Map(rows.map((row) => [row.key, row]));

/**
 * A person's timeline in [from, to]: messages about them (by the subjects indexes of classifications and
 * tags) and messages they wrote (by the author+time index), each with its effective label, oldest first.
 */
export async function evidenceFor(db: AspenDb, personId: string, query: EvidenceQuery): Promise<PersonEvidenceItem[]> {
  const items = await evidenceForPeople(db, [personId], query);
  return items.map((item) => ({ ...item, aboutPerson: item.subjects.includes(personId), byPerson: item.message.authorId === personId }));
}

/**
 * Every labelled message in [from, to] about or by any of `personIds`, each once, oldest first: what the
 * panel shows for a team, read through the indexes so that its cost follows the team's evidence, not the store.
 */
export async function evidenceForPeople(db: AspenDb, personIds: readonly string[], query: EvidenceQuery): Promise<EvidenceItem[]> {
  const tx = db.transaction(['messages', 'classifications', 'tags']);
  const messages = tx.objectStore('messages');
  const classifications = tx.objectStore('classifications');
  const tags = tx.objectStore('tags');
  const inWindow = (sentAt: number) => sentAt >= query.from && sentAt <= query.to;
  const [taggedKeys, perPerson] = await Promise.all([
    // Tags are few: their keys say which messages need a tag lookup at all.
    tags.getAllKeys(),
    Promise.all(
      personIds.map((personId) =>
        Promise.all([
          classifications.index('subjects').getAll(personId),
          tags.index('subjects').getAll(personId),
          messages.index('authorSentAt').getAll(IDBKeyRange.bound([personId, query.from], [personId, query.to])),
          // Classifications of what they wrote; rows from before the author was kept are looked up below.
          classifications.index('authorId').getAll(personId),
        ]),
      ),
    ),
  ]);
  const classificationByKey = keyed(
    checkedRows(isClassificationRow, perPerson.flatMap(([about, , , byAuthor]) => [...about, ...byAuthor])),
  );
  const tagByKey = keyed(checkedRows(isManagerTagRow, perPerson.flatMap(([, tagged]) => tagged)));
  const messageByKey = keyed(checkedRows(isStoredMessageRow, perPerson.flatMap(([, , authored]) => authored)));

  // Keys end with the message's time, so messages about them outside the window are never read.
  const aboutKeys = [...new Set([...classificationByKey.keys(), ...tagByKey.keys()])].filter(
    (key) => !messageByKey.has(key) && inWindow(sentAtFromKey(key)),
  );
  const keys = [...messageByKey.keys(), ...aboutKeys];
  const tagged = new Set(taggedKeys);
  const [aboutMessages, moreClassifications, moreTags] = await Promise.all([
    Promise.all(aboutKeys.map((key) => messages.get(key))),
    Promise.all(keys.filter((key) => !classificationByKey.has(key)).map((key) => classifications.get(key))),
    Promise.all(keys.filter((key) => tagged.has(key) && !tagByKey.has(key)).map((key) => tags.get(key))),
  ]);
  await tx.done;
  for (const message of checkedRows(isStoredMessageRow, aboutMessages)) {
    if (inWindow(message.sentAt)) messageByKey.set(message.key, message);
  }
  for (const classification of checkedRows(isClassificationRow, moreClassifications)) classificationByKey.set(classification.key, classification);
  for (const tag of checkedRows(isManagerTagRow, moreTags)) tagByKey.set(tag.key, tag);

  const items: EvidenceItem[] = [];
  for (const message of messageByKey.values()) {
    const item = effectiveEvidence(message, classificationByKey.get(message.key), tagByKey.get(message.key));
    if (!item || (item.dismissed && !query.includeDismissed)) continue;
    if (personIds.some((id) => id === message.authorId || item.subjects.includes(id))) items.push(item);
  }
  return items.sort(byTime);
}

/** Every labelled message in [from, to] with its effective label, oldest first: the team-level view. */
export async function evidenceAll(db: AspenDb, query: EvidenceQuery): Promise<EvidenceItem[]> {
  const tx = db.transaction(['messages', 'classifications', 'tags']);
  const classifications = tx.objectStore('classifications');
  const [rows, classifiedCount, tagRows] = await Promise.all([
    tx.objectStore('messages').index('sentAt').getAll(IDBKeyRange.bound(query.from, query.to)),
    classifications.count(),
    tx.objectStore('tags').getAll(),
  ]);
  const messages = checkedRows(isStoredMessageRow, rows);
  // One sweep of the store beats a lookup per message once the window holds a good share of it.
  const classificationRows =
    messages.length * 4 >= classifiedCount
      ? await classifications.getAll()
      : await Promise.all(messages.map((message) => classifications.get(message.key)));
  await tx.done;
  const classificationByKey = keyed(checkedRows(isClassificationRow, classificationRows));
  const tagByKey = keyed(checkedRows(isManagerTagRow, tagRows));
  const items: EvidenceItem[] = [];
  for (const message of messages) {
    const item = effectiveEvidence(message, classificationByKey.get(message.key), tagByKey.get(message.key));
    if (item && (!item.dismissed || query.includeDismissed)) items.push(item);
  }
  return items.sort(byTime);
}

/**
 * The messages with these keys, each with its effective label (unlabelled or unknown ones are left out):
 * for example the roots of threads the team replied in, which are often by people outside the team.
 */
export async function evidenceForKeys(db: AspenDb, keys: readonly string[]): Promise<EvidenceItem[]> {
  const unique = [...new Set(keys)];
  const tx = db.transaction(['messages', 'classifications', 'tags']);
  const [messageRows, classificationRows, tagRows] = await Promise.all([
    Promise.all(unique.map((key) => tx.objectStore('messages').get(key))),
    Promise.all(unique.map((key) => tx.objectStore('classifications').get(key))),
    Promise.all(unique.map((key) => tx.objectStore('tags').get(key))),
  ]);
  await tx.done;
  const classificationByKey = keyed(checkedRows(isClassificationRow, classificationRows));
  const tagByKey = keyed(checkedRows(isManagerTagRow, tagRows));
  return checkedRows(isStoredMessageRow, messageRows).flatMap((message) => {
    const item = effectiveEvidence(message, classificationByKey.get(message.key), tagByKey.get(message.key));
    return item ? [item] : [];
  });
}
