// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { OneOnOnePrepTab } from '../../entrypoints/sidepanel/notes/OneOnOnePrepTab';
import { addNote, getPerson, notesFor, savePerson } from '../../lib/store';
import { freshDb } from '../store/helpers';
import { DAY, item, person } from '../signals/fixtures';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const alice = person('alice', 'Alice Chen');
// Relative to the real clock: "Mark 1:1 done today" stamps Date.now().
const now = Date.now();
const praise = { ...item({ label: 'recognition', author: 'bob', subjects: ['alice'], daysAgo: 0, text: 'Thanks Alice for the migration plan.' }) };
praise.message = { ...praise.message, sentAt: now - 2 * DAY };

async function setup() {
  const db = await freshDb();
  await savePerson(db, alice);
  await addNote(db, { personId: 'alice', kind: 'note', body: '- [ ] Ask about the on-call rota' }, now - DAY);
  render(<OneOnOnePrepTab db={db} person={alice} items={[praise]} now={now} />);
  await screen.findByRole('heading', { name: '1:1 prep: Alice Chen' });
  return db;
}

describe('OneOnOnePrepTab', () => {
  it('shows the prep with cited evidence and follow-ups from the stored notes', async () => {
    await setup();
    const celebrate = screen.getByRole('region', { name: 'What to celebrate' });
    expect(within(celebrate).getByRole('link', { name: /Open in Slack/ })).toBeTruthy();
    const followUps = screen.getByRole('region', { name: 'Follow-ups from your notes' });
    expect((within(followUps).getByRole('textbox') as HTMLTextAreaElement).value).toBe('Ask about the on-call rota');
    expect(screen.getByText('No 1:1 on record yet: the prep looks back 14 days.')).toBeTruthy();
    expect((screen.getByLabelText('Last 1:1') as HTMLInputElement).value).toBe('');
  });

  it('saves the prep as a 1:1 note', async () => {
    const db = await setup();
    fireEvent.click(screen.getByRole('button', { name: 'Save as note' }));
    await screen.findByText('Saved as a note.');
    const saved = (await notesFor(db, 'alice')).filter((n) => n.kind === 'one-on-one');
    expect(saved).toHaveLength(1);
    expect(saved[0].body).toMatch(/^# 1:1 prep: Alice Chen/);
    expect(saved[0].body).toContain('Thanks Alice for the migration plan');
  });

  it('marks the 1:1 done today on the person', async () => {
    const db = await setup();
    fireEvent.click(screen.getByRole('button', { name: 'Mark 1:1 done today' }));
    await screen.findByText('1:1 with Alice Chen marked as done today.');
    const stored = await getPerson(db, 'alice');
    expect(stored?.lastOneOnOne).toBeGreaterThanOrEqual(now);
    expect(stored).toMatchObject({ name: 'Alice Chen', level: 3, isReport: true });
  });

  it('sets the last 1:1 to a date the manager enters, and clears it again', async () => {
    const db = await setup();
    const field = screen.getByLabelText('Last 1:1') as HTMLInputElement;
    fireEvent.change(field, { target: { value: '2026-11-01' } });
    await screen.findByText('Last 1:1 with Alice Chen set to 2026-11-01.');
    expect((await getPerson(db, 'alice'))?.lastOneOnOne).toBe(Date.parse('2026-11-01T00:00:00Z'));
    // A field being retyped reads empty: that clears nothing until the manager leaves it empty.
    fireEvent.change(field, { target: { value: '' } });
    expect((await getPerson(db, 'alice'))?.lastOneOnOne).toBe(Date.parse('2026-11-01T00:00:00Z'));
    fireEvent.blur(field);
    await screen.findByText('No 1:1 with Alice Chen on record: the prep looks back 14 days.');
    expect((await getPerson(db, 'alice'))?.lastOneOnOne).toBeNull();
  });

  it('refuses a last 1:1 after today, and keeps the stored one', async () => {
    const db = await setup();
    fireEvent.change(screen.getByLabelText('Last 1:1'), { target: { value: '2999-01-01' } });
    await screen.findByText('The last 1:1 cannot be after today.');
    expect((await getPerson(db, 'alice'))?.lastOneOnOne).toBeNull();
  });

  it('copies to the clipboard and confirms', async () => {
    await setup();
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    fireEvent.click(screen.getByRole('button', { name: 'Copy as Markdown' }));
    await screen.findByText('Copied as Markdown.');
    expect(writeText.mock.calls[0]).toEqual([expect.stringMatching(/^# 1:1 prep: Alice Chen/)]);
    expect(screen.queryByLabelText('1:1 prep as Markdown')).toBeNull();
  });

  it('offers the Markdown to copy by hand when the clipboard is refused', async () => {
    await setup();
    const writeText = vi.fn(async () => {
      throw new DOMException('Document is not focused.', 'NotAllowedError');
    });
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    fireEvent.click(screen.getByRole('button', { name: 'Copy as Markdown' }));
    await screen.findByText(/refused the clipboard/);
    const fallback = screen.getByLabelText('1:1 prep as Markdown') as HTMLTextAreaElement;
    await waitFor(() => expect(fallback.value).toMatch(/^# 1:1 prep: Alice Chen/));
    expect(fallback.readOnly).toBe(true);
  });
});
