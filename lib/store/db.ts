import { wrap, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { Rubric } from '../rubric/schema';
import { StorageFullError, isQuotaError } from './errors';
import { runMigrations, SCHEMA_VERSION, type UpgradeTx } from './migrations';
import type {
  CaughtUpRange,
  Classification,
  EvidenceDecision,
  HealthRecord,
  Label,
  LearnedModel,
  Deletion,
  ManagerTag,
  Note,
  PageEvidence,
  Person,
  Settings,
  StoredMessage,
  TrainingExample,
} from './schema';

export { SCHEMA_VERSION };

/** The current layout; older layouts live only in migrations.ts. */
export interface AspenSchema extends DBSchema {
  messages: {
    key: string;
    value: StoredMessage;
    indexes: {
      authorSentAt: [string, number];
      sentAt: number;
      firstSeen: number;
      mentionIds: string;
      /** queue.enqueuedAt: only messages waiting for the model have one. */
      queued: number;
    };
  };
  classifications: {
    key: string;
    value: Classification;
    indexes: { label: Label; subjects: string; modelId: string; authorId: string };
  };
  tags: { key: string; value: ManagerTag; indexes: { subjects: string } };
  people: { key: string; value: Person };
  notes: { key: string; value: Note; indexes: { personId: string } };
  pageEvidence: { key: string; value: PageEvidence; indexes: { personId: string } };
  settings: { key: string; value: Settings };
  rubric: { key: string; value: Rubric };
  health: { key: string; value: HealthRecord; indexes: { updatedAt: number } };
  examples: { key: string; value: TrainingExample; indexes: { messageKey: string; addedAt: number } };
  /** One record, under LEARNED_MODEL_KEY, while the manager's own head is in use. */
  learnedModel: { key: string; value: LearnedModel };
  catchUp: { key: string; value: CaughtUpRange; indexes: { updatedAt: number } };
  evidenceDecisions: { key: [string, string]; value: EvidenceDecision; indexes: { personId: string } };
  /** What the manager deleted (tombstones) and how far back retention deleted: a backup does not bring it back. */
  deletions: { key: [string, string]; value: Deletion; indexes: { deletedAt: number } };
}
export type AspenDb = IDBPDatabase<AspenSchema>;
export type AspenStoreName = StoreNames<AspenSchema>;
export const STORE_NAMES: readonly AspenStoreName[] = [
  'messages',
  'classifications',
  'tags',
  'people',
  'notes',
  'pageEvidence',
  'settings',
  'rubric',
  'health',
  'examples',
  'learnedModel',
  'catchUp',
  'evidenceDecisions',
  'deletions',
];

/**
 * Opens (creating or upgrading) the Aspen database. `factory` lets tests isolate each case in its own
 * IDBFactory; idb's openDB always uses the global one, so the open request is wrapped here instead.
 */
export async function openAspenDb(name = 'aspen', factory: IDBFactory = indexedDB): Promise<AspenDb> {
  const request = factory.open(name, SCHEMA_VERSION);
  let migrationError: unknown;
  request.addEventListener('upgradeneeded', (event) => {
    const tx = request.transaction;
    if (!tx) return;
    // idb's wrap types every transaction as readonly; this one is the versionchange transaction.
    const upgradeTx = wrap(tx) as unknown as UpgradeTx;
    // An aborted upgrade rejects the open request, which reports it; the transaction's own promise need not.
    upgradeTx.done.catch(() => undefined);
    runMigrations(wrap(request.result), upgradeTx, event.oldVersion, SCHEMA_VERSION).catch((error: unknown) => {
      // A failed step must leave the old version in place, not half-migrated data at the new one.
      migrationError = error;
      try {
        tx.abort();
      } catch {
        // Already finished: the request's own error reports it.
      }
    });
  });
  let db: IDBPDatabase;
  try {
    db = (await wrap(request)) as IDBPDatabase;
  } catch (error) {
    throw migrationError ?? error;
  }
  // Let a newer version of the extension (another context) upgrade instead of being blocked forever.
  db.addEventListener('versionchange', () => db.close());
  return db as unknown as AspenDb;
}

/** Where a context gets its database: the open connection, or a new one once that one has gone. */
export interface AspenConnection {
  /** The connection, opened (again) when there is none. */
  get(): Promise<AspenDb>;
  /** Calls `listener` each time the connection goes, so a holder of the old handle can fetch a new one. */
  onLost(listener: () => void): () => void;
}

/**
 * A connection that comes back by itself. The browser force-closes a database (site data cleared, storage
 * trouble) with a `close` event, and another context upgrading it (a newer Aspen) sends `versionchange`, where
 * this one closes to let it through (openAspenDb). Either way the handle is dead, and the next `get()` opens
 * a new one; a failed open is not kept, so the one after tries again.
 */
export function reopeningConnection(open: () => Promise<AspenDb> = () => openAspenDb()): AspenConnection {
  let opening: Promise<AspenDb> | undefined;
  let current: AspenDb | undefined;
  const listeners = new Set<() => void>();
  const lost = (db: AspenDb) => () => {
    // Only the current handle's loss matters: an older one's late event must not drop its successor.
    if (db !== current) return;
    current = undefined;
    opening = undefined;
    for (const listener of listeners) listener();
  };
  return {
    get() {
      opening ??= open().then(
        (db) => {
          current = db;
          db.addEventListener('close', lost(db));
          db.addEventListener('versionchange', lost(db));
          return db;
        },
        (error: unknown) => {
          opening = undefined;
          throw error;
        },
      );
      return opening;
    },
    onLost(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * Runs `body` in one readwrite transaction over `stores`: either every write lands or none does. Any failure
 * aborts the transaction (a synchronous throw would otherwise let the writes before it commit), and the
 * browser's quota refusal comes out as StorageFullError.
 */
export async function writeTransaction<Name extends StoreNames<AspenSchema>, T>(
  db: AspenDb,
  stores: Name[],
  body: (tx: IDBPTransaction<AspenSchema, Name[], 'readwrite'>) => Promise<T>,
): Promise<T> {
  const tx = db.transaction(stores, 'readwrite');
  try {
    const result = await body(tx);
    await tx.done;
    return result;
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // The transaction has already finished (it aborted itself): nothing more to undo.
    }
    await tx.done.catch(() => undefined);
    throw isQuotaError(error) ? new StorageFullError(error) : error;
  }
}

/**
 * Collects the requests of one transaction. Each is marked handled as it is made, so that if a later request
 * throws synchronously the earlier ones (rejected by the abort) are not left as unhandled rejections.
 */
export function requestGroup(): { add(request: Promise<unknown>): void; settled(): Promise<unknown[]> } {
  const pending: Promise<unknown>[] = [];
  return {
    add(request) {
      request.catch(() => undefined);
      pending.push(request);
    },
    settled: () => Promise.all(pending),
  };
}
