// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { correctPageEvidence, PendingPages } from '../../entrypoints/sidepanel/notes/PendingPages';
import { addPageEvidence, listPageEvidence } from '../../lib/store';
import { freshDb } from '../store/helpers';
import { person } from '../signals/fixtures';

afterEach(cleanup);

const page = { url: 'https://docs.example.com/rfc', title: 'Rate limiter RFC', excerpt: 'Why we chose it', text: 'Why we chose it.' };
const people = [person('U1', 'Zoe Park', { isReport: false }), person('U2', 'Ada Byron')];

describe('PendingPages', () => {
  it('shows nothing when no page is waiting', async () => {
    const db = await freshDb();
    const { container } = render(<PendingPages db={db} pages={[]} people={people} />);
    expect(container.textContent).toBe('');
  });

  it('files a waiting page under the chosen person and label', async () => {
    const db = await freshDb();
    const waiting = await addPageEvidence(db, { ...page, personId: '', label: 'other' });
    render(<PendingPages db={db} pages={[waiting]} people={people} />);
    expect(screen.getByText(/A captured page is waiting to be filed/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'File as evidence…' }));
    const about = screen.getByLabelText('About') as HTMLSelectElement;
    // Reports first.
    expect([...about.options].map((o) => o.textContent)).toEqual(['Choose a person…', 'Ada Byron', 'Zoe Park']);
    fireEvent.change(about, { target: { value: 'U2' } });
    fireEvent.change(screen.getByLabelText('Kind of evidence'), { target: { value: 'coaching' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add evidence' }));
    await waitFor(async () => expect(await listPageEvidence(db)).toEqual([{ ...waiting, personId: 'U2', label: 'coaching' }]));
  });

  it('discards a page', async () => {
    const db = await freshDb();
    const waiting = await addPageEvidence(db, { ...page, personId: '', label: 'other' });
    render(<PendingPages db={db} pages={[waiting, waiting]} people={people} />);
    expect(screen.getByText(/2 captured pages are waiting/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Discard page' }));
    await waitFor(async () => expect(await listPageEvidence(db)).toEqual([]));
  });

  it('a correction in the timeline refiles the page, and dismissing it unfiles it', async () => {
    const db = await freshDb();
    const filed = await addPageEvidence(db, { ...page, personId: 'U2', label: 'recognition' });
    await correctPageEvidence(db, filed.id, { label: 'constructive', subjects: ['U1', 'U2'], dismissed: false, learn: true });
    expect((await listPageEvidence(db))[0]).toMatchObject({ personId: 'U1', label: 'constructive' });
    await correctPageEvidence(db, filed.id, { label: 'constructive', subjects: ['U1'], dismissed: true, learn: false });
    expect((await listPageEvidence(db))[0]).toMatchObject({ personId: '', label: 'constructive' });
  });
});
