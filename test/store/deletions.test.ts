import { describe, expect, it } from 'vitest';
import {
  addNote,
  addPageEvidence,
  applyRetention,
  clearCustomRubric,
  DAY_MS,
  decideEvidence,
  decisionsFor,
  deleteNote,
  deletePageEvidence,
  exportDatabase,
  getCustomRubric,
  importDatabase,
  ingestCapturedBatch,
  listTrainingExamples,
  messageKey,
  removeLabelledTag,
  removeManagerTag,
  resetLearning,
  saveCustomRubric,
  setManagerTag,
  StorageFullError,
  tagRecognition,
  TOMBSTONE_KEEP_DAYS,
  updateSettings,
  type AspenBackup,
  type AspenDb,
} from '../../lib/store';
import { captured, customRubric, freshDb, limitWrites } from './helpers';

const NOW = 1_710_000_000_000;
const roundTrip = (backup: AspenBackup): AspenBackup => JSON.parse(JSON.stringify(backup)) as AspenBackup;
const sentDaysAgo = (days: number) => captured({ ts: `${Math.floor((NOW - days * DAY_MS) / 1000)}.000100` });

/** A profile with one of everything the manager can delete, and its backup taken at NOW. */
async function withBackup() {
  const db = await freshDb();
  const praise = captured({ text: 'Thanks <@U2> for the launch', mentions: [{ id: 'U2', label: 'Bo' }] });
  const other = captured({ text: 'can you review this?' });
  await ingestCapturedBatch(db, [praise, other], NOW);
  await tagRecognition(db, messageKey(praise), ['U2'], undefined, NOW);
  await setManagerTag(db, messageKey(other), { label: 'request', subjects: [], dismissed: false }, NOW);
  const note = await addNote(db, { personId: 'U2', kind: 'note', body: 'talked about the launch' }, NOW);
  const page = await addPageEvidence(db, { personId: 'U2', url: 'https://docs.example/d', title: 'Design', excerpt: 'e', text: 't', label: 'recognition' }, NOW);
  await decideEvidence(db, 'U2', messageKey(praise), { pinned: true }, NOW);
  await saveCustomRubric(db, customRubric());
  return { db, praise, other, note, page, backup: roundTrip(await exportDatabase(db, NOW)) };
}

async function counts(db: AspenDb) {
  return {
    tags: await db.count('tags'),
    examples: await db.count('examples'),
    notes: await db.count('notes'),
    pages: await db.count('pageEvidence'),
    decisions: await db.count('evidenceDecisions'),
    rubric: (await getCustomRubric(db)) !== null,
  };
}

describe('deletions survive a backup', () => {
  it('an older backup does not bring back an untagged recognition, a deleted note, page, decision, custom rubric or examples', async () => {
    const { db, praise, other, note, page, backup } = await withBackup();
    expect(await counts(db)).toEqual({ tags: 2, examples: 1, notes: 1, pages: 1, decisions: 1, rubric: true });

    const later = NOW + 60_000;
    await removeLabelledTag(db, messageKey(praise), later);
    await removeManagerTag(db, messageKey(other), later);
    await deleteNote(db, note.id, later);
    await deletePageEvidence(db, page.id, later);
    await decideEvidence(db, 'U2', messageKey(praise), { pinned: false }, later);
    await clearCustomRubric(db, later);
    const none = { tags: 0, examples: 0, notes: 0, pages: 0, decisions: 0, rubric: false };
    expect(await counts(db)).toEqual(none);

    const result = await importDatabase(db, backup, later + 1);
    expect(result).toMatchObject({ added: 0, keptDeleted: 7, errors: [] });
    expect(await counts(db)).toEqual(none);
    // The messages themselves were never deleted: they are still here.
    expect(await db.count('messages')).toBe(2);
  });

  it('a row written after its tombstone wins: the manager re-tagged it, or the file has a newer copy', async () => {
    const { db, praise, note, backup } = await withBackup();
    await removeLabelledTag(db, messageKey(praise), NOW + 10);
    await deleteNote(db, note.id, NOW + 10);
    await tagRecognition(db, messageKey(praise), ['U2'], undefined, NOW + 20);
    const newerNote = { ...note, body: 'written again elsewhere', updatedAt: NOW + 30 };
    const file = { ...backup, stores: { ...backup.stores, notes: [newerNote] } };

    const result = await importDatabase(db, file, NOW + 40);
    expect(result.errors).toEqual([]);
    expect(await db.get('tags', messageKey(praise))).toMatchObject({ taggedAt: NOW + 20 });
    expect(await db.get('notes', note.id)).toEqual(newerNote);
  });

  it('the manager reset their model: an older backup does not bring its examples back', async () => {
    const { db, backup } = await withBackup();
    expect(await listTrainingExamples(db)).toHaveLength(1);
    await resetLearning(db, NOW + 10);
    await importDatabase(db, backup, NOW + 20);
    expect(await listTrainingExamples(db)).toEqual([]);
  });

  it('carries tombstones in the backup: importing a newer backup deletes rows here that were deleted where it was made', async () => {
    const { db: here, praise, note, backup } = await withBackup();
    const there = await freshDb();
    await importDatabase(there, backup, NOW + 1);
    await deleteNote(there, note.id, NOW + 10);
    await removeLabelledTag(there, messageKey(praise), NOW + 10);
    const newer = roundTrip(await exportDatabase(there, NOW + 20));
    expect(newer.stores.deletions).toEqual(
      expect.arrayContaining([
        { store: 'notes', key: note.id, deletedAt: NOW + 10 },
        { store: 'tags', key: messageKey(praise), deletedAt: NOW + 10 },
      ]),
    );

    const result = await importDatabase(here, newer, NOW + 30);
    expect(result).toMatchObject({ removed: 3, errors: [] });
    expect(await here.get('notes', note.id)).toBeUndefined();
    expect(await here.get('tags', messageKey(praise))).toBeUndefined();
    expect(await here.count('examples')).toBe(0);
    // And the tombstones are kept here, so the older backup cannot bring them back either.
    await importDatabase(here, backup, NOW + 40);
    expect(await here.get('notes', note.id)).toBeUndefined();
  });

  it('a tombstone is written in the same transaction as its delete: when it cannot be stored, nothing is deleted', async () => {
    const { db, note } = await withBackup();
    const restore = limitWrites(0);
    try {
      await expect(deleteNote(db, note.id, NOW + 10)).rejects.toBeInstanceOf(StorageFullError);
    } finally {
      restore();
    }
    expect(await db.get('notes', note.id)).toBeDefined();
    expect(await db.count('deletions')).toBe(0);
  });
});

