import { describe, expect, it } from 'vitest';
import {
  applyRetention,
  completeQueueItems,
  DAY_MS,
  evidenceAll,
  evidenceFor,
  evidenceForKeys,
  evidenceForPeople,
  ingestCapturedBatch,
  queueLength,
  setManagerTag,
  takeQueueBatch,
  wipeAll,
  type AspenDb,
  type Classification,
} from '../../lib/store';
import { captured, classified, freshDb, snapshot } from './helpers';

const NOW = 1_750_000_000_000;
const tsAt = (ms: number, micros = '000100') => `${Math.floor(ms / 1000)}.${micros}`;

/** Stores messages and classifies them all with `classify`. */
async function seed(db: AspenDb, messages: ReturnType<typeof captured>[], classify: (key: string) => Partial<Classification> | null) {
  await ingestCapturedBatch(db, messages, NOW);
  const taken = await takeQueueBatch(db, messages.length, NOW);
  const results = taken.flatMap((q) => {
    const overrides = classify(q.message.key);
    return overrides ? [classified(q.message, overrides)] : [];
  });
  await completeQueueItems(db, results);
}

describe('evidence queries', () => {
  it('reads the messages with given keys, labelled, tag winning; unknown and unlabelled keys are left out', async () => {
    const db = await freshDb();
    const ask = captured({ ts: tsAt(NOW - 2 * DAY_MS), authorId: 'U9' });
    const tagged = captured({ ts: tsAt(NOW - 1 * DAY_MS), authorId: 'U9' });
    const unlabelled = captured({ ts: tsAt(NOW - 3 * DAY_MS), authorId: 'U9' });
    await seed(db, [ask, tagged, unlabelled], (key) => (key.endsWith(unlabelled.ts) ? null : { label: 'request' }));
    const [askKey, taggedKey, unlabelledKey] = [ask, tagged, unlabelled].map((m) => `T1/C1/${m.ts}`);
    await setManagerTag(db, taggedKey, { label: 'other', subjects: [], dismissed: false }, NOW);
    const items = await evidenceForKeys(db, [askKey, taggedKey, unlabelledKey, 'T1/C1/missing', askKey]);
    expect(items.map((i) => [i.key, i.label])).toEqual([
      [askKey, 'request'],
      [taggedKey, 'other'],
    ]);
  });

  it("builds a person's timeline from what they received and what they wrote, tag winning over the model", async () => {
    const db = await freshDb();
    const praiseForAl = captured({ ts: tsAt(NOW - 5 * DAY_MS), authorId: 'U2', mentions: [{ id: 'AL', label: 'Al' }] });
    const alAsks = captured({ ts: tsAt(NOW - 4 * DAY_MS), authorId: 'AL' });
    const retaggedAway = captured({ ts: tsAt(NOW - 3 * DAY_MS), authorId: 'U2', mentions: [{ id: 'AL', label: 'Al' }] });
    const retaggedToAl = captured({ ts: tsAt(NOW - 2 * DAY_MS), authorId: 'U3' });
    const dismissed = captured({ ts: tsAt(NOW - 1 * DAY_MS), authorId: 'U2', mentions: [{ id: 'AL', label: 'Al' }] });
    const tooOld = captured({ ts: tsAt(NOW - 40 * DAY_MS), authorId: 'U2', mentions: [{ id: 'AL', label: 'Al' }] });
    const unrelated = captured({ ts: tsAt(NOW - 2 * DAY_MS, '000200'), authorId: 'U4', mentions: [{ id: 'U5', label: 'Cy' }] });
    const all = [praiseForAl, alAsks, retaggedAway, retaggedToAl, dismissed, tooOld, unrelated];
    const keyOf = (m: (typeof all)[number]) => `T1/C1/${m.ts}`;
    await seed(db, all, (key) => (key === keyOf(alAsks) ? { label: 'request', subjects: [] } : {}));
    await setManagerTag(db, keyOf(retaggedAway), { label: null, subjects: ['U9'], dismissed: false });
    await setManagerTag(db, keyOf(retaggedToAl), { label: 'constructive', subjects: ['AL'], dismissed: false });
    await setManagerTag(db, keyOf(dismissed), { label: null, subjects: ['AL'], dismissed: true });

    const window = { from: NOW - 30 * DAY_MS, to: NOW };
    const timeline = await evidenceFor(db, 'AL', window);
    expect(timeline.map((item) => [item.key, item.label, item.source, item.aboutPerson, item.byPerson])).toEqual([
      [keyOf(praiseForAl), 'recognition', 'model', true, false],
      [keyOf(alAsks), 'request', 'model', false, true],
      [keyOf(retaggedToAl), 'constructive', 'manager', true, false],
    ]);
    expect(timeline[0]!.scores?.recognition).toBe(0.9);

    const withDismissed = await evidenceFor(db, 'AL', { ...window, includeDismissed: true });
    expect(withDismissed.map((item) => item.key)).toContain(keyOf(dismissed));
    expect(withDismissed.find((item) => item.key === keyOf(dismissed))).toMatchObject({ dismissed: true, label: 'recognition', source: 'model' });

    const team = await evidenceAll(db, window);
    expect(team.map((item) => item.key)).toEqual([praiseForAl, alAsks, retaggedAway, retaggedToAl, unrelated].map(keyOf));
    expect(team.find((item) => item.key === keyOf(retaggedAway))).toMatchObject({ subjects: ['U9'], label: 'recognition' });
  });

  it('reads a narrow window of a large store the same way as a wide one', async () => {
    const db = await freshDb();
    const messages = Array.from({ length: 40 }, (_, i) => captured({ ts: tsAt(NOW - i * DAY_MS) }));
    await seed(db, messages, () => ({}));
    const narrow = await evidenceAll(db, { from: NOW - 2 * DAY_MS, to: NOW });
    expect(narrow.map((item) => item.message.ts)).toEqual([messages[2]!.ts, messages[1]!.ts, messages[0]!.ts]);
    expect(narrow.every((item) => item.label === 'recognition')).toBe(true);
  });

  it('reads the evidence of several people at once, each message once, and skips rows it cannot read', async () => {
    const db = await freshDb();
    const alThanksBo = captured({ ts: tsAt(NOW - 3 * DAY_MS), authorId: 'AL', mentions: [{ id: 'BO', label: 'Bo' }] });
    const boAsks = captured({ ts: tsAt(NOW - 2 * DAY_MS), authorId: 'BO' });
    const aboutCy = captured({ ts: tsAt(NOW - 1 * DAY_MS), authorId: 'U4', mentions: [{ id: 'CY', label: 'Cy' }] });
    const oldForBo = captured({ ts: tsAt(NOW - 60 * DAY_MS), authorId: 'U4', mentions: [{ id: 'BO', label: 'Bo' }] });
    const keyOf = (m: ReturnType<typeof captured>) => `T1/C1/${m.ts}`;
    await seed(db, [alThanksBo, boAsks, aboutCy, oldForBo], (key) => (key === keyOf(boAsks) ? { label: 'request', subjects: [] } : {}));
    const window = { from: NOW - 30 * DAY_MS, to: NOW };
    const team = await evidenceForPeople(db, ['AL', 'BO'], window);
    expect(team.map((item) => [item.key, item.label])).toEqual([
      [keyOf(alThanksBo), 'recognition'],
      [keyOf(boAsks), 'request'],
    ]);

    // Legacy rows a migration kept as they were: a classification and a tag that no longer read as such.
    await db.put('classifications', { key: keyOf(aboutCy), label: 'praise', subjects: ['BO'] } as never);
    await db.put('tags', { key: keyOf(boAsks), label: 'kudos', subjects: ['BO'] } as never);
    expect((await evidenceForPeople(db, ['AL', 'BO'], window)).map((item) => [item.key, item.label, item.source])).toEqual([
      [keyOf(alThanksBo), 'recognition', 'model'],
      [keyOf(boAsks), 'request', 'model'],
    ]);
    expect(await evidenceFor(db, 'CY', window)).toEqual([]);
  });

  it("finds the classifications of what a person wrote by author, and still those saved before authors were kept", async () => {
    const db = await freshDb();
    const asks = captured({ ts: tsAt(NOW - 2 * DAY_MS), authorId: 'AL' });
    const olderAsk = captured({ ts: tsAt(NOW - 3 * DAY_MS), authorId: 'AL' });
    await seed(db, [asks, olderAsk], () => ({ label: 'request', subjects: [] }));
    expect((await db.getAllFromIndex('classifications', 'authorId', 'AL')).map((c) => c.key).sort()).toEqual(
      [`T1/C1/${olderAsk.ts}`, `T1/C1/${asks.ts}`].sort(),
    );
    // A row from an older backup has no author: the timeline falls back to reading it by key.
    const legacy = (await db.get('classifications', `T1/C1/${olderAsk.ts}`))!;
    delete legacy.authorId;
    await db.put('classifications', legacy);
    const timeline = await evidenceFor(db, 'AL', { from: NOW - 30 * DAY_MS, to: NOW });
    expect(timeline.map((item) => [item.key, item.label, item.byPerson])).toEqual([
      [`T1/C1/${olderAsk.ts}`, 'request', true],
      [`T1/C1/${asks.ts}`, 'request', true],
    ]);
  });

  it('leaves out messages nobody has labelled yet', async () => {
    const db = await freshDb();
    await ingestCapturedBatch(db, [captured({ ts: tsAt(NOW), authorId: 'AL' })], NOW);
    expect(await evidenceFor(db, 'AL', { from: 0, to: NOW })).toEqual([]);
    expect(await evidenceAll(db, { from: 0, to: NOW })).toEqual([]);
  });
});

