import { z } from 'zod';
import { rubricSchema, type Rubric } from '../rubric/schema';
import { requestGroup, writeTransaction, SCHEMA_VERSION, type AspenDb } from './db';
import { storedSlackPermalink } from '../safe-links';
import { addRetentionHorizon, decisionRowKey, splitDeletions, TOMBSTONE_KEEP_DAYS } from './deletions';
import { freshQueueState, mergeMessages, sameMessageContent, withoutQueue } from './messages';
import {
  classificationFromV2,
  CUSTOM_RUBRIC_KEY,
  messageFromV1Schema,
  personFromV2Schema,
  settingsFromV11,
  settingsFromV2Schema,
  SETTINGS_KEY,
  v11SettingsSchema,
  v2ClassificationSchema,
} from './migrations';
import {
  classificationSchema,
  deletionSchema,
  evidenceDecisionSchema,
  managerTagSchema,
  messageKey,
  noteSchema,
  pageEvidenceSchema,
  personSchema,
  sentAtFromTs,
  settingsSchema,
  storedMessageSchema,
  trainingExampleSchema,
  type Classification,
  type Deletion,
  type EvidenceDecision,
  type ManagerTag,
  type Note,
  type PageEvidence,
  type Person,
  type RetentionHorizon,
  type Settings,
  type StoredMessage,
  type Tombstone,
  type TombstonedStore,
  type TrainingExample,
} from './schema';
import { applyRetention, DAY_MS } from './retention';
import { getSettings } from './settings';
import { describeZodError } from './validation';

export const BACKUP_FORMAT = 'aspen-backup';
/** A backup's version is the database version that wrote it; rows of older versions are upgraded on import. */
export const BACKUP_VERSION = SCHEMA_VERSION;

/**
 * Everything the manager would miss. The classification queue (each message's `queue`), capture health and
 * the manager's refitted head (refitted from the examples) are rebuilt by use, so they are not saved.
 */
export interface AspenBackup {
  format: typeof BACKUP_FORMAT;
  version: number;
  exportedAt: number;
  stores: {
    messages: StoredMessage[];
    classifications: Classification[];
    tags: ManagerTag[];
    people: Person[];
    notes: Note[];
    pageEvidence: PageEvidence[];
    /** The manager's decisions about evidence in reviews (moved, excluded, pinned). Backups before v9 have none. */
    evidenceDecisions: EvidenceDecision[];
    settings: Settings | null;
    /** The manager's own rubric; null when they use the default. Backups before v5 have none. */
    rubric: Rubric | null;
    /** The manager's examples for their own model. Backups before v9 have none. */
    examples: TrainingExample[];
    /** What the manager deleted, and how far back retention deleted, so no import brings it back. Backups before v12 have none. */
    deletions: Deletion[];
  };
}

export interface ImportError {
  /** The store the row belongs to, or '(file)' when the file itself was rejected. */
  store: string;
  /** The row's position in the file's list; -1 for a whole store or the file. */
  index: number;
  message: string;
}
export interface ImportResult {
  added: number;
  updated: number;
  skipped: number;
  /** Rows of the file the manager has deleted since (tombstones, retention): not brought back. */
  keptDeleted: number;
  /** Rows here that the file's newer tombstones say were deleted: deleted here too. */
  removed: number;
  /** Imported messages already older than the retention period, deleted right after the import. */
  expired: number;
  errors: ImportError[];
  /** What the manager should know about the file as a whole (e.g. it is older than the deletions Aspen remembers). */
  notices: string[];
}
export const emptyImportResult = (): ImportResult => ({ added: 0, updated: 0, skipped: 0, keptDeleted: 0, removed: 0, expired: 0, errors: [], notices: [] });

