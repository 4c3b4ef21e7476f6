import 'fake-indexeddb/auto';
import { forceCloseDatabase, IDBFactory } from 'fake-indexeddb';
import { unwrap } from 'idb';
import { DEFAULT_RUBRIC, type Rubric } from '../../lib/rubric';
import type { CapturedMessage } from '../../lib/slack/types';
import { openAspenDb, STORE_NAMES, type AspenDb, type Classification, type StoredMessage } from '../../lib/store';

/** Closes `db` as the browser does when site data is cleared: the connection fires `close` and is dead. */
// fake-indexeddb types its argument as the IDBDatabase class; it takes a connection.
export const forceClose = (db: AspenDb): void => forceCloseDatabase(unwrap(db) as unknown as typeof IDBDatabase);

/** A database in its own factory, so no test sees another's data. */
export const freshDb = (): Promise<AspenDb> => openAspenDb('aspen', new IDBFactory());

/** The default with a new name and one edited behaviour: what a manager's own rubric looks like. */
export function customRubric(): Rubric {
  const rubric = structuredClone(DEFAULT_RUBRIC);
  rubric.id = 'acme-ladder';
  rubric.name = 'Acme engineering ladder';
  rubric.tracks.ic.levels[0].competencies[0].behaviours[0] = 'wrote a migration script with tests';
  return rubric;
}

let tsCounter = 0;
/** A valid captured message; each call gets a new ts unless one is given. */
export function captured(overrides: Partial<CapturedMessage> = {}): CapturedMessage {
  tsCounter += 1;
  return {
    teamId: 'T1',
    channelId: 'C1',
    channelName: 'general',
    ts: `${1_700_000_000 + tsCounter}.000100`,
    permalink: 'https://example.slack.com/archives/C1/p1',
    authorId: 'U1',
    authorName: 'Ada',
    authorInferred: false,
    text: `message ${tsCounter}`,
    mentions: [],
    threadTs: null,
    replyCount: 0,
    reactions: [],
    edited: false,
    inThread: false,
    ...overrides,
  };
}

/** A model result for `message`: its mentions as subjects unless told otherwise. */
export function classified(
  message: Pick<StoredMessage, 'key' | 'mentionIds'>,
  overrides: Partial<Classification> = {},
): Classification {
  const label = overrides.label ?? 'recognition';
  return {
    key: message.key,
    label,
    scores: { recognition: 0.02, constructive: 0.02, coaching: 0.02, request: 0.02, other: 0.02, [label]: 0.9 },
    subjects: message.mentionIds,
    modelId: 'model-a',
    classifiedAt: 1_750_000_000_000,
    ...overrides,
  };
}

/** Every record of every store, with its key, for before/after comparisons. */
export async function snapshot(db: AspenDb): Promise<Record<string, Array<[IDBValidKey, unknown]>>> {
  const tx = db.transaction([...STORE_NAMES]);
  const result: Record<string, Array<[IDBValidKey, unknown]>> = {};
  for (const name of STORE_NAMES) {
    const store = tx.objectStore(name);
    const [keys, values] = await Promise.all([store.getAllKeys(), store.getAll()]);
    result[name] = keys.map((key, i) => [key, values[i]]);
  }
  await tx.done;
  return result;
}

interface FakeTransactionInternals {
  _execRequestAsync(request: { operation: () => never; source: unknown }): IDBRequest;
}

/**
 * Makes fake-indexeddb refuse every put/add after `limit` successful ones, the way a browser does when the
 * origin's quota runs out: the request fails with QuotaExceededError (`mode: 'request'`), or the call throws
 * it straight away (`mode: 'throw'`). Returns a function that restores the originals.
 */
export function limitWrites(limit: number, mode: 'request' | 'throw' = 'request'): () => void {
  const proto = IDBObjectStore.prototype;
  const originals = { put: proto.put, add: proto.add };
  let writes = 0;
  const refuse = (store: IDBObjectStore): IDBRequest => {
    const error = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    if (mode === 'throw') throw error;
    const tx = store.transaction as unknown as FakeTransactionInternals;
    return tx._execRequestAsync({ operation: () => { throw error; }, source: store });
  };
  for (const method of ['put', 'add'] as const) {
    const original = originals[method];
    proto[method] = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (writes >= limit) return refuse(this);
      writes += 1;
      return original.apply(this, args);
    };
  }
  return () => Object.assign(proto, originals);
}
