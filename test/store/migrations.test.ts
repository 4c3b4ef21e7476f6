import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { decideEvidence, decisionsFor, getCustomRubric, openAspenDb, saveCustomRubric, SCHEMA_VERSION, STORE_NAMES } from '../../lib/store';
import { runMigrations } from '../../lib/store/migrations';
import { customRubric } from './helpers';

const uniqueName = () => `aspen-${crypto.randomUUID()}`;
const allScores = { recognition: 0.8, constructive: 0.05, coaching: 0.05, request: 0.05, other: 0.05 };

/** What the first release wrote: messages keyed by channel and ts, mentions as bare ids, one capture time. */
const v1Message = (ts: string, overrides: Record<string, unknown> = {}) => ({
  key: `C1/${ts}`,
  teamId: 'T1',
  channelId: 'C1',
  channelName: 'general',
  ts,
  permalink: `https://x.slack.com/archives/C1/p${ts.replace('.', '')}`,
  authorId: 'U1',
  authorName: 'Ada',
  text: `hello ${ts}`,
  mentions: ['U2', 'U2', 'U3'],
  threadTs: null,
  replyCount: 0,
  reactions: [{ emoji: 'tada', count: 2 }],
  edited: false,
  capturedAt: 1_700_000_500_000,
  ...overrides,
});

/** Every store's rows, read without any migration running. */
async function readRawStores(name: string): Promise<Record<string, unknown[]>> {
  const db = await openDB(name);
  const stores: Record<string, unknown[]> = {};
  for (const store of [...db.objectStoreNames]) stores[store] = await db.getAll(store);
  db.close();
  return stores;
}

