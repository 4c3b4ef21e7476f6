// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { PersonView, type PersonViewProps } from '../../components/PersonView';
import type { EvidenceItem } from '../../lib/signals';
import { NOW, item, person } from '../signals/fixtures';

afterEach(cleanup);

const alice = person('alice', 'Alice Chen');
const people = [alice, person('bob', 'Bob Diaz'), person('carol', 'Carol Evans', { isReport: false })];

function renderPerson(items: EvidenceItem[], overrides: Partial<PersonViewProps> = {}) {
  const props: PersonViewProps = {
    person: alice,
    people,
    items,
    now: NOW,
    period: '12w',
    onPeriodChange: vi.fn(),
    notes: '',
    onSaveNotes: vi.fn(),
    onCorrect: vi.fn(),
    ...overrides,
  };
  const view = render(<PersonView {...props} />);
  return { ...view, props };
}


describe('PersonView', () => {
  const praise = item({ label: 'recognition', author: 'bob', subjects: ['alice'], daysAgo: 1, text: 'Great launch, Alice' });
  const coaching = item({ label: 'coaching', author: 'carol', subjects: ['alice'], daysAgo: 2, text: 'Try smaller PRs' });
  const ask = item({ label: 'request', author: 'alice', daysAgo: 3, text: 'Blocked on the API key' });
  const unrelated = item({ label: 'recognition', author: 'bob', subjects: ['carol'], daysAgo: 1, text: 'Thanks Carol' });
  const old = item({ label: 'recognition', author: 'bob', subjects: ['alice'], daysAgo: 200, text: 'Ancient praise' });

  it('shows the person\'s evidence in the period, newest first, and filters by label', () => {
    renderPerson([ask, unrelated, praise, coaching, old]);
    const texts = () => [...document.querySelectorAll('ol.timeline .evidence-text')].map((p) => p.textContent);
    expect(texts()).toEqual(['Great launch, Alice', 'Try smaller PRs', 'Blocked on the API key']);
    fireEvent.change(screen.getByLabelText('Label'), { target: { value: 'coaching' } });
    expect(texts()).toEqual(['Try smaller PRs']);
    fireEvent.change(screen.getByLabelText('Label'), { target: { value: 'all' } });
    const row = screen.getByRole('article', { name: /^Recognition from Bob Diaz/ });
    expect(within(row).getByText('#general')).toBeTruthy();
    expect(within(row).getByRole('link', { name: /Open in Slack/ }).getAttribute('href')).toBe(praise.message.permalink);
  });

  it('keeps keyboard focus on the timeline after Confirm, a saved correction and Dismiss', () => {
    const unsure = { ...praise, unsure: true };
    renderPerson([unsure, coaching, ask]);
    const [first, second] = screen.getAllByRole('article');
    fireEvent.click(within(first!).getByRole('button', { name: /^Confirm Recognition/ }));
    expect(document.activeElement).toBe(within(first!).getByRole('button', { name: /^Correct/ }));
    fireEvent.click(within(first!).getByRole('button', { name: /^Correct/ }));
    fireEvent.click(within(first!).getByRole('button', { name: 'Save correction' }));
    expect(document.activeElement).toBe(within(first!).getByRole('button', { name: /^Correct/ }));
    fireEvent.click(within(first!).getByRole('button', { name: /^Dismiss/ }));
    expect(document.activeElement).toBe(second);
  });

  it('fires a correction with the chosen label and subjects', () => {
    const { props } = renderPerson([praise]);
    fireEvent.click(screen.getByRole('button', { name: /^Correct/ }));
    const form = screen.getByRole('form', { name: 'Correct this message' });
    fireEvent.change(within(form).getByLabelText('Label'), { target: { value: 'constructive' } });
    fireEvent.click(within(form).getByLabelText('Bob Diaz'));
    fireEvent.click(within(form).getByLabelText('Alice Chen'));
    fireEvent.click(within(form).getByRole('button', { name: 'Save correction' }));
    expect(props.onCorrect).toHaveBeenCalledWith(praise.key, { label: 'constructive', subjects: ['bob'], dismissed: false, learn: true });
  });

  it('dismisses and restores through the same callback', () => {
    const dismissed = { ...coaching, dismissed: true };
    const { props } = renderPerson([praise, dismissed]);
    fireEvent.click(screen.getByRole('button', { name: /^Dismiss/ }));
    expect(props.onCorrect).toHaveBeenCalledWith(praise.key, { label: 'recognition', subjects: ['alice'], dismissed: true, learn: false });
    expect(screen.queryByText('Try smaller PRs')).toBeNull();
    fireEvent.click(screen.getByLabelText('Show dismissed'));
    fireEvent.click(screen.getByRole('button', { name: /^Restore/ }));
    expect(props.onCorrect).toHaveBeenLastCalledWith(coaching.key, { label: 'coaching', subjects: ['alice'], dismissed: false, learn: false });
  });

  it('shows an unsure label in its own style with a one-click Confirm, and leaves it out of the counts', () => {
    const unsurePraise = { ...item({ label: 'recognition', author: 'carol', subjects: ['alice'], daysAgo: 1, text: 'nice one' }), unsure: true };
    const { props } = renderPerson([praise, unsurePraise]);
    const row = screen.getByRole('article', { name: /^Unsure: Recognition from Carol Evans/ });
    expect(row.closest('li')!.classList.contains('evidence-unsure')).toBe(true);
    expect(within(row).getByText('Unsure')).toBeTruthy();
    expect(screen.getByRole('article', { name: /^Recognition from Bob Diaz/ }).closest('li')!.classList.contains('evidence-unsure')).toBe(false);
    // Only the confident praise is counted; the panel says why.
    expect(screen.getByText('Recognition received').nextElementSibling!.textContent).toBe('1');
    expect(screen.getByText(/From 1 person in 1 channel/)).toBeTruthy();
    expect(screen.getByText(/1 message the model was unsure about is left out/)).toBeTruthy();
    expect(screen.getAllByRole('button', { name: /^Confirm/ })).toHaveLength(1);
    fireEvent.click(within(row).getByRole('button', { name: /^Confirm Recognition/ }));
    expect(props.onCorrect).toHaveBeenCalledWith(unsurePraise.key, { label: 'recognition', subjects: ['alice'], dismissed: false, learn: true });
  });

  it('renders hostile message text as text and links nothing that is not Slack over http(s)', () => {
    const hostile = item({
      label: 'recognition',
      author: 'bob',
      subjects: ['alice'],
      daysAgo: 1,
      text: '<img src=x onerror=alert(1)> see javascript:alert(1)',
      permalink: 'javascript:alert(1)',
    });
    const lookalike = item({
      label: 'recognition',
      author: 'bob',
      subjects: ['alice'],
      daysAgo: 2,
      text: 'phish',
      permalink: 'https://slack.com.evil.example/archives/C1/p1',
    });
    const { container } = renderPerson([hostile, lookalike]);
    expect(screen.getByText('<img src=x onerror=alert(1)> see javascript:alert(1)')).toBeTruthy();
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelectorAll('a')).toHaveLength(0);
    expect(container.innerHTML).not.toContain('href="javascript:');
  });

  it('shows a page filed from outside Slack by its site, linking to the page only over http(s)', () => {
    const page = (permalink: string, text: string): EvidenceItem => {
      const base = item({ label: 'recognition', author: '', subjects: ['alice'], daysAgo: 1, text, permalink });
      return { ...base, source: 'page', message: { ...base.message, channelName: 'docs.example.com' } };
    };
    const { container } = renderPerson([page('https://docs.example.com/design', 'Design doc'), page('javascript:alert(1)', 'Bad page')]);
    const good = screen.getByText('Design doc').closest('article')!;
    expect(within(good).getByText('Captured page')).toBeTruthy();
    expect(within(good).getByText('docs.example.com')).toBeTruthy();
    expect(within(good).getByRole('link', { name: /Open page/ }).getAttribute('href')).toBe('https://docs.example.com/design');
    expect(within(screen.getByText('Bad page').closest('article')!).queryByRole('link')).toBeNull();
    expect(container.innerHTML).not.toContain('href="javascript:');
  });

  it('caps the timeline and pages with "Show more"', () => {
    const many = Array.from({ length: 250 }, (_, i) =>
      item({ label: 'recognition', author: 'bob', subjects: ['alice'], daysAgo: i / 10 }),
    );
    renderPerson(many);
    expect(document.querySelectorAll('ol.timeline > li')).toHaveLength(100);
    expect(screen.getByText('Showing 100 of 250 messages')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Show 100 more' }));
    fireEvent.click(screen.getByRole('button', { name: 'Show 50 more' }));
    expect(document.querySelectorAll('ol.timeline > li')).toHaveLength(250);
    expect(screen.queryByRole('button', { name: /more$/ })).toBeNull();
  });

  it('shows recurring themes from recognition the person received', () => {
    const texts = ['Thanks for the incident review', 'Solid incident review again', 'incident review hero'];
    renderPerson(texts.map((text, i) => item({ label: 'recognition', author: 'bob', subjects: ['alice'], daysAgo: i + 1, text })));
    const themes = document.querySelector('ul.themes');
    expect(themes?.textContent).toBe('incident review ×3');
  });

  it('saves private notes through the callback and announces it', async () => {
    const onSaveNotes = vi.fn().mockResolvedValue(undefined);
    renderPerson([], { notes: 'old', onSaveNotes });
    const box = screen.getByLabelText('Private notes on Alice Chen');
    fireEvent.change(box, { target: { value: 'Talk about the launch' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save notes' }));
    expect(onSaveNotes).toHaveBeenCalledWith('Talk about the launch');
    expect(await screen.findByText('Saved')).toBeTruthy();
  });
});
