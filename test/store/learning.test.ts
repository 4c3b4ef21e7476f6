import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import {
  exportDatabase,
  getLearnedModel,
  getManagerTag,
  importDatabase,
  ingestCapturedBatch,
  listTrainingExamples,
  messageKey,
  openAspenDb,
  recordLabelledTag,
  removeLabelledTag,
  resetLearning,
  saveLearnedModel,
  wipeAll,
  type AspenDb,
} from '../../lib/store';
import { runMigrations } from '../../lib/store/migrations';
import { captured, freshDb } from './helpers';

const NOW = 1_750_000_000_000;
const tagInput = (label: 'request' | 'recognition' | 'other') => ({ label, subjects: [], dismissed: false });

async function withMessages(...texts: string[]): Promise<{ db: AspenDb; keys: string[] }> {
  const db = await freshDb();
  const messages = texts.map((text) => captured({ text }));
  await ingestCapturedBatch(db, messages, NOW);
  return { db, keys: messages.map(messageKey) };
}

describe("the manager's examples", () => {
  it('upgrades a v8 database by adding the examples and learned-model stores, keeping every record', async () => {
    const name = `aspen-${crypto.randomUUID()}`;
    const v8 = await openDB(name, 8, { upgrade: (db, from, _to, tx) => runMigrations(db, tx, from, 8) });
    await ingestCapturedBatch(v8 as unknown as AspenDb, [captured({ text: 'kept through the upgrade' })], NOW);
    const before = await v8.getAll('messages');
    expect([...v8.objectStoreNames]).not.toContain('examples');
    v8.close();

    const db = await openAspenDb(name);
    expect([...db.objectStoreNames]).toEqual(expect.arrayContaining(['examples', 'learnedModel']));
    expect([...db.transaction('examples').store.indexNames].sort()).toEqual(['addedAt', 'messageKey']);
    expect(await db.getAll('messages')).toEqual(before);
  });

  it('records a labelled tag as an example, and the same text labelled again keeps only the latest label', async () => {
    const { db, keys } = await withMessages('PTAL', 'ptal  ', 'lunch at noon');
    await recordLabelledTag(db, keys[0]!, tagInput('other'), 'correction', NOW);
    await recordLabelledTag(db, keys[1]!, tagInput('request'), 'correction', NOW + 1);
    await recordLabelledTag(db, keys[2]!, { label: null, subjects: ['U2'], dismissed: false }, 'correction', NOW + 2);
    const examples = await listTrainingExamples(db);
    // "PTAL" and "ptal  " read the same to the model: one example, the later label.
    expect(examples).toEqual([{ key: 'ptal', text: 'ptal  ', label: 'request', messageKey: keys[1], source: 'correction', addedAt: NOW + 1 }]);
    expect(await getManagerTag(db, keys[0]!)).toMatchObject({ label: 'other' });
    expect(await getManagerTag(db, keys[2]!)).toMatchObject({ label: null, subjects: ['U2'] });
  });

  it('a message relabelled keeps one example; taking a Recognition tag back removes its example', async () => {
    const { db, keys } = await withMessages('thanks for the speedy fix!!!');
    await recordLabelledTag(db, keys[0]!, tagInput('other'), 'correction', NOW);
    await recordLabelledTag(db, keys[0]!, tagInput('recognition'), 'recognition', NOW + 1);
    expect((await listTrainingExamples(db)).map((e) => [e.label, e.source])).toEqual([['recognition', 'recognition']]);
    await removeLabelledTag(db, keys[0]!);
    expect(await listTrainingExamples(db)).toEqual([]);
    expect(await getManagerTag(db, keys[0]!)).toBeUndefined();
  });

  it('backs up the examples, not the refitted head; reset forgets both and keeps the tags', async () => {
    const { db, keys } = await withMessages('could use your eyes on this', 'nice catch!!');
    await recordLabelledTag(db, keys[0]!, tagInput('request'), 'correction', NOW);
    await recordLabelledTag(db, keys[1]!, tagInput('recognition'), 'recognition', NOW + 1);
    await saveLearnedModel(db, { head: { modelId: 'm+learned-1' }, baseModelId: 'm', examples: 2, fittedThrough: NOW + 1 });
    const backup = JSON.parse(JSON.stringify(await exportDatabase(db, NOW)));
    expect(backup.stores.examples).toHaveLength(2);
    expect(backup.stores).not.toHaveProperty('learnedModel');

    await resetLearning(db);
    expect(await listTrainingExamples(db)).toEqual([]);
    expect(await getLearnedModel(db)).toBeNull();
    expect(await getManagerTag(db, keys[0]!)).toMatchObject({ label: 'request' });

    await wipeAll(db);
    const result = await importDatabase(db, backup, NOW + 5);
    expect(result.errors).toEqual([]);
    expect((await listTrainingExamples(db)).map((e) => e.text)).toEqual(['could use your eyes on this', 'nice catch!!']);
    // A bad example in a file is reported and left out; the rest still import.
    const bad = { ...backup, stores: { examples: [{ ...backup.stores.examples[0], label: 'praise' }] } };
    expect((await importDatabase(db, bad, NOW + 6)).errors).toEqual([{ store: 'examples', index: 0, message: expect.stringMatching(/^label: /) }]);
  });
});
