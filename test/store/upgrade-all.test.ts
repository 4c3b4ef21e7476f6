import { openDB, type IDBPDatabase } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openAspenDb, SCHEMA_VERSION, STORE_NAMES } from '../../lib/store';
import { MIGRATIONS, runMigrations } from '../../lib/store/migrations';
import './helpers';

const uniqueName = () => `aspen-${crypto.randomUUID()}`;
afterEach(() => {
  vi.restoreAllMocks();
});

const upgradeTo = async (name: string, version: number) =>
  (await openDB(name, version, { upgrade: (db, from, _to, tx) => runMigrations(db, tx, from, version) })).close();

/**
 * A database as release `version` left it: rows written by v1 (one it cannot read among them), then the rows
 * v2 added, each brought forward by the real upgrade steps, as a profile that lived through those releases.
 */
async function legacyDatabase(name: string, version: number): Promise<void> {
  const ts = ['1700000001.000100', '1700000002.000200', '1700000003.000300'];
  await upgradeTo(name, 1);
  const v1 = await openDB(name, 1);
  for (const [i, t] of ts.entries()) {
    await v1.put('messages', {
      key: `C1/${t}`, teamId: 'T1', channelId: 'C1', channelName: 'general', ts: t, permalink: '', authorId: `U${i + 1}`,
      authorName: 'Ada', text: `thanks <@U2> ${t}`, mentions: ['U2'], threadTs: i === 2 ? ts[0] : null, replyCount: 0,
      reactions: [], edited: false, capturedAt: 1,
    });
  }
  await v1.put('messages', { key: 'C9/unreadable', text: 'kept as it is' });
  await v1.put('queue', { key: `C1/${ts[2]}`, enqueuedAt: 5 });
  v1.close();
  if (version === 1) return;

  await upgradeTo(name, 2);
  const v2 = await openDB(name, 2);
  const scores = { recognition: 0.6, constructive: 0.1, coaching: 0.1, request: 0.1, other: 0.1 };
  await v2.put('classifications', { key: `T1/C1/${ts[2]}`, label: 'recognition', scores, modelId: 'm1', classifiedAt: 2 });
  await v2.put('tags', { key: `T1/C1/${ts[0]}`, label: 'coaching', subjects: ['U2'], dismissed: false, taggedAt: 3 });
  await v2.put('people', { id: 'U2', teamId: 'T1', name: 'Bo', isReport: true, track: 'ic', level: 3 });
  await v2.put('settings', { selfId: 'U1', retentionDays: 90 }, 'settings');
  v2.close();
  if (version > 2) await upgradeTo(name, version);
}

/** Every store's rows and indexes, read without any migration running. */
async function rawContents(db: IDBPDatabase) {
  const stores: Record<string, { rows: unknown[]; keys: IDBValidKey[]; indexes: string[] }> = {};
  for (const name of [...db.objectStoreNames].sort()) {
    const store = db.transaction(name).objectStore(name);
    stores[name] = { rows: await store.getAll(), keys: await store.getAllKeys(), indexes: [...store.indexNames].sort() };
  }
  return { version: db.version, stores };
}

async function readRaw(name: string) {
  const db = await openDB(name);
  const contents = await rawContents(db);
  db.close();
  return contents;
}

/** Makes step `version` do all its work and then fail, as a bug or an unreadable row in a real profile would. */
function failAfterStep(version: number) {
  const step = MIGRATIONS.find((m) => m.version === version)!;
  const real = step.upgrade.bind(step);
  return vi.spyOn(step, 'upgrade').mockImplementation(async (db, tx) => {
    await real(db, tx);
    throw new Error(`step ${version} failed`);
  });
}

const earlier = Array.from({ length: SCHEMA_VERSION - 1 }, (_, i) => i + 1);
const failingSteps = earlier.flatMap((from) => Array.from({ length: SCHEMA_VERSION - from }, (_, i) => [from, from + i + 1] as const));

describe('upgrading from every earlier version', () => {
  it.each(earlier)('v%i upgrades to the current layout keeping every row', async (from) => {
    const name = uniqueName();
    await legacyDatabase(name, from);
    const before = await readRaw(name);
    const db = await openAspenDb(name);
    expect(db.version).toBe(SCHEMA_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual([...STORE_NAMES].sort());
    for (const [store, { rows }] of Object.entries(before.stores)) {
      // Since v8 the queue lives on the messages: every item here has its message, so each is a queued message.
      if (store === 'queue') expect(await db.countFromIndex('messages', 'queued')).toBe(rows.length);
      else expect(await db.count(store as (typeof STORE_NAMES)[number])).toBe(rows.length);
    }
    db.close();
  });

  it('upgrading one release at a time gives the same database as upgrading at once', async () => {
    const [stepwise, direct] = [uniqueName(), uniqueName()];
    await legacyDatabase(stepwise, 1);
    await legacyDatabase(direct, 1);
    for (let version = 2; version <= SCHEMA_VERSION; version++) await upgradeTo(stepwise, version);
    (await openAspenDb(direct)).close();
    expect(await readRaw(stepwise)).toEqual(await readRaw(direct));
  });

  it.each(failingSteps)('a v%i database whose step to v%i fails stays at its version with its data untouched', async (from, failing) => {
    const name = uniqueName();
    await legacyDatabase(name, from);
    const before = await readRaw(name);
    failAfterStep(failing);
    await expect(openAspenDb(name)).rejects.toThrow(`step ${failing} failed`);
    expect(await readRaw(name)).toEqual(before);

    // Once the step works (the next release), the same profile upgrades.
    vi.restoreAllMocks();
    const db = await openAspenDb(name);
    expect(db.version).toBe(SCHEMA_VERSION);
    db.close();
  });
});
