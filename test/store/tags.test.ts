import { describe, expect, it } from 'vitest';
import { getManagerTag, ingestCapturedBatch, messageKey, tagRecognition } from '../../lib/store';
import { captured, freshDb } from './helpers';

describe('tagRecognition', () => {
  it('tags the stored message by key and never brings back text the author edited away', async () => {
    const db = await freshDb();
    const original = captured({ text: 'Thanks Bob for the fix' });
    const key = messageKey(original);
    await ingestCapturedBatch(db, [original], 1000);
    await ingestCapturedBatch(db, [{ ...original, text: 'Thanks Bob and Carol for the fix', edited: true }], 2000);
    // A Slack tab that still shows the old row tags it later: its sighting must not win over the edit.
    await tagRecognition(db, key, ['U2'], original, 3000);
    const stored = await db.get('messages', key);
    expect(stored).toMatchObject({ text: 'Thanks Bob and Carol for the fix', edited: true });
    expect(await getManagerTag(db, key)).toMatchObject({ label: 'recognition', subjects: ['U2'], dismissed: false });
  });

  it('stores the sighting of a message not captured yet, and refuses one that is not that message', async () => {
    const db = await freshDb();
    const message = captured();
    const key = messageKey(message);
    await expect(tagRecognition(db, key, ['U2'])).rejects.toThrow('not captured yet');
    await expect(tagRecognition(db, key, ['U2'], captured())).rejects.toThrow('not captured yet');
    expect(await getManagerTag(db, key)).toBeUndefined();
    await tagRecognition(db, key, ['U2'], message);
    expect(await db.get('messages', key)).toMatchObject({ text: message.text });
    expect(await getManagerTag(db, key)).toMatchObject({ subjects: ['U2'] });
  });
});
