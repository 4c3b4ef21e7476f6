import { describe, expect, it } from 'vitest';
import { allDecisions, decideEvidence, decisionsFor } from '../../lib/store';
import { freshDb } from './helpers';

describe('evidence decisions', () => {
  it('merges changes to one piece of evidence, per person, and forgets a decision that is back to the mapping', async () => {
    const db = await freshDb();
    await decideEvidence(db, 'U2', 'k1', { competencyId: 'mentoring' }, 1);
    await decideEvidence(db, 'U2', 'k1', { pinned: true }, 2);
    await decideEvidence(db, 'U3', 'k1', { excluded: true }, 3);
    expect(await decisionsFor(db, 'U2')).toEqual([{ personId: 'U2', itemKey: 'k1', competencyId: 'mentoring', excluded: false, pinned: true, decidedAt: 2 }]);
    expect(await decisionsFor(db, 'U3')).toEqual([{ personId: 'U3', itemKey: 'k1', excluded: true, pinned: false, decidedAt: 3 }]);

    await decideEvidence(db, 'U2', 'k1', { competencyId: null }, 4);
    expect((await decisionsFor(db, 'U2'))[0]).toMatchObject({ competencyId: null, pinned: true });
    await decideEvidence(db, 'U2', 'k1', { competencyId: undefined, pinned: false }, 5);
    expect(await decisionsFor(db, 'U2')).toEqual([]);
    expect(await allDecisions(db)).toHaveLength(1);
  });

  it('rejects a decision that names no evidence, writing nothing', async () => {
    const db = await freshDb();
    await expect(decideEvidence(db, 'U2', '', { excluded: true })).rejects.toThrow();
    expect(await allDecisions(db)).toEqual([]);
  });
});
