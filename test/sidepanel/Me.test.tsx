// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { PanelViews } from '../../entrypoints/sidepanel/Panel';
import { DRAFT_BANNER } from '../../lib/notes';
import type { EmbedTexts } from '../../lib/rubric';
import type { AspenDb } from '../../lib/store';
import { item, person } from '../signals/fixtures';
import { freshDb } from '../store/helpers';
import { panelData } from './panelData';

/** Every text gets the same vector: every behaviour matches, so the evidence lands in a competency. */
vi.mock('../../entrypoints/sidepanel/notes/embedder', () => ({
  loadPanelEmbedder: async (): Promise<EmbedTexts> => async (texts) => texts.map(() => Float32Array.from({ length: 512 }, (_, i) => (i === 0 ? 1 : 0))),
}));

// An individual contributor with no reports: nobody is a report.
const me = person('me', 'Mia Park', { isReport: false, level: 2 });
const bob = person('bob', 'Bob Diaz', { isReport: false });
const praise = item({ label: 'recognition', author: 'bob', subjects: ['me'], daysAgo: 5, text: 'Mia untangled the billing migration for everyone.' });
const bobPraised = item({ label: 'recognition', author: 'me', subjects: ['bob'], daysAgo: 3, text: 'Thanks Bob for the review.' });

const data = (selfId: string | null) => panelData(db, { people: [me, bob], items: [praise, bobPraised], selfId });

let db: AspenDb;
beforeEach(async () => {
  db = await freshDb();
});
afterEach(cleanup);

describe('Me, for individual contributors', () => {
  it('offers "Me" with no reports, opens their person view, and drafts a self-review citing their evidence', async () => {
    render(<PanelViews data={data('me')} />);
    fireEvent.click(screen.getByRole('button', { name: 'Me' }));

    expect(screen.getByRole('tab', { name: 'Mia Park', selected: true })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: 'Mia Park' })).toBeTruthy();
    expect(screen.getByText(praise.message.text)).toBeTruthy();

    fireEvent.click(screen.getByRole('tab', { name: 'Review' }));
    await screen.findByText(DRAFT_BANNER);
    expect(screen.getByRole('heading', { name: 'Self-review draft: Mia Park' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: /Next level: Mia Park/ })).toBeTruthy();
    // Their evidence is cited with its Slack link; what they said about someone else is not theirs to claim.
    const claim = document.querySelector(`[data-item-key="${praise.key}"]`) as HTMLElement;
    expect(claim).not.toBeNull();
    expect(within(claim).getByRole('link', { name: /Open in Slack/ }).getAttribute('href')).toBe(praise.message.permalink);
    expect(document.querySelector(`[data-item-key="${bobPraised.key}"]`)).toBeNull();
  });

  it('keeps the signed-in user out of the stand-in team: they are "Me"', () => {
    render(<PanelViews data={data('me')} />);
    expect(screen.getByRole('button', { name: 'Bob Diaz' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Mia Park' })).toBeNull();
  });

  it('"Me" is the signed-in user of the current workspace', () => {
    const base = data('me');
    // In workspace T2 the manager signed in as Bob: there, Bob is "Me" and Mia is on the team.
    render(<PanelViews data={{ ...base, settings: { ...base.settings, selfIds: { T1: 'me', T2: 'bob' }, currentTeamId: 'T2' } }} />);
    expect(screen.queryByRole('button', { name: 'Bob Diaz' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Me' }));
    expect(screen.getByRole('heading', { level: 2, name: 'Bob Diaz' })).toBeTruthy();
  });

  it('offers no "Me" while the signed-in user is unknown', () => {
    render(<PanelViews data={data(null)} />);
    expect(screen.queryByRole('button', { name: 'Me' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Mia Park' })).toBeTruthy();
  });
});
