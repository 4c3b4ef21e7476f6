import { describe, expect, it } from 'vitest';
import { subjectsFor } from '../../lib/classify/subjects';
import { ingestCapturedBatch, messageKey, setManagerTag, unresolvedMentions } from '../../lib/store';
import { captured, freshDb } from './helpers';

const DIEGOS = '@Diego Alvarez';

describe('mentions Aspen could not resolve', () => {
  it('credit nobody, and wait for the manager until a person is picked', async () => {
    const db = await freshDb();
    const praise = captured({ text: `Great launch ${DIEGOS}!`, mentions: [{ id: '', label: DIEGOS }] });
    const resolved = captured({ text: 'Thanks @Ada', mentions: [{ id: 'U9', label: '@Ada' }] });
    await ingestCapturedBatch(db, [praise, resolved]);
    const stored = (await db.get('messages', messageKey(praise)))!;
    // Not the author, not an empty id: nobody, until the manager says.
    expect(subjectsFor(stored)).toEqual([]);

    const waiting = await unresolvedMentions(db);
    expect(waiting.total).toBe(1);
    expect(waiting.messages.map((m) => m.key)).toEqual([messageKey(praise)]);

    await setManagerTag(db, messageKey(praise), { label: null, subjects: ['U0DIEGO002'], dismissed: false });
    expect(await unresolvedMentions(db)).toEqual({ messages: [], total: 0 });
  });
});
