import { describe, expect, it } from 'vitest';
import { addPageEvidence, assignPageEvidence, listPageEvidence, pageEvidenceFor } from '../../lib/store';
import { freshDb } from './helpers';

const page = { url: 'https://docs.example.com/rfc', title: 'Rate limiter RFC', excerpt: 'Why we chose it', text: 'Why we chose it.' };

describe('page evidence filing', () => {
  it('lists every page, unassigned ones included, oldest first', async () => {
    const db = await freshDb();
    const later = await addPageEvidence(db, { ...page, personId: 'U1', label: 'recognition' }, 2000);
    const earlier = await addPageEvidence(db, { ...page, personId: '', label: 'other' }, 1000);
    expect((await listPageEvidence(db)).map((p) => p.id)).toEqual([earlier.id, later.id]);
  });

  it('files an unassigned page under a person with a label, keeping everything else', async () => {
    const db = await freshDb();
    const waiting = await addPageEvidence(db, { ...page, personId: '', label: 'other' }, 1000);
    const filed = await assignPageEvidence(db, waiting.id, 'U2', 'recognition');
    expect(filed).toEqual({ ...waiting, personId: 'U2', label: 'recognition' });
    expect(await pageEvidenceFor(db, 'U2')).toEqual([filed]);
    expect(await pageEvidenceFor(db, '')).toEqual([]);
    // Back to unassigned.
    await assignPageEvidence(db, waiting.id, '', 'other');
    expect((await pageEvidenceFor(db, '')).map((p) => p.id)).toEqual([waiting.id]);
  });

  it('refuses a page that does not exist and a label that is not one', async () => {
    const db = await freshDb();
    await expect(assignPageEvidence(db, 'missing', 'U2', 'recognition')).rejects.toThrow(/No page evidence missing/);
    const waiting = await addPageEvidence(db, { ...page, personId: '', label: 'other' });
    await expect(assignPageEvidence(db, waiting.id, 'U2', 'praise' as never)).rejects.toThrow();
    expect((await listPageEvidence(db))[0]).toEqual(waiting);
  });
});
