import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addNote,
  addPageEvidence,
  BACKUP_VERSION,
  completeQueueItems,
  decideEvidence,
  decisionsFor,
  exportDatabase,
  importDatabase,
  recordLabelledTag,
  getCustomRubric,
  ingestCapturedBatch,
  queueLength,
  saveCustomRubric,
  savePerson,
  setManagerTag,
  takeQueueBatch,
  updateNote,
  updateSettings,
  wipeAll,
  type AspenDb,
  type StoredMessage,
} from '../../lib/store';
import { captured, classified, customRubric, freshDb, snapshot } from './helpers';

/** Within the default retention period of the messages below (ts 1,700,000,000…): an import applies retention. */
const NOW = 1_710_000_000_000;

/** A database holding every kind of record, with one message still waiting for the model. */
async function populated(): Promise<AspenDb> {
  const db = await freshDb();
  const messages = [
    captured({ authorId: 'U1', mentions: [{ id: 'U2', label: 'Bo' }] }),
    captured({ authorId: 'U2', text: 'thanks!' }),
    captured({ authorId: 'U3', channelId: 'D1' }),
  ];
  await ingestCapturedBatch(db, messages, NOW);
  await ingestCapturedBatch(db, [{ ...messages[1]!, text: 'thanks a lot!' }], NOW + 1);
  const taken = await takeQueueBatch(db, 2, NOW);
  await completeQueueItems(db, taken.map((q) => classified(q.message)));
  await ingestCapturedBatch(db, [captured({ authorId: 'U4' })], NOW + 2);
  await setManagerTag(db, `T1/C1/${messages[0]!.ts}`, { label: 'coaching', subjects: ['U2'], dismissed: false }, NOW);
  await savePerson(db, { id: 'U2', teamId: 'T1', name: 'Bo', isReport: true, track: 'ic', level: 3, lastOneOnOne: NOW - 1000 });
  await addNote(db, { personId: 'U2', kind: 'one-on-one', body: 'talked about the launch' }, NOW);
  await addPageEvidence(db, { personId: 'U2', url: 'https://docs.example/x', title: 'Design', excerpt: 'e', text: 't', label: 'recognition' }, NOW);
  await updateSettings(db, { selfIds: { T1: 'U1' }, currentTeamId: 'T1', retentionDays: 180 });
  await saveCustomRubric(db, customRubric());
  await recordLabelledTag(db, `T1/C1/${messages[1]!.ts}`, { label: 'recognition', subjects: ['U1'], dismissed: false }, 'correction', NOW);
  await decideEvidence(db, 'U2', `T1/C1/${messages[0]!.ts}`, { competencyId: 'mentoring', pinned: true }, NOW);
  await decideEvidence(db, 'U2', `T1/C1/${messages[1]!.ts}`, { excluded: true }, NOW);
  return db;
}

type Snapshot = Awaited<ReturnType<typeof snapshot>>;

/** The stores a backup carries: capture health and each message's place in the queue are rebuilt by use. */
function withoutTransient(all: Snapshot) {
  const { health: _health, messages, ...kept } = all;
  const unqueued = messages!.map(([key, row]): [IDBValidKey, unknown] => {
    const { queue: _queue, ...rest } = row as StoredMessage;
    return [key, rest];
  });
  return { ...kept, messages: unqueued };
}

const queuedKeys = (all: Snapshot) =>
  all.messages!.filter(([, row]) => (row as StoredMessage).queue !== undefined).map(([key]) => key).sort();

