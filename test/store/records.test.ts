import { describe, expect, it } from 'vitest';
import {
  addNote,
  addPageEvidence,
  countCapturedSince,
  currentSelfId,
  deleteNote,
  deletePageEvidence,
  DEFAULT_SETTINGS,
  getPerson,
  getSettings,
  ingestCapturedBatch,
  knownPeople,
  listCaptureHealth,
  listPeople,
  namedPeople,
  noteWorkspace,
  notesFor,
  pageEvidenceFor,
  recordCaptureHealth,
  savePerson,
  setWorkspaceUser,
  suggestReports,
  updateNote,
  updateSettings,
  type Person,
} from '../../lib/store';
import { captured, freshDb } from './helpers';

const NOW = 1_750_000_000_000;

describe('people', () => {
  it('knows everyone seen as author or mention, with saved details winning and defaults otherwise', async () => {
    const db = await freshDb();
    await ingestCapturedBatch(db, [
      captured({ authorId: 'U1', authorName: 'Ada', mentions: [{ id: 'U2', label: '@bo' }] }),
      captured({ authorId: 'U2', authorName: 'Bo Brown', ts: '1700000900.000001' }),
      captured({ authorId: 'U3', authorName: 'Guess', authorInferred: true, mentions: [{ id: 'U3', label: 'Cy' }] }),
    ], NOW);
    const saved: Person = { id: 'U1', teamId: 'T1', name: 'Ada L.', isReport: true, track: 'manager', level: 5, lastOneOnOne: 7 };
    await savePerson(db, saved);
    await savePerson(db, { id: 'U8', teamId: 'T1', name: 'Never Seen', isReport: true, track: 'ic', level: 1, lastOneOnOne: null });

    const people = await knownPeople(db);
    expect(people.map((p) => [p.id, p.name, p.saved, p.messagesSent, p.mentionedIn])).toEqual([
      ['U1', 'Ada L.', true, 1, 0],
      ['U2', 'Bo Brown', false, 1, 1],
      ['U3', 'Guess', false, 1, 1],
      ['U8', 'Never Seen', true, 0, 0],
    ]);
    expect(people[1]).toMatchObject({ isReport: false, track: 'ic', level: 2, lastOneOnOne: null, lastSeenAt: 1_700_000_900_000 });
    expect(people[0]).toMatchObject(saved);
    expect(await getPerson(db, 'U1')).toEqual(saved);
    expect(await listPeople(db)).toHaveLength(2);
    await expect(savePerson(db, { ...saved, level: 0 })).rejects.toThrow();
  });

  it('names people from the newest sender header, else a guessed author name, else a mention label', async () => {
    const db = await freshDb();
    await ingestCapturedBatch(db, [
      captured({ authorId: 'U1', authorName: 'Ada Old', ts: '1700000001.000100' }),
      captured({ authorId: 'U1', authorName: 'Ada New', ts: '1700000002.000100' }),
      captured({ authorId: 'U1', authorName: 'Guessed', authorInferred: true, ts: '1700000006.000100' }),
      captured({ authorId: '', authorName: '', ts: '1700000004.000100', mentions: [{ id: 'U4', label: '' }] }),
      captured({ channelId: 'C2', authorId: 'U1', authorName: 'Ada New', ts: '1700000005.000100', mentions: [{ id: 'U4', label: '@dee' }] }),
    ], NOW);
    const people = await knownPeople(db);
    expect(people.map((p) => [p.id, p.name, p.messagesSent, p.mentionedIn, p.lastSeenAt])).toEqual([
      ['U1', 'Ada New', 4, 0, 1_700_000_006_000],
      ['U4', 'dee', 0, 2, 1_700_000_005_000],
    ]);
  });

  it('makes nobody of a mention Slack gave no member id', async () => {
    const db = await freshDb();
    await ingestCapturedBatch(db, [captured({ authorId: 'U1', authorName: 'Ada', mentions: [{ id: '', label: '@Morgan Lee' }] })], NOW);
    expect((await knownPeople(db)).map((p) => [p.id, p.name])).toEqual([['U1', 'Ada']]);
  });

  it("tells a Slack tab its workspace's named people, most recently seen first, up to a limit", async () => {
    const db = await freshDb();
    await ingestCapturedBatch(db, [
      captured({ authorId: 'U1', authorName: 'Ada', ts: '1700000001.000100' }),
      captured({ authorId: 'U2', authorName: 'Bo', ts: '1700000003.000100', mentions: [{ id: 'U3', label: '@Cy' }, { id: '', label: '@Nobody' }] }),
      captured({ teamId: 'T2', authorId: 'U9', authorName: 'Elsewhere', ts: '1700000004.000100' }),
      captured({ authorId: 'U4', authorName: '', authorInferred: true, ts: '1700000005.000100' }),
    ], NOW);
    expect(await namedPeople(db, 'T1', 10)).toEqual([
      { id: 'U2', name: 'Bo' },
      { id: 'U3', name: 'Cy' },
      { id: 'U1', name: 'Ada' },
    ]);
    expect(await namedPeople(db, 'T1', 1)).toEqual([{ id: 'U2', name: 'Bo' }]);
  });

  it('suggests the people the manager talks with most', async () => {
    const db = await freshDb();
    const dm = (authorId: string) => captured({ channelId: 'D1', authorId });
    await ingestCapturedBatch(db, [
      dm('ME'), dm('U2'), dm('ME'), dm('U2'),
      captured({ authorId: 'ME', mentions: [{ id: 'U3', label: 'Cy' }] }),
      captured({ authorId: 'U2', authorName: 'Bo' }),
    ], NOW);
    const suggestions = await suggestReports(db, 'ME', { minScore: 0 });
    expect(suggestions.map((s) => [s.personId, s.directMessages, s.mentions])).toEqual([
      ['U2', 4, 0],
      ['U3', 0, 1],
    ]);
  });
});

