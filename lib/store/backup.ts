import { z } from 'zod';
import { rubricSchema, type Rubric } from '../rubric/schema';
import { requestGroup, writeTransaction, SCHEMA_VERSION, type AspenDb } from './db';
import { freshQueueState, mergeMessages, sameMessageContent, withoutQueue } from './messages';
import {
  classificationFromV2,
  CUSTOM_RUBRIC_KEY,
  messageFromV1Schema,
  personFromV2Schema,
  settingsFromV2Schema,
  SETTINGS_KEY,
  v2ClassificationSchema,
} from './migrations';
import {
  classificationSchema,
  evidenceDecisionSchema,
  managerTagSchema,
  messageKey,
  noteSchema,
  pageEvidenceSchema,
  personSchema,
  settingsSchema,
  storedMessageSchema,
  trainingExampleSchema,
  type Classification,
  type EvidenceDecision,
  type ManagerTag,
  type Note,
  type PageEvidence,
  type Person,
  type Settings,
  type StoredMessage,
  type TrainingExample,
} from './schema';
import { applyRetention } from './retention';
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
  /** Imported messages already older than the retention period, deleted right after the import. */
  expired: number;
  errors: ImportError[];
}

/** Reads every store in one transaction, so the backup is a consistent snapshot. */
export async function exportDatabase(db: AspenDb, now = Date.now()): Promise<AspenBackup> {
  const tx = db.transaction(['messages', 'classifications', 'tags', 'people', 'notes', 'pageEvidence', 'evidenceDecisions', 'settings', 'rubric', 'examples']);
  const [messages, classifications, tags, people, notes, pageEvidence, evidenceDecisions, settings, rubric, examples] = await Promise.all([
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

/** How an incoming row meets the one already kept under its key: the row to write, or null to keep the kept one. */
type Combine<T> = (kept: T, incoming: T) => T | null;
interface StoreRules<T> {
  schema: z.ZodType<T>;
  /** Identifies the row among the file's rows. */
  key(row: T): string;
  /** The row's IndexedDB key, where it is not `key` (a compound key path). */
  storeKey?(row: T): IDBValidKey;
  combine: Combine<T>;
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
  tags: { schema: managerTagSchema, key: byKey, combine: newerBy((row) => row.taggedAt) },
  people: {
    schema: personSchema,
    key: byId,
    // The manager's saved details here stand; only a later 1:1 date is taken.
    combine: (kept, incoming) =>
      (incoming.lastOneOnOne ?? -Infinity) > (kept.lastOneOnOne ?? -Infinity) ? { ...kept, lastOneOnOne: incoming.lastOneOnOne } : null,
  },
  notes: { schema: noteSchema, key: byId, combine: newerBy((row) => row.updatedAt) },
  // Captured pages do not change: the first copy stands.
  pageEvidence: { schema: pageEvidenceSchema, key: byId, combine: () => null },
  // The latest label of a text wins, here as when the manager gives it.
  examples: { schema: trainingExampleSchema, key: byKey, combine: newerBy((row) => row.addedAt) },
  evidenceDecisions: {
    schema: evidenceDecisionSchema,
    key: (row) => JSON.stringify([row.personId, row.itemKey]),
    storeKey: (row) => [row.personId, row.itemKey],
    combine: newerBy((row) => row.decidedAt),
  },
};

/** How rows of a file of `version` are read: older shapes are upgraded as the database migrations do. */
function fileSchemas(version: number, fileMessages: ReadonlyMap<string, StoredMessage>): { [S in ListStore]: z.ZodType<ListRows[S]> } {
  const parentAuthorOf = (message: StoredMessage | undefined): string | null => {
    if (!message || message.threadTs === null || message.threadTs === message.ts) return null;
    return fileMessages.get(messageKey({ ...message, ts: message.threadTs }))?.authorId ?? null;
  };
  return {
    messages: (version < 2 ? messageFromV1Schema : storedMessageSchema).transform(withoutQueue),
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

function parseBackup(json: unknown, errors: ImportError[]): { rows: ParsedRows; settings: Settings | null; rubric: Rubric | null } | null {
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) {
    errors.push({ store: '(file)', index: -1, message: `Not an Aspen backup this version can read: ${describeZodError(envelope.error)}` });
    return null;
  }
  const { version, stores } = envelope.data;
  const lists: Partial<Record<ListStore, unknown[]>> = {};
  for (const [name, value] of Object.entries(stores)) {
    const store = LIST_STORES.find((known) => known === name);
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
  const settings = readSingle('settings', stores.settings, version < 3 ? settingsFromV2Schema : settingsSchema, errors);
  const rubric = readSingle('rubric', stores.rubric, rubricSchema, errors);
  return {
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
  };
}

/** Where the store stands on one incoming row. */
interface Merged<T> {
  key: string;
  kept: T | undefined;
  written: T | null;
}

/**
 * Merges a backup into the database in one transaction. Every row is checked first; bad rows are reported
 * and left out, the rest merge without loss or duplicates (messages as capture merges them; tags, notes and
 * classifications and evidence decisions by newest; saved people, settings, custom rubric and page evidence already here stand). A
 * file that is not a readable backup changes nothing. Throws StorageFullError when the browser is out of space.
 */
export async function importDatabase(db: AspenDb, json: unknown, now = Date.now()): Promise<ImportResult> {
  const result: ImportResult = { added: 0, updated: 0, skipped: 0, expired: 0, errors: [] };
  const backup = parseBackup(json, result.errors);
  if (!backup) return result;

  await writeTransaction(db, [...LIST_STORES, 'settings', 'rubric'], async (tx) => {
    const writes = requestGroup();
    const mergeStore = async <S extends ListStore>(store: S): Promise<Array<Merged<ListRows[S]>>> => {
      const rules: StoreRules<ListRows[S]> = STORE_RULES[store];
      // idb cannot relate a generic store name to its value type; rows are checked by `rules.schema` instead.
      const objectStore = tx.objectStore(store) as unknown as { get(key: IDBValidKey): Promise<unknown>; put(row: unknown): Promise<unknown> };
      const incoming = [...backup.rows[store].entries()];
      const storedRows = await Promise.all(incoming.map(([key, row]) => objectStore.get(rules.storeKey?.(row) ?? key)));
      return incoming.map(([key, row], i) => {
        const stored = rules.schema.safeParse(storedRows[i]);
        const kept = stored.success ? stored.data : undefined;
        const written = kept === undefined ? row : rules.combine(kept, row);
        if (written === null) result.skipped += 1;
        else {
          if (kept === undefined) result.added += 1;
          else result.updated += 1;
          writes.add(objectStore.put(written));
        }
        return { key, kept, written };
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

    // One record each: a readable one already here stands; the file's fills a gap or replaces an unreadable one.
    const singles = [
      { store: 'settings', key: SETTINGS_KEY, schema: settingsSchema, incoming: backup.settings },
      { store: 'rubric', key: CUSTOM_RUBRIC_KEY, schema: rubricSchema, incoming: backup.rubric },
    ] as const;
    for (const { store, key, schema, incoming } of singles) {
      if (incoming === null) continue;
      // As in mergeStore: idb cannot type a store chosen at run time; `schema` checks the rows instead.
      const objectStore = tx.objectStore(store) as unknown as { get(key: string): Promise<unknown>; put(row: unknown, key: string): Promise<unknown> };
      if (schema.safeParse(await objectStore.get(key)).success) result.skipped += 1;
      else {
        result.added += 1;
        writes.add(objectStore.put(incoming, key));
      }
    }
    await writes.settled();
  });
  // A backup from before a shorter retention period must not bring back what that period deletes.
  result.expired = (await applyRetention(db, (await getSettings(db)).retentionDays, now)).deleted;
  return result;
}