/** Reads every store in one transaction, so the backup is a consistent snapshot. */
export async function exportDatabase(db: AspenDb, now = Date.now()): Promise<AspenBackup> {
  const tx = db.transaction(['messages', 'classifications', 'tags', 'people', 'notes', 'pageEvidence', 'evidenceDecisions', 'settings', 'rubric', 'examples', 'deletions']);
  const [messages, classifications, tags, people, notes, pageEvidence, evidenceDecisions, settings, rubric, examples, deletions] = await Promise.all([
    tx.objectStore('messages').getAll(),
    tx.objectStore('classifications').getAll(),
    tx.objectStore('tags').getAll(),
    tx.objectStore('people').getAll(),
    tx.objectStore('notes').getAll(),
    tx.objectStore('pageEvidence').getAll(),
    tx.objectStore('evidenceDecisions').getAll(),
    tx.objectStore('settings').get(SETTINGS_KEY),
    tx.objectStore('rubric').get(CUSTOM_RUBRIC_KEY),
    tx.objectStore('examples').getAll(),
    tx.objectStore('deletions').getAll(),
  ]);
  await tx.done;
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: now,
    stores: {
      messages: messages.map(withoutQueue),
      classifications,
      tags,
      people,
      notes,
      pageEvidence,
      evidenceDecisions,
      settings: settings ?? null,
      rubric: rubric ?? null,
      examples,
      deletions,
    },
  };
}

const envelopeSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.number().int().min(1).max(BACKUP_VERSION),
  exportedAt: z.number(),
  stores: z.record(z.string(), z.unknown()),
});

interface ListRows {
  messages: StoredMessage;
  classifications: Classification;
  tags: ManagerTag;
  people: Person;
  notes: Note;
  pageEvidence: PageEvidence;
  examples: TrainingExample;
  evidenceDecisions: EvidenceDecision;
}
type ListStore = keyof ListRows;
/** Messages first: older classifications are upgraded with the file's messages. */
const LIST_STORES: readonly ListStore[] = ['messages', 'classifications', 'tags', 'people', 'notes', 'pageEvidence', 'examples', 'evidenceDecisions'];
/** Stores older files may hold that are rebuilt rather than restored (before v8 the queue had a store). */
const REBUILT_STORES = new Set(['queue', 'health', 'learnedModel']);
/** Stores of one record under a fixed key, rather than a list. */
const SINGLE_STORES = new Set(['settings', 'rubric']);
/** The file's record of deletions: honoured and kept, not merged as rows. */
const DELETIONS_STORE = 'deletions';

/** How an incoming row meets the one already kept under its key: the row to write, or null to keep the kept one. */
type Combine<T> = (kept: T, incoming: T) => T | null;
interface StoreRules<T> {
  schema: z.ZodType<T>;
  /** Identifies the row among the file's rows, and in tombstones. */
  key(row: T): string;
  /** The IndexedDB key of the row named `key`, where it is not `key` itself (a compound key path). */
  storeKey?(key: string): IDBValidKey;
  combine: Combine<T>;
  /** For a store the manager deletes rows of: when a row was last written, to compare with its tombstone. */
  tombstoned?: { store: TombstonedStore; stamp(row: T): number };
}
const newerBy =
  <T>(stamp: (row: T) => number): Combine<T> =>
  (kept, incoming) =>
    stamp(incoming) > stamp(kept) ? incoming : null;
const byKey = (row: { key: string }): string => row.key;
const byId = (row: { id: string }): string => row.id;

