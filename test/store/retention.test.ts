import { describe, expect, it } from 'vitest';
import {
  countExpiring,
  DAY_MS,
  exportDatabase,
  importDatabase,
  ingestCapturedBatch,
  messageKey,
  setManagerTag,
  updateSettings,
} from '../../lib/store';
import { captured, freshDb } from './helpers';

const NOW = 1_710_000_000_000;
/** A message sent `days` days before NOW. */
const sentDaysAgo = (days: number) => captured({ ts: `${Math.floor((NOW - days * DAY_MS) / 1000)}.000100` });

describe('retention', () => {
  it('counts what a shorter period would delete, tagged messages kept, without deleting anything', async () => {
    const db = await freshDb();
    const messages = [sentDaysAgo(10), sentDaysAgo(100), sentDaysAgo(200), sentDaysAgo(400)];
    await ingestCapturedBatch(db, messages, NOW);
    await setManagerTag(db, messageKey(messages[2]!), { label: 'recognition', subjects: ['U2'], dismissed: false }, NOW);
    expect(await countExpiring(db, 365, NOW)).toBe(1);
    expect(await countExpiring(db, 90, NOW)).toBe(2);
    expect(await countExpiring(db, 30, NOW)).toBe(2);
    expect(await db.count('messages')).toBe(4);
  });

  it('applies to imported data: a backup cannot bring back messages older than the period', async () => {
    const source = await freshDb();
    const messages = [sentDaysAgo(10), sentDaysAgo(100)];
    await ingestCapturedBatch(source, messages, NOW);
    const backup = await exportDatabase(source, NOW);

    const db = await freshDb();
    await updateSettings(db, { retentionDays: 30 });
    const result = await importDatabase(db, backup, NOW);
    expect(result).toMatchObject({ added: 2, expired: 1, errors: [] });
    expect(await db.getAllKeys('messages')).toEqual([messageKey(messages[0]!)]);
  });
});