describe('backup', () => {
  it('round-trips every record: export, wipe, import gives back the same stores', async () => {
    const db = await populated();
    const before = await snapshot(db);
    const backup = JSON.parse(JSON.stringify(await exportDatabase(db, NOW))) as unknown;
    expect(backup).toMatchObject({ format: 'aspen-backup', version: BACKUP_VERSION, exportedAt: NOW, stores: { rubric: customRubric() } });

    await wipeAll(db);
    const result = await importDatabase(db, backup, NOW + 5);
    expect(result.errors).toEqual([]);
    const rows = Object.values(withoutTransient(before)).reduce((sum, store) => sum + store.length, 0);
    expect(result).toMatchObject({ added: rows, updated: 0, skipped: 0 });
    expect(withoutTransient(await snapshot(db))).toEqual(withoutTransient(before));
    expect(await getCustomRubric(db)).toEqual(customRubric());
    // The unclassified messages are waiting for the model again.
    expect(queuedKeys(before).length).toBeGreaterThan(0);
    expect(queuedKeys(await snapshot(db))).toEqual(queuedKeys(before));
    expect(backup).not.toHaveProperty('stores.messages.0.queue');
  });

  it('carries the manager\'s evidence decisions, the newer one winning on import', async () => {
    const db = await populated();
    const backup = JSON.parse(JSON.stringify(await exportDatabase(db, NOW))) as { stores: { evidenceDecisions: unknown[] } };
    expect(backup.stores.evidenceDecisions).toHaveLength(2);
    const [moved] = await decisionsFor(db, 'U2');
    await decideEvidence(db, 'U2', moved!.itemKey, { competencyId: 'technical-craft' }, NOW + 10);
    expect(await importDatabase(db, backup, NOW + 20)).toMatchObject({ errors: [] });
    expect((await decisionsFor(db, 'U2')).find((d) => d.itemKey === moved!.itemKey)).toMatchObject({ competencyId: 'technical-craft', pinned: true });
    await wipeAll(db);
    await importDatabase(db, backup, NOW + 20);
    expect(await decisionsFor(db, 'U2')).toHaveLength(2);
  });

  it('reports an unreadable evidence decision by position and imports the rest', async () => {
    const db = await populated();
    const backup = JSON.parse(JSON.stringify(await exportDatabase(db, NOW))) as { stores: { evidenceDecisions: unknown[] } };
    backup.stores.evidenceDecisions.push({ personId: 'U2', itemKey: '', excluded: 'yes' });
    await wipeAll(db);
    const result = await importDatabase(db, backup, NOW);
    expect(result.errors).toEqual([expect.objectContaining({ store: 'evidenceDecisions', index: 2 })]);
    expect(await decisionsFor(db, 'U2')).toHaveLength(2);
  });

  it('importing into the same database adds nothing and duplicates nothing', async () => {
    const db = await populated();
    const before = await snapshot(db);
    const result = await importDatabase(db, await exportDatabase(db, NOW), NOW);
    expect(result).toMatchObject({ added: 0, updated: 0, errors: [] });
    expect(await snapshot(db)).toEqual(before);
  });

  it('keeps newer manager tags and notes already here, and takes newer ones from the file', async () => {
    const db = await populated();
    const backup = await exportDatabase(db, NOW);
    const key = backup.stores.tags[0]!.key;
    const note = backup.stores.notes[0]!;
    await setManagerTag(db, key, { label: 'constructive', subjects: ['U3'], dismissed: false }, NOW + 10);
    await importDatabase(db, backup, NOW + 20);
    expect(await db.get('tags', key)).toMatchObject({ label: 'constructive', taggedAt: NOW + 10 });

    const newer = { ...backup, stores: { ...backup.stores, notes: [{ ...note, body: 'from the file', updatedAt: NOW + 30 }] } };
    await updateNote(db, note.id, { body: 'edited here' }, NOW + 25);
    expect(await importDatabase(db, newer, NOW + 40)).toMatchObject({ updated: 1 });
    expect(await db.get('notes', note.id)).toMatchObject({ body: 'from the file' });
  });

  it('keeps the custom rubric already here; restores the file\'s where there is none or only an unreadable one', async () => {
    const db = await populated();
    const backup = await exportDatabase(db, NOW);
    const mine = { ...customRubric(), name: 'Edited here' };
    await saveCustomRubric(db, mine);
    expect(await importDatabase(db, backup, NOW)).toMatchObject({ added: 0, errors: [] });
    expect(await getCustomRubric(db)).toEqual(mine);

    await db.put('rubric', { version: 1, id: 'from an older Aspen' } as unknown as typeof mine, 'custom');
    expect(await importDatabase(db, backup, NOW)).toMatchObject({ added: 1, errors: [] });
    expect(await getCustomRubric(db)).toEqual(customRubric());
  });

  it('reports an invalid rubric in the file and imports the rest', async () => {
    const db = await freshDb();
    const backup = await exportDatabase(await populated(), NOW);
    const broken = customRubric();
    broken.tracks.manager.levels[0].competencies[0].behaviours = [];
    const result = await importDatabase(db, { ...backup, stores: { ...backup.stores, rubric: broken } }, NOW);
    expect(result.errors).toEqual([{ store: 'rubric', index: 0, message: expect.stringMatching(/^tracks\.manager\.levels\.0\.competencies\.0\.behaviours: /) }]);
    expect(await getCustomRubric(db)).toBeNull();
    expect(await db.count('messages')).toBe(backup.stores.messages.length);
  });

  it('reads a v4 backup, written before custom rubrics, and leaves the default rubric in use', async () => {
    const db = await freshDb();
    const { rubric: _rubric, deletions: _deletions, ...stores } = (await exportDatabase(await populated(), NOW)).stores;
    const v4Stores = { ...stores, settings: { selfId: 'U1', retentionDays: 180, capturePaused: false, pauseReason: null } };
    const result = await importDatabase(db, { format: 'aspen-backup', version: 4, exportedAt: NOW, stores: v4Stores }, NOW);
    expect(result.errors).toEqual([]);
    expect(await db.count('notes')).toBe(1);
    expect(await getCustomRubric(db)).toBeNull();
  });

  it('merges messages like capture: an edit in the file keeps the old text and is queued', async () => {
    const db = await populated();
    const backup = await exportDatabase(db, NOW);
    const message = backup.stores.messages.find((m) => m.authorId === 'U1')!;
    const { queue: _queue, ...labelled } = (await db.get('messages', message.key))!;
    await db.put('messages', labelled);
    const edited = { ...message, text: 'edited elsewhere', lastSeen: NOW + 100 };
    await importDatabase(db, { ...backup, stores: { messages: [edited] } }, NOW + 200);
    expect(await db.get('messages', message.key)).toMatchObject({ text: 'edited elsewhere', previousTexts: [message.text], edited: true });
    expect((await db.get('messages', message.key))!.queue).toEqual({ enqueuedAt: NOW + 200, attempts: 0 });
  });

  it('reports every bad row by store and position, and imports the good ones', async () => {
    const db = await freshDb();
    const good = (await exportDatabase(await populated(), NOW)).stores;
    const file = {
      format: 'aspen-backup',
      version: BACKUP_VERSION,
      exportedAt: NOW,
      stores: {
        messages: [good.messages[0], { ...good.messages[1], ts: 'noon' }],
        tags: [{ key: 'x', label: 'praise', subjects: [], dismissed: false, taggedAt: 1 }],
        people: good.people,
        mystery: [],
      },
    };
    const result = await importDatabase(db, file, NOW);
    expect(result.errors).toEqual([
      { store: 'mystery', index: -1, message: 'not an Aspen store; ignored' },
      { store: 'messages', index: 1, message: expect.stringMatching(/^ts: /) },
      { store: 'tags', index: 0, message: expect.stringMatching(/^label: /) },
    ]);
    expect(result).toMatchObject({ added: 2 });
    expect(await db.count('messages')).toBe(1);
  });

  it('rejects a file that is not a backup as a whole and changes nothing', async () => {
    const db = await populated();
    const before = await snapshot(db);
    const backup = await exportDatabase(db, NOW);
    const files: unknown[] = [
      null,
      'aspen',
      { ...backup, format: 'something-else' },
      { ...backup, version: BACKUP_VERSION + 1 },
      { ...backup, stores: { ...backup.stores, messages: { not: 'a list' } } },
    ];
    for (const file of files) {
      const result = await importDatabase(db, file, NOW);
      expect(result).toMatchObject({ added: 0, updated: 0, skipped: 0 });
      expect(result.errors).toEqual([{ store: '(file)', index: -1, message: expect.any(String) }]);
    }
    expect(await snapshot(db)).toEqual(before);
  });

  it('reads a v2 backup: upgrades classifications, people and settings', async () => {
    const db = await freshDb();
    const source = await exportDatabase(await populated(), NOW);
    const reply = { ...source.stores.messages[1]!, threadTs: source.stores.messages[0]!.ts, mentions: [], mentionIds: [] };
    const v2 = {
      format: 'aspen-backup',
      version: 2,
      exportedAt: NOW,
      stores: {
        messages: [source.stores.messages[0], reply],
        classifications: [{ key: reply.key, label: 'recognition', scores: source.stores.classifications[0]!.scores, modelId: 'm', classifiedAt: 1 }],
        people: [{ id: 'U2', teamId: 'T1', name: 'Bo', isReport: true, track: 'ic', level: 3 }],
        settings: { selfId: 'U1', retentionDays: 180 },
        queue: [],
      },
    };
    const result = await importDatabase(db, v2, NOW);
    expect(result.errors).toEqual([]);
    expect(await db.get('classifications', reply.key)).toMatchObject({ subjects: [source.stores.messages[0]!.authorId] });
    expect(await db.get('people', 'U2')).toMatchObject({ lastOneOnOne: null });
    // Before v12 one signed-in user stood for every workspace: it goes to the workspace the file's messages show them in.
    expect(await db.get('settings', 'settings')).toEqual({ selfIds: { T1: 'U1' }, currentTeamId: 'T1', retentionDays: 180, capturePaused: false, pauseReason: null });
  });

  it('reads a v1 backup of v1-shaped messages', async () => {
    const db = await freshDb();
    const v1 = {
      format: 'aspen-backup',
      version: 1,
      exportedAt: NOW,
      stores: {
        messages: [
          { key: 'C1/1700000001.000001', teamId: 'T1', channelId: 'C1', channelName: 'g', ts: '1700000001.000001', permalink: '',
            authorId: 'U1', authorName: 'Ada', text: 'hi <@U2>', mentions: ['U2'], threadTs: null, replyCount: 0, reactions: [],
            edited: false, capturedAt: 5 },
        ],
      },
    };
    expect(await importDatabase(db, v1, NOW)).toMatchObject({ added: 1, errors: [] });
    expect(await db.get('messages', 'T1/C1/1700000001.000001')).toMatchObject({ mentionIds: ['U2'], firstSeen: 5 });
    expect(await queueLength(db)).toBe(1);
  });

  it('rejects a message whose key or sentAt does not match its team, channel and ts, and imports the rest', async () => {
    const db = await freshDb();
    const good = (await exportDatabase(await populated(), NOW)).stores.messages;
    const [first, second, third] = good;
    const moved = { ...second!, key: `T1/C9/${second!.ts}` };
    const redated = { ...third!, sentAt: third!.sentAt - 400 * 24 * 3600 * 1000 };
    const result = await importDatabase(db, { format: 'aspen-backup', version: BACKUP_VERSION, exportedAt: NOW, stores: { messages: [first, moved, redated] } }, NOW);
    expect(result.errors).toEqual([
      { store: 'messages', index: 1, message: `key: "${moved.key}" does not match the message's team, channel and ts (${second!.key})` },
      { store: 'messages', index: 2, message: `sentAt: ${redated.sentAt} does not match the message's ts (${third!.ts})` },
    ]);
    expect(await db.getAllKeys('messages')).toEqual([first!.key]);
  });

  it('keeps only Slack message permalinks from a file, as capture does', async () => {
    const db = await freshDb();
    const [first, second, third] = (await exportDatabase(await populated(), NOW)).stores.messages;
    const messages = [
      { ...first!, permalink: 'javascript:alert(1)' },
      { ...second!, permalink: 'https://acme.slack.com.evil.example/archives/C1/p1' },
      { ...third!, permalink: 'https://acme.slack.com/archives/C1/p1700000001000100' },
    ];
    const result = await importDatabase(db, { format: 'aspen-backup', version: BACKUP_VERSION, exportedAt: NOW, stores: { messages } }, NOW);
    expect(result).toMatchObject({ added: 3, errors: [] });
    expect((await db.getAll('messages')).map((m) => m.permalink).sort()).toEqual(['', '', 'https://acme.slack.com/archives/C1/p1700000001000100']);
  });

  it('never changes the store when fed random JSON', async () => {
    const db = await populated();
    const before = await snapshot(db);
    const envelope = (stores: unknown) => ({ format: 'aspen-backup', version: BACKUP_VERSION, exportedAt: NOW, stores });
    const storeName = fc.constantFrom('messages', 'classifications', 'tags', 'people', 'notes', 'pageEvidence', 'settings', 'rubric', 'deletions');
    const input = fc.oneof(
      fc.jsonValue(),
      fc.dictionary(storeName, fc.jsonValue()).map(envelope),
      fc.dictionary(storeName, fc.array(fc.jsonValue(), { maxLength: 5 })).map(envelope),
    );
    await fc.assert(
      fc.asyncProperty(input, async (json) => {
        const result = await importDatabase(db, json, NOW);
        if (result.added + result.updated + result.removed > 0) return; // a random row that happens to be valid is a real import
        expect(await snapshot(db)).toEqual(before);
      }),
      { numRuns: 300 },
    );
  });
});