const STORE_RULES: { [S in ListStore]: StoreRules<ListRows[S]> } = {
  messages: {
    schema: storedMessageSchema,
    key: byKey,
    combine: (kept, incoming) => {
      const { merged } = mergeMessages(kept, incoming);
      if (sameMessageContent(merged, kept) && merged.lastSeen === kept.lastSeen) return null;
      // A message already waiting for the model here keeps its place (re-queued below if its text changed).
      return kept.queue === undefined ? merged : { ...merged, queue: kept.queue };
    },
  },
  classifications: { schema: classificationSchema, key: byKey, combine: newerBy((row) => row.classifiedAt) },
  tags: { schema: managerTagSchema, key: byKey, combine: newerBy((row) => row.taggedAt), tombstoned: { store: 'tags', stamp: (row) => row.taggedAt } },
  people: {
    schema: personSchema,
    key: byId,
    // The manager's saved details here stand; only a later 1:1 date is taken.
    combine: (kept, incoming) =>
      (incoming.lastOneOnOne ?? -Infinity) > (kept.lastOneOnOne ?? -Infinity) ? { ...kept, lastOneOnOne: incoming.lastOneOnOne } : null,
  },
  notes: { schema: noteSchema, key: byId, combine: newerBy((row) => row.updatedAt), tombstoned: { store: 'notes', stamp: (row) => row.updatedAt } },
  // Captured pages do not change: the first copy stands.
  pageEvidence: { schema: pageEvidenceSchema, key: byId, combine: () => null, tombstoned: { store: 'pageEvidence', stamp: (row) => row.capturedAt } },
  // The latest label of a text wins, here as when the manager gives it.
  examples: { schema: trainingExampleSchema, key: byKey, combine: newerBy((row) => row.addedAt), tombstoned: { store: 'examples', stamp: (row) => row.addedAt } },
  evidenceDecisions: {
    schema: evidenceDecisionSchema,
    key: decisionRowKey,
    storeKey: (key) => z.tuple([z.string(), z.string()]).parse(JSON.parse(key)),
    combine: newerBy((row) => row.decidedAt),
    tombstoned: { store: 'evidenceDecisions', stamp: (row) => row.decidedAt },
  },
};

/**
 * A message row of a file, checked like a captured one: its key must be its team, channel and ts, its sentAt
 * its ts (retention reads it), and its permalink a Slack message address, else none (as capture keeps it).
 */
const importedMessage = (schema: z.ZodType<StoredMessage>) =>
  schema
    .superRefine((message, ctx) => {
      const expected = messageKey(message);
      if (message.key !== expected) {
        ctx.addIssue({ code: 'custom', path: ['key'], message: `"${message.key}" does not match the message's team, channel and ts (${expected})` });
      }
      if (message.sentAt !== sentAtFromTs(message.ts)) {
        ctx.addIssue({ code: 'custom', path: ['sentAt'], message: `${message.sentAt} does not match the message's ts (${message.ts})` });
      }
    })
    .transform((message) => ({ ...withoutQueue(message), permalink: storedSlackPermalink(message.permalink) }));

/** How rows of a file of `version` are read: older shapes are upgraded as the database migrations do. */
function fileSchemas(version: number, fileMessages: ReadonlyMap<string, StoredMessage>): { [S in ListStore]: z.ZodType<ListRows[S]> } {
  const parentAuthorOf = (message: StoredMessage | undefined): string | null => {
    if (!message || message.threadTs === null || message.threadTs === message.ts) return null;
    return fileMessages.get(messageKey({ ...message, ts: message.threadTs }))?.authorId ?? null;
  };
  return {
    messages: importedMessage(version < 2 ? messageFromV1Schema : storedMessageSchema),
    classifications:
      version < 3
        ? v2ClassificationSchema.transform((old) => classificationFromV2(old, fileMessages.get(old.key), parentAuthorOf(fileMessages.get(old.key))))
        : classificationSchema,
    tags: managerTagSchema,
    people: version < 3 ? personFromV2Schema : personSchema,
    notes: noteSchema,
    pageEvidence: pageEvidenceSchema,
    examples: trainingExampleSchema,
    evidenceDecisions: evidenceDecisionSchema,
  };
}

/** Valid rows of one store, duplicates in the file already combined; every bad row goes to `errors`. */
function readStore<T>(store: string, rows: readonly unknown[], schema: z.ZodType<T>, rules: StoreRules<T>, errors: ImportError[]): Map<string, T> {
  const valid = new Map<string, T>();
  rows.forEach((row, index) => {
    const parsed = schema.safeParse(row);
    if (!parsed.success) {
      errors.push({ store, index, message: describeZodError(parsed.error) });
      return;
    }
    const key = rules.key(parsed.data);
    const earlier = valid.get(key);
    valid.set(key, earlier === undefined ? parsed.data : (rules.combine(earlier, parsed.data) ?? earlier));
  });
  return valid;
}

