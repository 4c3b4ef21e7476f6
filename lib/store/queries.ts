import type { AspenDb } from './db';
import {
  classificationSchema,
  managerTagSchema,
  storedMessageSchema,
  type Classification,
  type Label,
  type ManagerTag,
  type StoredMessage,
} from './schema';
import { validRows } from './validation';

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
  };
}

const byTime = (a: EvidenceItem, b: EvidenceItem): number => a.message.sentAt - b.message.sentAt || a.key.localeCompare(b.key);
const keyed = <T extends { key: string }>(rows: readonly T[]): Map<string, T> => new Map(rows.map((row) => [row.key, row]));

/**
 * A person's timeline in [from, to]: messages about them (by the subjects indexes of classifications and
 * tags) and messages they wrote (by the author+time index), each with its effective label, oldest first.
 */
export async function evidenceFor(db: AspenDb, personId: string, query: EvidenceQuery): Promise<PersonEvidenceItem[]> {
  const tx = db.transaction(['messages', 'classifications', 'tags']);
  const messages = tx.objectStore('messages');
  const classifications = tx.objectStore('classifications');
  const tags = tx.objectStore('tags');
  const [aboutByModel, aboutByTag, authored] = await Promise.all([
    classifications.index('subjects').getAll(personId),
    tags.index('subjects').getAll(personId),
    messages.index('authorSentAt').getAll(IDBKeyRange.bound([personId, query.from], [personId, query.to])),
  ]);
  const classificationByKey = keyed(validRows(classificationSchema, aboutByModel));
  const tagByKey = keyed(validRows(managerTagSchema, aboutByTag));
  const messageByKey = keyed(validRows(storedMessageSchema, authored));

  const aboutKeys = [...new Set([...classificationByKey.keys(), ...tagByKey.keys()])].filter((key) => !messageByKey.has(key));
  const aboutMessages = validRows(storedMessageSchema, await Promise.all(aboutKeys.map((key) => messages.get(key))));
  for (const message of aboutMessages) {
    if (message.sentAt >= query.from && message.sentAt <= query.to) messageByKey.set(message.key, message);
  }
  const keys = [...messageByKey.keys()];
  const [moreClassifications, moreTags] = await Promise.all([
    Promise.all(keys.filter((key) => !classificationByKey.has(key)).map((key) => classifications.get(key))),
    Promise.all(keys.filter((key) => !tagByKey.has(key)).map((key) => tags.get(key))),
  ]);
  await tx.done;
  for (const classification of validRows(classificationSchema, moreClassifications)) classificationByKey.set(classification.key, classification);
  for (const tag of validRows(managerTagSchema, moreTags)) tagByKey.set(tag.key, tag);

  const items: PersonEvidenceItem[] = [];
  for (const message of messageByKey.values()) {
    const item = effectiveEvidence(message, classificationByKey.get(message.key), tagByKey.get(message.key));
    if (!item || (item.dismissed && !query.includeDismissed)) continue;
    const aboutPerson = item.subjects.includes(personId);
    const byPerson = message.authorId === personId;
    if (aboutPerson || byPerson) items.push({ ...item, aboutPerson, byPerson });
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
  const messages = validRows(storedMessageSchema, rows);
  // One sweep of the store beats a lookup per message once the window holds a good share of it.
  const classificationRows =
    messages.length * 4 >= classifiedCount
      ? await classifications.getAll()
      : await Promise.all(messages.map((message) => classifications.get(message.key)));
  await tx.done;
  const classificationByKey = keyed(validRows(classificationSchema, classificationRows));
  const tagByKey = keyed(validRows(managerTagSchema, tagRows));
  const items: EvidenceItem[] = [];
  for (const message of messages) {
    const item = effectiveEvidence(message, classificationByKey.get(message.key), tagByKey.get(message.key));
    if (item && (!item.dismissed || query.includeDismissed)) items.push(item);
  }
  return items.sort(byTime);
}
