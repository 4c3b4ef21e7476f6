import { describe, expect, it } from 'vitest';
import { ingestCapturedBatch, messageKey } from '../../lib/store';
import { captured, freshDb } from './helpers';

describe('stored permalinks', () => {
  it.each([
    ['https://acme.slack.com/archives/C1/p1700000001000100', 'https://acme.slack.com/archives/C1/p1700000001000100'],
    ['https://acme.slack.com/archives/C1/p1?thread_ts=1.2&cid=C1', 'https://acme.slack.com/archives/C1/p1?thread_ts=1.2&cid=C1'],
    ['javascript:alert(1)', ''],
    ['https://evil.example/archives/C1/p1', ''],
    ['https://acme.slack.com.evil.example/archives/C1/p1', ''],
    ['http://acme.slack.com/archives/C1/p1', ''],
    ['https://acme.slack.com/files/U1/F1/secret.pdf', ''],
    ['https://user:pw@acme.slack.com/archives/C1/p1', ''],
    ['/archives/C1/p1', ''],
  ])('keeps %s as %j', async (permalink, stored) => {
    const db = await freshDb();
    const message = captured({ permalink });
    await ingestCapturedBatch(db, [message]);
    expect((await db.get('messages', messageKey(message)))!.permalink).toBe(stored);
  });
});