describe('messages expired by retention survive a backup', () => {
  it('after the period is lengthened, an older backup does not bring back what retention deleted; retention still runs after import', async () => {
    const db = await freshDb();
    const recent = sentDaysAgo(10);
    const old = sentDaysAgo(100);
    const older = sentDaysAgo(200);
    const ancient = sentDaysAgo(800);
    await ingestCapturedBatch(db, [recent, old, older, ancient], NOW - DAY_MS);
    const backup = roundTrip(await exportDatabase(db, NOW - DAY_MS));

    await updateSettings(db, { retentionDays: 30 });
    expect(await applyRetention(db, 30, NOW)).toMatchObject({ deleted: 3 });
    await updateSettings(db, { retentionDays: 365 });

    const result = await importDatabase(db, backup, NOW + 1);
    expect(result).toMatchObject({ added: 0, keptDeleted: 3, errors: [] });
    expect(await db.getAllKeys('messages')).toEqual([messageKey(recent)]);
    expect(await db.count('classifications')).toBe(0);
  });

  it('a message seen again after retention ran, or tagged in the file, comes back within the period', async () => {
    const db = await freshDb();
    const seenAgain = sentDaysAgo(100);
    const tagged = sentDaysAgo(120);
    await ingestCapturedBatch(db, [seenAgain, tagged], NOW - DAY_MS);
    const source = await freshDb();
    await ingestCapturedBatch(source, [seenAgain, tagged], NOW + 5);
    await setManagerTag(source, messageKey(tagged), { label: 'recognition', subjects: ['U2'], dismissed: false }, NOW + 5);

    await applyRetention(db, 30, NOW);
    await updateSettings(db, { retentionDays: 365 });
    const result = await importDatabase(db, roundTrip(await exportDatabase(source, NOW + 6)), NOW + 7);
    expect(result).toMatchObject({ keptDeleted: 0, errors: [] });
    expect((await db.getAllKeys('messages')).sort()).toEqual([messageKey(seenAgain), messageKey(tagged)].sort());
  });

  it('keeps one retention horizon per lengthening of the period, not one record per message', async () => {
    const db = await freshDb();
    await ingestCapturedBatch(db, [sentDaysAgo(100), sentDaysAgo(200), sentDaysAgo(400)], NOW - DAY_MS);
    await applyRetention(db, 365, NOW);
    await applyRetention(db, 180, NOW + DAY_MS);
    // A shorter period reaching less far back, later: it outdoes the first run.
    expect(await db.getAll('deletions')).toEqual([
      { store: 'messages', key: String(NOW + DAY_MS - 180 * DAY_MS), sentBefore: NOW + DAY_MS - 180 * DAY_MS, deletedAt: NOW + DAY_MS },
    ]);
    await ingestCapturedBatch(db, [sentDaysAgo(95)], NOW + 2 * DAY_MS);
    await applyRetention(db, 90, NOW + 2 * DAY_MS);
    await ingestCapturedBatch(db, [sentDaysAgo(120)], NOW + 3 * DAY_MS);
    // Lengthened again: the 90-day run reaches further forward, the later one further back; both matter.
    await applyRetention(db, 110, NOW + 3 * DAY_MS);
    expect((await db.getAll('deletions')).map((d) => d.deletedAt).sort((a, b) => a - b)).toEqual([NOW + 2 * DAY_MS, NOW + 3 * DAY_MS]);
  });
});

describe('pruning', () => {
  it(`drops tombstones after ${TOMBSTONE_KEEP_DAYS} days (retention horizons stay), and says so when a backup is older than that`, async () => {
    const { db, note, backup } = await withBackup();
    await deleteNote(db, note.id, NOW + 10);
    await ingestCapturedBatch(db, [sentDaysAgo(400)], NOW);
    await applyRetention(db, 365, NOW + 20);
    expect(await db.count('deletions')).toBe(2);

    const yearLater = NOW + (TOMBSTONE_KEEP_DAYS + 1) * DAY_MS;
    await applyRetention(db, 3650, yearLater);
    expect((await db.getAll('deletions')).map((d) => d.store)).toEqual(['messages']);

    const result = await importDatabase(db, backup, yearLater);
    expect(result.notices).toEqual([expect.stringMatching(/^This backup is from 2024-03-09\. Aspen remembers deletions for 365 days/)]);
  });

  it('says nothing about a recent backup', async () => {
    const { db, backup } = await withBackup();
    expect((await importDatabase(db, backup, NOW + DAY_MS)).notices).toEqual([]);
    expect(await decisionsFor(db, 'U2')).toHaveLength(1);
  });
});
