import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { getCaughtUpRange, getResumeRange, listCaughtUpRanges, mergeCaughtUpRange, openAspenDb, recordCatchUp, SCHEMA_VERSION } from '../../lib/store';
import { runMigrations } from '../../lib/store/migrations';
import { freshDb } from './helpers';

const run = (oldestTs: string, newestTs: string, outcome = 'Caught up to the date') => ({
  teamId: 'T1',
  channelId: 'C1',
  channelName: 'general',
  oldestTs,
  newestTs,
  outcome,
  problem: null,
});

describe('caught-up ranges', () => {
  it('extend when a run touches the kept range, and restart from the run when there is a gap', () => {
    const kept = { oldestTs: '1700000000.000100', newestTs: '1700500000.000100' };
    // A resumed run: from now down past the kept range's start.
    expect(mergeCaughtUpRange(kept, { oldestTs: '1699000000.000100', newestTs: '1700900000.000100' })).toEqual({
      oldestTs: '1699000000.000100',
      newestTs: '1700900000.000100',
    });
    // Stopped inside the kept range: still continuous from now to the kept start.
    expect(mergeCaughtUpRange(kept, { oldestTs: '1700400000.000100', newestTs: '1700900000.000100' })).toEqual({
      oldestTs: '1700000000.000100',
      newestTs: '1700900000.000100',
    });
    // Stopped before reaching the kept range: the history between them was never scrolled through.
    expect(mergeCaughtUpRange(kept, { oldestTs: '1700800000.000100', newestTs: '1700900000.000100' })).toEqual({
      oldestTs: '1700800000.000100',
      newestTs: '1700900000.000100',
    });
    expect(mergeCaughtUpRange(undefined, kept)).toEqual(kept);
  });

  it('are recorded per conversation, each run extending the kept range', async () => {
    const db = await freshDb();
    await recordCatchUp(db, run('1700000000.000100', '1700500000.000100'), 1);
    await recordCatchUp(db, run('1700400000.000100', '1700900000.000100', 'Stopped'), 2);
    expect(await getCaughtUpRange(db, 'T1', 'C1')).toMatchObject({ oldestTs: '1700000000.000100', newestTs: '1700900000.000100', lastOutcome: 'Stopped' });
    await recordCatchUp(db, { ...run('1700800000.000100', '1700900000.000100'), channelId: 'C2' }, 3);
    // A shorter run later (a re-read of the last weeks) keeps what the longer one reached.
    await recordCatchUp(db, run('1700600000.000100', '1700950000.000100'), 4);
    expect(await getCaughtUpRange(db, 'T1', 'C1')).toMatchObject({ oldestTs: '1700000000.000100', newestTs: '1700950000.000100' });
    expect((await listCaughtUpRanges(db)).map((r) => r.id)).toEqual(['T1/C1', 'T1/C2']);
    expect(await getCaughtUpRange(db, 'T1', 'C3')).toBeNull();
    db.close();
  });

  it('keep the problem that ended a catch-up on unknown markup for Health, until a run ends well', async () => {
    const db = await freshDb();
    const problem = 'Aspen does not recognize this conversation’s message list, so it cannot scroll it.';
    // Nothing scrolled, nothing kept before: a record with no range that says why.
    await recordCatchUp(db, { ...run('', ''), oldestTs: null, newestTs: null, outcome: problem, problem }, 1);
    expect(await getCaughtUpRange(db, 'T1', 'C1')).toMatchObject({ oldestTs: null, newestTs: null, problem });
    expect(await getResumeRange(db, 'T1', 'C1')).toBeNull();
    await recordCatchUp(db, run('1700000000.000100', '1700500000.000100'), 2);
    expect(await getCaughtUpRange(db, 'T1', 'C1')).toMatchObject({ oldestTs: '1700000000.000100', problem: null });
    // A later failure keeps the range it had and adds the problem.
    const stuck = 'Stopped at 2023-11-14: Slack’s thread pane did not open in a form Aspen recognizes.';
    await recordCatchUp(db, { ...run('', ''), oldestTs: null, newestTs: null, outcome: stuck, problem: stuck }, 3);
    expect(await getResumeRange(db, 'T1', 'C1')).toEqual({ oldestTs: '1700000000.000100', newestTs: '1700500000.000100' });
    expect((await listCaughtUpRanges(db))[0]).toMatchObject({ problem: stuck, lastOutcome: stuck });
    // Records written before problems were kept read as having none.
    await db.put('catchUp', { id: 'T1/C9', teamId: 'T1', channelId: 'C9', channelName: 'old', oldestTs: '1', newestTs: '2', lastOutcome: 'Done', updatedAt: 0 } as never);
    expect(await getCaughtUpRange(db, 'T1', 'C9')).toMatchObject({ problem: null });
    db.close();
  });

  it('live in a store that the v10 step adds to a v8 database, which keeps every message', async () => {
    const name = `aspen-${crypto.randomUUID()}`;
    const legacy = await openDB(name, 8, { upgrade: (db, from, _to, tx) => runMigrations(db as never, tx as never, from, 8) });
    expect(legacy.objectStoreNames.contains('catchUp')).toBe(false);
    const message = { key: 'T1/C1/1700000001.000001', teamId: 'T1', channelId: 'C1', channelName: 'general', ts: '1700000001.000001', permalink: '',
      authorId: 'U1', authorName: 'Ada', authorInferred: false, text: 'kept', mentions: [], threadTs: null, replyCount: 0, reactions: [],
      edited: false, inThread: false, sentAt: 1, mentionIds: [], firstSeen: 1, lastSeen: 1, previousTexts: [] };
    await legacy.put('messages', message);
    legacy.close();

    const db = await openAspenDb(name);
    expect(db.version).toBe(SCHEMA_VERSION);
    expect(await db.get('messages', message.key)).toEqual(message);
    expect([...db.transaction('catchUp').objectStore('catchUp').indexNames]).toEqual(['updatedAt']);
    await recordCatchUp(db, run('1700000000.000100', '1700000001.000001'));
    expect(await listCaughtUpRanges(db)).toHaveLength(1);
    db.close();
  });
});