/** A single-record store's value from the file: absent or null reads as nothing to restore. */
function readSingle<T>(store: string, value: unknown, schema: z.ZodType<T>, errors: ImportError[]): T | null {
  if (value === undefined || value === null) return null;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  errors.push({ store, index: 0, message: describeZodError(parsed.error) });
  return null;
}

type ParsedRows = { [S in ListStore]: Map<string, ListRows[S]> };
interface ParsedBackup {
  exportedAt: number;
  rows: ParsedRows;
  settings: Settings | null;
  rubric: Rubric | null;
  tombstones: Tombstone[];
  horizons: RetentionHorizon[];
}

/** How a file's settings are read: before v12 one signed-in user is given to the workspaces the file's messages show them in. */
function settingsSchemaFor(version: number, fileMessages: ReadonlyMap<string, StoredMessage>): z.ZodType<Settings> {
  const messages = [...fileMessages.values()];
  if (version < 3) return settingsFromV2Schema.transform((old) => settingsFromV11(old, messages));
  return version < 12 ? v11SettingsSchema.transform((old) => settingsFromV11(old, messages)) : settingsSchema;
}

/** The file's deletion records; a bad one is reported by position, like a bad row. */
function readDeletions(value: unknown[], errors: ImportError[]): Pick<ParsedBackup, 'tombstones' | 'horizons'> {
  const valid: unknown[] = [];
  value.forEach((row, index) => {
    const parsed = deletionSchema.safeParse(row);
    if (parsed.success) valid.push(parsed.data);
    else errors.push({ store: DELETIONS_STORE, index, message: describeZodError(parsed.error) });
  });
  return splitDeletions(valid);
}

function parseBackup(json: unknown, errors: ImportError[]): ParsedBackup | null {
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) {
    errors.push({ store: '(file)', index: -1, message: `Not an Aspen backup this version can read: ${describeZodError(envelope.error)}` });
    return null;
  }
  const { version, exportedAt, stores } = envelope.data;
  const lists: Partial<Record<ListStore | typeof DELETIONS_STORE, unknown[]>> = {};
  for (const [name, value] of Object.entries(stores)) {
    const store = name === DELETIONS_STORE ? DELETIONS_STORE : LIST_STORES.find((known) => known === name);
    if (store) {
      if (!Array.isArray(value)) {
        errors.push({ store: '(file)', index: -1, message: `stores.${name}: expected a list of records` });
        return null;
      }
      lists[store] = value;
    } else if (!SINGLE_STORES.has(name) && !REBUILT_STORES.has(name)) {
      errors.push({ store: name, index: -1, message: 'not an Aspen store; ignored' });
    }
  }
  const messages = readStore('messages', lists.messages ?? [], fileSchemas(version, new Map()).messages, STORE_RULES.messages, errors);
  const schemas = fileSchemas(version, messages);
  const read = <S extends ListStore>(store: S): Map<string, ListRows[S]> =>
    readStore<ListRows[S]>(store, lists[store] ?? [], schemas[store], STORE_RULES[store], errors);
  const settings = readSingle('settings', stores.settings, settingsSchemaFor(version, messages), errors);
  const rubric = readSingle('rubric', stores.rubric, rubricSchema, errors);
  return {
    exportedAt,
    rows: {
      messages,
      classifications: read('classifications'),
      tags: read('tags'),
      people: read('people'),
      notes: read('notes'),
      pageEvidence: read('pageEvidence'),
      examples: read('examples'),
      evidenceDecisions: read('evidenceDecisions'),
    },
    settings,
    rubric,
    ...readDeletions(lists.deletions ?? [], errors),
  };
}

/** Where the store stands on one incoming row. */
interface Merged<T> {
  key: string;
  kept: T | undefined;
  written: T | null;
}

const tombstoneId = (store: TombstonedStore, key: string): string => JSON.stringify([store, key]);

/** The signed-in users here stand; the file's fill in workspaces this profile has none for. */
function mergedSettings(kept: Settings, incoming: Settings): Settings | null {
  const selfIds = { ...incoming.selfIds, ...kept.selfIds };
  if (Object.keys(selfIds).length === Object.keys(kept.selfIds).length) return null;
  return { ...kept, selfIds, currentTeamId: kept.currentTeamId ?? incoming.currentTeamId };
}

