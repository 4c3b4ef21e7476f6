import { afterEach, describe, expect, it } from 'vitest';
import { ingestCapturedBatch, LAST_SEEN_REFRESH_MS, queueLength, StorageFullError, type StoredMessage } from '../../lib/store';
import { captured, freshDb, limitWrites, snapshot } from './helpers';

const T0 = 1_750_000_000_000;
let restore: (() => void) | undefined;
afterEach(() => {
  restore?.();
  restore = undefined;
});

async function stored(db: Awaited<ReturnType<typeof freshDb>>, key: string): Promise<StoredMessage | undefined> {
  return db.get('messages', key);
}

describe('ingestCapturedBatch', () => {
  it('stores new messages with derived fields and queues them for classification', async () => {
    const db = await freshDb();
    const m = captured({ ts: '1700000000.123456', mentions: [{ id: 'U2', label: 'Bo' }, { id: 'U2', label: 'Bo' }] });
    const result = await ingestCapturedBatch(db, [m], T0);
    expect(result).toEqual({ inserted: 1, updated: 0, unchanged: 0, rejected: [] });
    const row = await stored(db, 'T1/C1/1700000000.123456');
    expect(row).toMatchObject({ sentAt: 1_700_000_000_123, mentionIds: ['U2'], firstSeen: T0, lastSeen: T0, previousTexts: [], text: m.text });
    expect(row!.queue).toEqual({ enqueuedAt: T0, attempts: 0 });
    expect(await queueLength(db)).toBe(1);
  });

  it('dedupes one message seen in two tabs, within a batch and across batches', async () => {
    const db = await freshDb();
    const m = captured();
    expect(await ingestCapturedBatch(db, [m, { ...m }], T0)).toMatchObject({ inserted: 1, updated: 0, unchanged: 0 });
    expect(await ingestCapturedBatch(db, [{ ...m }], T0 + 1000)).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
    expect(await db.count('messages')).toBe(1);
    expect(await queueLength(db)).toBe(1);
  });

  it('finds what is stored in a batch spanning channels, with stored messages it does not carry in between', async () => {
    const db = await freshDb();
    const inC1 = ['1700000001.000100', '1700000002.000100', '1700000003.000100'].map((ts) => captured({ ts }));
    const inC2 = captured({ channelId: 'C2', ts: '1700000002.000100' });
    await ingestCapturedBatch(db, [inC1[0]!, inC1[1]!, inC1[2]!, inC2], T0);
    const edited = { ...inC1[2]!, text: 'edited' };
    const batch = [inC1[0]!, edited, captured({ ts: '1700000004.000100' }), { ...inC2 }, captured({ channelId: 'C3' })];
    expect(await ingestCapturedBatch(db, batch, T0 + 1000)).toEqual({ inserted: 2, updated: 1, unchanged: 2, rejected: [] });
    expect(await db.count('messages')).toBe(6);
    expect(await stored(db, `T1/C1/${inC1[2]!.ts}`)).toMatchObject({ text: 'edited', previousTexts: [inC1[2]!.text] });
    expect(await stored(db, `T1/C1/${inC1[1]!.ts}`)).toMatchObject({ text: inC1[1]!.text, lastSeen: T0 });
  });

  it('skips the write for a recent identical re-render and only bumps lastSeen once it is stale', async () => {
    const db = await freshDb();
    const m = captured();
    await ingestCapturedBatch(db, [m], T0);
    const key = `T1/C1/${m.ts}`;
    await ingestCapturedBatch(db, [m], T0 + LAST_SEEN_REFRESH_MS - 1);
    expect((await stored(db, key))!.lastSeen).toBe(T0);
    const later = T0 + LAST_SEEN_REFRESH_MS + 5;
    expect(await ingestCapturedBatch(db, [m], later)).toMatchObject({ unchanged: 1, updated: 0 });
    const row = await stored(db, key);
    expect(row).toMatchObject({ lastSeen: later, firstSeen: T0, text: m.text, previousTexts: [] });
  });

  it('keeps edits: the old text goes to previousTexts and the message is queued again', async () => {
    const db = await freshDb();
    const m = captured({ text: 'first' });
    const key = `T1/C1/${m.ts}`;
    await ingestCapturedBatch(db, [m], T0);
    // As if the classifier had labelled it and taken it off the queue.
    const { queue: _queue, ...labelled } = (await stored(db, key))!;
    await db.put('messages', labelled);
    expect(await queueLength(db)).toBe(0);
    expect(await ingestCapturedBatch(db, [{ ...m, text: 'second', edited: true }], T0 + 1)).toMatchObject({ updated: 1 });
    await ingestCapturedBatch(db, [{ ...m, text: 'third' }], T0 + 2);
    expect(await stored(db, key)).toMatchObject({ text: 'third', previousTexts: ['first', 'second'], edited: true });
    expect((await stored(db, key))!.queue).toEqual({ enqueuedAt: T0 + 2, attempts: 0 });
  });

  it('never replaces a known author with an inferred or empty one, and takes the latest counters', async () => {
    const db = await freshDb();
    const m = captured({ authorId: 'U7', authorName: 'Grace', reactions: [{ emoji: 'tada', count: 1 }] });
    const key = `T1/C1/${m.ts}`;
    await ingestCapturedBatch(db, [m], T0);
    await ingestCapturedBatch(db, [{ ...m, authorId: 'U9', authorName: 'Wrong Guess', authorInferred: true, replyCount: 3 }], T0 + 1);
    await ingestCapturedBatch(db, [{ ...m, authorId: '', authorName: '', channelName: '', permalink: '', reactions: [{ emoji: 'tada', count: 4 }], replyCount: 3 }], T0 + 2);
    expect(await stored(db, key)).toMatchObject({
      authorId: 'U7',
      authorName: 'Grace',
      authorInferred: false,
      channelName: 'general',
      permalink: m.permalink,
      replyCount: 3,
      reactions: [{ emoji: 'tada', count: 4 }],
      text: m.text,
    });
  });

  it('upgrades an inferred author when a real sender header is seen later', async () => {
    const db = await freshDb();
    const m = captured({ authorId: 'U9', authorName: 'Guess', authorInferred: true });
    await ingestCapturedBatch(db, [m], T0);
    await ingestCapturedBatch(db, [{ ...m, authorId: 'U7', authorName: 'Grace', authorInferred: false }], T0 + 1);
    expect(await stored(db, `T1/C1/${m.ts}`)).toMatchObject({ authorId: 'U7', authorName: 'Grace', authorInferred: false });
  });

  it('reports each bad item with a reason and still stores the good ones', async () => {
    const db = await freshDb();
    const good = captured();
    const result = await ingestCapturedBatch(db, [{ ...captured(), ts: 'yesterday' }, good, 'not a message', { ...captured(), teamId: '' }], T0);
    expect(result.inserted).toBe(1);
    expect(result.rejected.map((r) => r.index)).toEqual([0, 2, 3]);
    expect(result.rejected[0]!.reason).toMatch(/^ts: /);
    expect(result.rejected[2]!.reason).toMatch(/^teamId: /);
    expect(await db.count('messages')).toBe(1);
    expect(await ingestCapturedBatch(db, { not: 'a list' }, T0)).toEqual({
      inserted: 0,
      updated: 0,
      unchanged: 0,
      rejected: [{ index: -1, reason: 'batch is not a list of messages' }],
    });
  });

  describe('when storage is full', () => {
    it.each(['request', 'throw'] as const)('throws StorageFullError and keeps everything stored (quota refused by %s)', async (mode) => {
      const db = await freshDb();
      const kept = captured({ text: 'kept' });
      await ingestCapturedBatch(db, [kept, captured()], T0);
      const before = await snapshot(db);
      // A message and its place in the queue are one write: 9 allowed writes cannot hold ten.
      restore = limitWrites(9, mode);
      const batch = [{ ...kept, text: 'edited' }, ...Array.from({ length: 9 }, () => captured())];
      await expect(ingestCapturedBatch(db, batch, T0 + 1)).rejects.toBeInstanceOf(StorageFullError);
      restore();
      restore = undefined;
      expect(await snapshot(db)).toEqual(before);
    });

    it('succeeds when the quota holds exactly the writes needed', async () => {
      const db = await freshDb();
      restore = limitWrites(10);
      const batch = Array.from({ length: 10 }, () => captured());
      expect(await ingestCapturedBatch(db, batch, T0)).toMatchObject({ inserted: 10 });
      expect(await db.count('messages')).toBe(10);
    });
  });
});