describe('settings', () => {
  it('reads defaults until saved, and refuses invalid values without writing', async () => {
    const db = await freshDb();
    expect(await getSettings(db)).toEqual(DEFAULT_SETTINGS);
    expect(await updateSettings(db, { retentionDays: 90 })).toEqual({ ...DEFAULT_SETTINGS, retentionDays: 90 });
    await expect(updateSettings(db, { retentionDays: 1 })).rejects.toThrow();
    expect(await getSettings(db)).toEqual({ ...DEFAULT_SETTINGS, retentionDays: 90 });
    await db.put('settings', { selfIds: {}, retentionDays: 'forever' } as never, 'settings');
    expect(await getSettings(db)).toEqual(DEFAULT_SETTINGS);
  });
});

describe('the signed-in user, per workspace', () => {
  it('remembers each workspace\'s own user once, and makes the workspace captured from the current one', async () => {
    const db = await freshDb();
    expect(await noteWorkspace(db, 'T1', 'U1')).toBe(true);
    expect(await noteWorkspace(db, 'T1', 'U1')).toBe(false);
    expect(currentSelfId(await getSettings(db))).toBe('U1');
    // Another workspace, where the manager is someone else: "me" follows the workspace.
    expect(await noteWorkspace(db, 'T2', 'W9')).toBe(true);
    expect(await getSettings(db)).toMatchObject({ selfIds: { T1: 'U1', T2: 'W9' }, currentTeamId: 'T2' });
    expect(currentSelfId(await getSettings(db))).toBe('W9');
    // Slack saying otherwise later does not overwrite what is known (the manager changes it in Settings).
    await noteWorkspace(db, 'T1', 'U5');
    expect(await getSettings(db)).toMatchObject({ selfIds: { T1: 'U1', T2: 'W9' }, currentTeamId: 'T1' });
    expect(currentSelfId(await getSettings(db))).toBe('U1');
  });

  it('lets the manager set or clear who they are in one workspace, leaving the others', async () => {
    const db = await freshDb();
    await noteWorkspace(db, 'T1', 'U1');
    await noteWorkspace(db, 'T2', 'W9');
    expect(await setWorkspaceUser(db, 'T1', 'U3')).toMatchObject({ selfIds: { T1: 'U3', T2: 'W9' } });
    expect(await setWorkspaceUser(db, 'T2', null)).toMatchObject({ selfIds: { T1: 'U3' }, currentTeamId: 'T2' });
    expect(currentSelfId(await getSettings(db))).toBeNull();
  });
});

describe('notes and page evidence', () => {
  it("keeps a person's notes in order and edits them", async () => {
    const db = await freshDb();
    const second = await addNote(db, { personId: 'U2', kind: 'note', body: 'b' }, NOW + 1);
    const first = await addNote(db, { personId: 'U2', kind: 'one-on-one', body: 'a' }, NOW);
    await addNote(db, { personId: 'U3', kind: 'note', body: 'other person' }, NOW);
    const edited = await updateNote(db, second.id, { body: 'b2' }, NOW + 5);
    expect(edited).toMatchObject({ body: 'b2', createdAt: NOW + 1, updatedAt: NOW + 5 });
    expect((await notesFor(db, 'U2')).map((n) => n.body)).toEqual(['a', 'b2']);
    await deleteNote(db, first.id);
    expect((await notesFor(db, 'U2')).map((n) => n.id)).toEqual([second.id]);
    await expect(updateNote(db, 'missing', { body: 'x' })).rejects.toThrow(/No note/);
  });

  it('stores evidence captured from other pages', async () => {
    const db = await freshDb();
    const page = await addPageEvidence(db, { personId: 'U2', url: 'https://x', title: 'PR', excerpt: 'e', text: 't', label: 'recognition' }, NOW);
    expect(await pageEvidenceFor(db, 'U2')).toEqual([page]);
    await deletePageEvidence(db, page.id);
    expect(await pageEvidenceFor(db, 'U2')).toEqual([]);
  });
});

describe('capture health', () => {
  it('keeps the latest report per channel, most recent first', async () => {
    const db = await freshDb();
    const health = { recognized: true, markup: '2025' as const, rowsSeen: 3, rowsParsed: 3, matched: { row: 3 }, problems: [] };
    await recordCaptureHealth(db, { teamId: 'T1', channelId: 'C1', tabId: 4, health }, NOW);
    await recordCaptureHealth(db, { teamId: 'T1', channelId: 'C2', tabId: 4, health }, NOW + 1);
    await recordCaptureHealth(db, { teamId: 'T1', channelId: 'C1', tabId: 5, health: { ...health, problems: ['no rows'] } }, NOW + 2);
    const records = await listCaptureHealth(db);
    expect(records.map((r) => [r.id, r.tabId, r.updatedAt])).toEqual([
      ['T1/C1', 5, NOW + 2],
      ['T1/C2', 4, NOW + 1],
    ]);
  });
});

describe('captured today', () => {
  it('counts messages by when they were first captured, not when they were sent, and re-renders do not recount', async () => {
    const db = await freshDb();
    const yesterday = NOW - 24 * 3600 * 1000;
    const early = [captured(), captured()];
    await ingestCapturedBatch(db, early, yesterday);
    await ingestCapturedBatch(db, [captured(), ...early], NOW);
    expect(await countCapturedSince(db, NOW - 1000)).toBe(1);
    expect(await countCapturedSince(db, yesterday)).toBe(3);
  });
});