describe('migrations', () => {
  it('creates the current layout on a fresh install', async () => {
    const db = await openAspenDb(uniqueName());
    expect(db.version).toBe(SCHEMA_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual([...STORE_NAMES].sort());
    expect([...db.objectStoreNames]).not.toContain('queue');
    const tx = db.transaction(['messages', 'classifications', 'tags']);
    expect([...tx.objectStore('messages').indexNames].sort()).toEqual(['authorSentAt', 'firstSeen', 'mentionIds', 'queued', 'sentAt']);
    expect([...tx.objectStore('classifications').indexNames].sort()).toEqual(['authorId', 'label', 'modelId', 'subjects']);
    expect([...tx.objectStore('tags').indexNames]).toEqual(['subjects']);
    db.close();
  });

  it('upgrades a v1 database: rekeys and reshapes every message and queue item, dropping none', async () => {
    const name = uniqueName();
    const legacy = await openDB(name, 1, {
      upgrade(db) {
        db.createObjectStore('messages', { keyPath: 'key' }).createIndex('authorId', 'authorId');
        db.createObjectStore('queue', { keyPath: 'key' });
      },
    });
    const parent = v1Message('1700000001.000100');
    const reply = v1Message('1700000002.000200', { threadTs: parent.ts, authorId: 'U2', authorName: 'Bo', mentions: [] });
    const unreadable = { key: 'C9/broken', text: 'no team id' };
    for (const row of [parent, reply, unreadable]) await legacy.put('messages', row);
    await legacy.put('queue', { key: reply.key, enqueuedAt: 1_700_000_600_000 });
    legacy.close();

    const db = await openAspenDb(name);
    expect(db.version).toBe(SCHEMA_VERSION);
    expect(await db.count('messages')).toBe(3);
    expect(await db.get('messages', 'T1/C1/1700000001.000100')).toEqual({
      key: 'T1/C1/1700000001.000100',
      teamId: 'T1',
      channelId: 'C1',
      channelName: 'general',
      ts: parent.ts,
      permalink: parent.permalink,
      authorId: 'U1',
      authorName: 'Ada',
      authorInferred: false,
      text: parent.text,
      mentions: [{ id: 'U2', label: '' }, { id: 'U3', label: '' }],
      threadTs: null,
      replyCount: 0,
      reactions: [{ emoji: 'tada', count: 2 }],
      edited: false,
      inThread: false,
      sentAt: 1_700_000_001_000,
      mentionIds: ['U2', 'U3'],
      firstSeen: parent.capturedAt,
      lastSeen: parent.capturedAt,
      previousTexts: [],
    });
    expect(await db.get('messages', 'T1/C1/1700000002.000200')).toMatchObject({ inThread: true, threadTs: parent.ts, authorId: 'U2' });
    expect(await db.get('messages', 'C9/broken')).toEqual(unreadable);
    expect(await db.getAllKeysFromIndex('messages', 'queued')).toEqual(['T1/C1/1700000002.000200']);
    expect((await db.get('messages', 'T1/C1/1700000002.000200'))!.queue).toEqual({ enqueuedAt: 1_700_000_600_000, attempts: 0 });
    // The new indexes see the migrated rows.
    expect(await db.getAllKeysFromIndex('messages', 'mentionIds', 'U3')).toEqual(['T1/C1/1700000001.000100']);
    const byAuthor = IDBKeyRange.bound(['U2', 0], ['U2', Infinity]);
    expect(await db.getAllKeysFromIndex('messages', 'authorSentAt', byAuthor)).toEqual(['T1/C1/1700000002.000200']);
    db.close();
  });

  it('upgrades a v2 database: derives classification subjects and fills new person and settings fields', async () => {
    const name = uniqueName();
    const legacy = await openDB(name, 2, { upgrade: (db, from, _to, tx) => runMigrations(db, tx, from, 2) });
    const message = (ts: string, extra: Record<string, unknown>) => ({
      key: `T1/C1/${ts}`, teamId: 'T1', channelId: 'C1', channelName: 'general', ts, permalink: '', authorId: 'U1',
      authorName: 'Ada', authorInferred: false, text: 'x', mentions: [], threadTs: null, replyCount: 0, reactions: [],
      edited: false, inThread: false, sentAt: 1, mentionIds: [], firstSeen: 1, lastSeen: 1, previousTexts: [], ...extra,
    });
    const parent = message('1700000001.000001', { authorId: 'U5' });
    const mentioning = message('1700000002.000001', { mentions: [{ id: 'U2', label: 'Bo' }, { id: 'U1', label: 'Ada' }], mentionIds: ['U2', 'U1'] });
    const reply = message('1700000003.000001', { threadTs: parent.ts, inThread: true });
    for (const row of [parent, mentioning, reply]) await legacy.put('messages', row);
    const v2Classification = (key: string) => ({ key, label: 'recognition', scores: allScores, modelId: 'm1', classifiedAt: 5 });
    for (const key of [mentioning.key, reply.key, 'T1/C1/gone']) await legacy.put('classifications', v2Classification(key));
    const tag = { key: reply.key, label: 'coaching', subjects: ['U9'], dismissed: false, taggedAt: 7 };
    await legacy.put('tags', tag);
    await legacy.put('people', { id: 'U2', teamId: 'T1', name: 'Bo', isReport: true, track: 'manager', level: 4 });
    await legacy.put('settings', { selfId: 'U1', retentionDays: 90 }, 'settings');
    await legacy.put('queue', { key: parent.key, enqueuedAt: 3, attempts: 1 });
    legacy.close();

    const db = await openAspenDb(name);
    // v7 copies each message's author onto its classification; one whose message is gone has none to copy.
    expect(await db.get('classifications', mentioning.key)).toEqual({ ...v2Classification(mentioning.key), subjects: ['U2'], authorId: 'U1' });
    expect(await db.get('classifications', reply.key)).toEqual({ ...v2Classification(reply.key), subjects: ['U5'], authorId: 'U1' });
    expect(await db.get('classifications', 'T1/C1/gone')).toEqual({ ...v2Classification('T1/C1/gone'), subjects: [] });
    expect(await db.getAll('tags')).toEqual([tag]);
    expect(await db.get('people', 'U2')).toEqual({ id: 'U2', teamId: 'T1', name: 'Bo', isReport: true, track: 'manager', level: 4, lastOneOnOne: null });
    expect(await db.get('settings', 'settings')).toEqual({ selfIds: { T1: 'U1' }, currentTeamId: 'T1', retentionDays: 90, capturePaused: false, pauseReason: null });
    expect(await db.getAllKeysFromIndex('messages', 'queued')).toEqual([parent.key]);
    expect((await db.get('messages', parent.key))!.queue).toEqual({ enqueuedAt: 3, attempts: 1 });
    expect(await db.count('messages')).toBe(3);
    expect(await db.getAllKeysFromIndex('classifications', 'subjects', 'U5')).toEqual([reply.key]);
    expect(await db.getAllKeysFromIndex('tags', 'subjects', 'U9')).toEqual([reply.key]);
    db.close();
  });

  it('upgrades a v4 database: keeps every record and adds the store for a custom rubric', async () => {
    const name = uniqueName();
    const legacy = await openDB(name, 4, { upgrade: (db, from, _to, tx) => runMigrations(db, tx, from, 4) });
    expect([...legacy.objectStoreNames]).not.toContain('rubric');
    const settings = { selfId: 'U1', retentionDays: 90, capturePaused: false, pauseReason: null };
    await legacy.put('settings', settings, 'settings');
    await legacy.put('notes', { id: 'n1', personId: 'U2', kind: 'note', body: 'kept', createdAt: 1, updatedAt: 1 });
    legacy.close();

    const db = await openAspenDb(name);
    expect(db.version).toBe(SCHEMA_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual([...STORE_NAMES].sort());
    // No message places the signed-in user in a workspace: Slack tells Aspen again at the next capture.
    expect(await db.get('settings', 'settings')).toEqual({ selfIds: {}, currentTeamId: null, retentionDays: 90, capturePaused: false, pauseReason: null });
    expect(await db.get('notes', 'n1')).toMatchObject({ body: 'kept' });
    expect(await getCustomRubric(db)).toBeNull();
    await saveCustomRubric(db, customRubric());
    expect(await getCustomRubric(db)).toEqual(customRubric());
    db.close();
  });

  it('upgrades a v8 database: adds the store for evidence decisions, every record kept', async () => {
    const name = uniqueName();
    const legacy = await openDB(name, 8, { upgrade: (db, from, _to, tx) => runMigrations(db, tx, from, 8) });
    await legacy.put('people', { id: 'U2', teamId: 'T1', name: 'Bo', isReport: true, track: 'ic', level: 3, lastOneOnOne: null });
    await legacy.put('tags', { key: 'T1/C1/1', label: 'recognition', subjects: ['U2'], dismissed: false, taggedAt: 1 });
    legacy.close();

    const db = await openAspenDb(name);
    expect(db.version).toBe(SCHEMA_VERSION);
    expect(await db.count('people')).toBe(1);
    expect(await db.count('tags')).toBe(1);
    expect([...db.transaction('evidenceDecisions').store.indexNames]).toEqual(['personId']);
    await decideEvidence(db, 'U2', 'T1/C1/1', { excluded: true }, 5);
    expect(await decisionsFor(db, 'U2')).toEqual([{ personId: 'U2', itemKey: 'T1/C1/1', excluded: true, pinned: false, decidedAt: 5 }]);
    db.close();
  });

  it('upgrades a v11 database: adds the deletions store and gives the signed-in user to the workspaces they appear in', async () => {
    const name = uniqueName();
    const legacy = await openDB(name, 11, { upgrade: (db, from, _to, tx) => runMigrations(db, tx, from, 11) });
    const message = (teamId: string, ts: string, extra: Record<string, unknown> = {}) => ({
      key: `${teamId}/C1/${ts}`, teamId, channelId: 'C1', channelName: 'general', ts, permalink: '', authorId: 'U7',
      authorName: 'Cy', authorInferred: false, text: `m ${ts}`, mentions: [], threadTs: null, replyCount: 0, reactions: [],
      edited: false, inThread: false, sentAt: Number(ts.split('.')[0]) * 1000, mentionIds: [], previousTexts: [], ...extra,
    });
    // The manager wrote in T1 and is mentioned in T2; T0 was seen first but never shows them; T3 is someone else's U1.
    const rows = [
      message('T0', '1700000000.000001', { firstSeen: 1, lastSeen: 1 }),
      message('T1', '1700000001.000001', { authorId: 'U1', authorName: 'Ada', firstSeen: 2, lastSeen: 2 }),
      message('T2', '1700000002.000001', { mentions: [{ id: 'U1', label: 'Ada' }], mentionIds: ['U1'], firstSeen: 3, lastSeen: 3 }),
      { key: 'T9/C1/unreadable', text: 'kept as it is' },
    ];
    for (const row of rows) await legacy.put('messages', row);
    await legacy.put('settings', { selfId: 'U1', retentionDays: 90, capturePaused: true, pauseReason: 'full' }, 'settings');
    await legacy.put('notes', { id: 'n1', personId: 'U2', kind: 'note', body: 'kept', createdAt: 1, updatedAt: 1 });
    await legacy.put('tags', { key: rows[1]!.key, label: 'recognition', subjects: ['U2'], dismissed: false, taggedAt: 1 });
    legacy.close();
    const before = await readRawStores(name);

    const db = await openAspenDb(name);
    expect(db.version).toBe(12);
    expect([...db.transaction('deletions').store.indexNames]).toEqual(['deletedAt']);
    expect(await db.count('deletions')).toBe(0);
    expect(await db.get('settings', 'settings')).toEqual({
      selfIds: { T1: 'U1', T2: 'U1' },
      currentTeamId: 'T2',
      retentionDays: 90,
      capturePaused: true,
      pauseReason: 'full',
    });
    db.close();
    // Every other record is as it was, the unreadable one included.
    const { settings: _before, ...otherBefore } = before;
    const { settings: _after, deletions, ...otherAfter } = await readRawStores(name);
    expect(otherAfter).toEqual(otherBefore);
    expect(deletions).toEqual([]);
  });

  it('upgrades a v11 database where the signed-in user appears in no message: the first workspace seen gets them', async () => {
    const name = uniqueName();
    const legacy = await openDB(name, 11, { upgrade: (db, from, _to, tx) => runMigrations(db, tx, from, 11) });
    for (const [teamId, firstSeen] of [['T5', 9], ['T4', 4]] as const) {
      const ts = `170000000${firstSeen}.000001`;
      await legacy.put('messages', {
        key: `${teamId}/C1/${ts}`, teamId, channelId: 'C1', channelName: 'g', ts, permalink: '', authorId: 'U7', authorName: 'Cy',
        authorInferred: false, text: 'x', mentions: [], threadTs: null, replyCount: 0, reactions: [], edited: false, inThread: false,
        sentAt: 1, mentionIds: [], firstSeen, lastSeen: firstSeen, previousTexts: [],
      });
    }
    await legacy.put('settings', { selfId: 'U1', retentionDays: 365, capturePaused: false, pauseReason: null }, 'settings');
    legacy.close();
    const db = await openAspenDb(name);
    expect(await db.get('settings', 'settings')).toMatchObject({ selfIds: { T4: 'U1' }, currentTeamId: 'T4' });
    db.close();
  });

  it('upgrades a v7 database: each queue item moves onto its message, leases and attempts kept, and the store goes', async () => {
    const name = uniqueName();
    const legacy = await openDB(name, 7, { upgrade: (db, from, _to, tx) => runMigrations(db, tx, from, 7) });
    const message = (ts: string) => ({
      key: `T1/C1/${ts}`, teamId: 'T1', channelId: 'C1', channelName: 'general', ts, permalink: '', authorId: 'U1',
      authorName: 'Ada', authorInferred: false, text: `m ${ts}`, mentions: [], threadTs: null, replyCount: 0, reactions: [],
      edited: false, inThread: false, sentAt: 1, mentionIds: [], firstSeen: 1, lastSeen: 1, previousTexts: [],
    });
    const [waiting, leased, labelled] = ['1700000001.000001', '1700000002.000001', '1700000003.000001'].map(message);
    for (const row of [waiting!, leased!, labelled!]) await legacy.put('messages', row);
    await legacy.put('queue', { key: waiting!.key, enqueuedAt: 20, attempts: 0 });
    await legacy.put('queue', { key: leased!.key, enqueuedAt: 10, attempts: 2, leasedUntil: 99 });
    await legacy.put('queue', { key: 'T1/C1/gone', enqueuedAt: 5, attempts: 0 });
    await legacy.put('queue', { key: labelled!.key, enqueuedAt: 'unreadable' });
    legacy.close();

    const db = await openAspenDb(name);
    expect([...db.objectStoreNames]).not.toContain('queue');
    expect(await db.get('messages', waiting!.key)).toEqual({ ...waiting, queue: { enqueuedAt: 20, attempts: 0 } });
    expect(await db.get('messages', leased!.key)).toEqual({ ...leased, queue: { enqueuedAt: 10, attempts: 2, leasedUntil: 99 } });
    expect(await db.get('messages', labelled!.key)).toEqual(labelled);
    expect(await db.count('messages')).toBe(3);
    // Oldest first, as the classifier takes them.
    expect(await db.getAllKeysFromIndex('messages', 'queued')).toEqual([leased!.key, waiting!.key]);
    db.close();
  });

  it('upgrades a v5 database: drops the unread channel and thread indexes, keeping every message findable', async () => {
    const name = uniqueName();
    const legacy = await openDB(name, 5, { upgrade: (db, from, _to, tx) => runMigrations(db, tx, from, 5) });
    expect([...legacy.transaction('messages').store.indexNames]).toEqual(expect.arrayContaining(['channel', 'threadTs']));
    const stored = {
      key: 'T1/C1/1700000001.000100', teamId: 'T1', channelId: 'C1', channelName: 'general', ts: '1700000001.000100',
      permalink: '', authorId: 'U1', authorName: 'Ada', authorInferred: false, text: 'thanks', mentions: [{ id: 'U2', label: 'Bo' }],
      threadTs: null, replyCount: 0, reactions: [], edited: false, inThread: false, sentAt: 1_700_000_001_000, mentionIds: ['U2'],
      firstSeen: 1, lastSeen: 1, previousTexts: [],
    };
    await legacy.put('messages', stored);
    await legacy.put('queue', { key: stored.key, enqueuedAt: 1, attempts: 0 });
    legacy.close();

    const db = await openAspenDb(name);
    expect(db.version).toBe(SCHEMA_VERSION);
    expect([...db.transaction('messages').store.indexNames].sort()).toEqual(['authorSentAt', 'firstSeen', 'mentionIds', 'queued', 'sentAt']);
    expect(await db.getAll('messages')).toEqual([{ ...stored, queue: { enqueuedAt: 1, attempts: 0 } }]);
    expect(await db.getAllKeysFromIndex('messages', 'mentionIds', 'U2')).toEqual([stored.key]);
    expect(await db.getAllKeysFromIndex('messages', 'authorSentAt', IDBKeyRange.bound(['U1', 0], ['U1', Infinity]))).toEqual([stored.key]);
    db.close();
  });
});