/**
 * Merges a backup into the database in one transaction. Every row is checked first; bad rows are reported
 * and left out, the rest merge without loss or duplicates (messages as capture merges them; tags, notes and
 * classifications and evidence decisions by newest; saved people, settings, custom rubric and page evidence
 * already here stand). What the manager deleted stays deleted: a row no newer than its tombstone, or a message
 * retention has deleted since the file's copy was last seen, is not restored, and the file's own newer
 * tombstones delete older rows here. A file that is not a readable backup changes nothing. Throws
 * StorageFullError when the browser is out of space.
 */
export async function importDatabase(db: AspenDb, json: unknown, now = Date.now()): Promise<ImportResult> {
  const result = emptyImportResult();
  const backup = parseBackup(json, result.errors);
  if (!backup) return result;
  if (backup.exportedAt < now - TOMBSTONE_KEEP_DAYS * DAY_MS) {
    const when = new Date(backup.exportedAt).toISOString().slice(0, 10);
    result.notices.push(
      `This backup is from ${when}. Aspen remembers deletions for ${TOMBSTONE_KEEP_DAYS} days, so something you deleted long ago may have come back.`,
    );
  }

  await writeTransaction(db, [...LIST_STORES, 'settings', 'rubric', 'deletions'], async (tx) => {
    const writes = requestGroup();
    const deletionStore = tx.objectStore('deletions');
    const here = splitDeletions(await deletionStore.getAll());
    const tombstones = new Map(here.tombstones.map((t) => [tombstoneId(t.store, t.key), t]));
    const newerInFile = backup.tombstones.filter((t) => t.deletedAt > (tombstones.get(tombstoneId(t.store, t.key))?.deletedAt ?? -Infinity));
    for (const tombstone of newerInFile) {
      tombstones.set(tombstoneId(tombstone.store, tombstone.key), tombstone);
      writes.add(deletionStore.put(tombstone));
    }
    const horizons = [...here.horizons];
    for (const horizon of backup.horizons) for (const write of addRetentionHorizon(deletionStore, horizons, horizon)) writes.add(write);
    const deletedAt = (store: TombstonedStore, key: string): number => tombstones.get(tombstoneId(store, key))?.deletedAt ?? -Infinity;

    // idb cannot relate a generic store name to its value type; rows are checked by `rules.schema` instead.
    type AnyStore = { get(key: IDBValidKey): Promise<unknown>; put(row: unknown): Promise<unknown>; delete(key: IDBValidKey): Promise<unknown> };
    const storeOf = (store: ListStore) => tx.objectStore(store) as unknown as AnyStore;

    // The file's newer tombstones: a row here no newer than one was deleted where the file was made.
    const removeDeletedInFile = async <S extends ListStore>(store: S): Promise<void> => {
      const rules: StoreRules<ListRows[S]> = STORE_RULES[store];
      if (!rules.tombstoned) return;
      const { store: named, stamp } = rules.tombstoned;
      const objectStore = storeOf(store);
      const fileTombstones = newerInFile.filter((t) => t.store === named);
      const storedRows = await Promise.all(fileTombstones.map((t) => objectStore.get(rules.storeKey?.(t.key) ?? t.key)));
      fileTombstones.forEach((tombstone, i) => {
        const stored = rules.schema.safeParse(storedRows[i]);
        if (!stored.success || stamp(stored.data) > tombstone.deletedAt) return;
        result.removed += 1;
        writes.add(objectStore.delete(rules.storeKey?.(tombstone.key) ?? tombstone.key));
      });
    };
    for (const store of LIST_STORES) await removeDeletedInFile(store);

    // A message retention deleted here (or would have, had it been here) stays deleted unless the manager tagged it.
    const tagsHere = new Set(await tx.objectStore('tags').getAllKeys());
    const tagSurvives = (key: string): boolean => {
      const tag = backup.rows.tags.get(key);
      return tagsHere.has(key) || (tag !== undefined && tag.taggedAt > deletedAt('tags', key));
    };
    const expiredMessages = new Set<string>();
    const deletedHere = <S extends ListStore>(store: S, key: string, row: ListRows[S], kept: ListRows[S] | undefined): boolean => {
      const { tombstoned } = STORE_RULES[store] as StoreRules<ListRows[S]>;
      if (tombstoned) return tombstoned.stamp(row) <= deletedAt(tombstoned.store, key);
      if (kept !== undefined) return false;
      if (store === 'classifications') return expiredMessages.has(key);
      if (store !== 'messages') return false;
      const message = row as StoredMessage;
      const expired = horizons.some((h) => message.sentAt < h.sentBefore && message.lastSeen <= h.deletedAt) && !tagSurvives(key);
      if (expired) expiredMessages.add(key);
      return expired;
    };

    const mergeStore = async <S extends ListStore>(store: S): Promise<Array<Merged<ListRows[S]>>> => {
      const rules: StoreRules<ListRows[S]> = STORE_RULES[store];
      const objectStore = storeOf(store);
      const incoming = [...backup.rows[store].entries()];
      const storedRows = await Promise.all(incoming.map(([key]) => objectStore.get(rules.storeKey?.(key) ?? key)));
      return incoming.flatMap(([key, row], i) => {
        const stored = rules.schema.safeParse(storedRows[i]);
        const kept = stored.success ? stored.data : undefined;
        if (deletedHere(store, key, row, kept)) {
          result.keptDeleted += 1;
          return [];
        }
        const written = kept === undefined ? row : rules.combine(kept, row);
        if (written === null) result.skipped += 1;
        else {
          if (kept === undefined) result.added += 1;
          else result.updated += 1;
          writes.add(objectStore.put(written));
        }
        return [{ key, kept, written }];
      });
    };
    const messages = await mergeStore('messages');
    for (const store of LIST_STORES.slice(1)) await mergeStore(store);

    // Messages that are new without a classification, or whose text changed, wait for the model like captured ones.
    const classifications = tx.objectStore('classifications');
    const hasClassification = await Promise.all(
      messages.map(async ({ key }) => backup.rows.classifications.has(key) || (await classifications.getKey(key)) !== undefined),
    );
    messages.forEach(({ kept, written }, i) => {
      const textChanged = kept !== undefined && written !== null && written.text !== kept.text;
      const queued = textChanged || (kept === undefined && !hasClassification[i]);
      // Requests run in order: this second put of the row is the one that stays.
      if (queued && written !== null) writes.add(tx.objectStore('messages').put({ ...written, queue: freshQueueState(now) }));
    });

    // One record each. Settings: the ones here stand, the file's signed-in users filling in other workspaces.
    const settingsStore = tx.objectStore('settings');
    if (backup.settings !== null) {
      const stored = settingsSchema.safeParse(await settingsStore.get(SETTINGS_KEY));
      const written = stored.success ? mergedSettings(stored.data, backup.settings) : backup.settings;
      if (written === null) result.skipped += 1;
      else {
        if (stored.success) result.updated += 1;
        else result.added += 1;
        writes.add(settingsStore.put(written, SETTINGS_KEY));
      }
    }
    // The custom rubric: a readable one here stands; the file's fills a gap unless the manager cleared theirs after the file was made.
    const rubricStore = tx.objectStore('rubric');
    if (backup.rubric !== null) {
      if (backup.exportedAt <= deletedAt('rubric', CUSTOM_RUBRIC_KEY)) result.keptDeleted += 1;
      else if (rubricSchema.safeParse(await rubricStore.get(CUSTOM_RUBRIC_KEY)).success) result.skipped += 1;
      else {
        result.added += 1;
        writes.add(rubricStore.put(backup.rubric, CUSTOM_RUBRIC_KEY));
      }
    }
    await writes.settled();
  });
  // A backup from before a shorter retention period must not bring back what that period deletes.
  result.expired = (await applyRetention(db, (await getSettings(db)).retentionDays, now)).deleted;
  return result;
}