describe('retention', () => {
  it('deletes old messages with their classifications and queue items, keeping tagged ones', async () => {
    const db = await freshDb();
    const old = captured({ ts: tsAt(NOW - 100 * DAY_MS) });
    const oldTagged = captured({ ts: tsAt(NOW - 100 * DAY_MS, '000200') });
    const oldQueued = captured({ ts: tsAt(NOW - 100 * DAY_MS, '000300') });
    const recent = captured({ ts: tsAt(NOW - 10 * DAY_MS) });
    await seed(db, [old, oldTagged, recent], () => ({}));
    await ingestCapturedBatch(db, [oldQueued], NOW);
    await setManagerTag(db, `T1/C1/${oldTagged.ts}`, { label: 'recognition', subjects: [], dismissed: false });

    expect(await applyRetention(db, 30, NOW)).toEqual({ deleted: 2, keptTagged: 1 });
    expect((await db.getAllKeys('messages')).sort()).toEqual([`T1/C1/${oldTagged.ts}`, `T1/C1/${recent.ts}`].sort());
    expect((await db.getAllKeys('classifications')).sort()).toEqual([`T1/C1/${oldTagged.ts}`, `T1/C1/${recent.ts}`].sort());
    expect(await queueLength(db)).toBe(0);
    expect(await db.count('tags')).toBe(1);
  });

  it('wipes every store', async () => {
    const db = await freshDb();
    await seed(db, [captured()], () => ({}));
    await wipeAll(db);
    const after = await snapshot(db);
    expect(Object.values(after).every((rows) => rows.length === 0)).toBe(true);
  });
});
