// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import {
  AddPageEvidenceView,
  CalibrationView,
  NextLevelView,
  OneOnOnePrepView,
  ReviewDraftView,
  printableReviewDocument,
} from '../../components/notes';
import { DEFAULT_RUBRIC, competenciesFor, type MappedEvidence } from '../../lib/rubric';
import { assessNextLevel, buildCalibration, buildOneOnOnePrep, buildReviewDraft, DRAFT_BANNER } from '../../lib/notes';
import { DAY_MS } from '../../lib/signals';
import { item, person, NOW } from '../signals/fixtures';

afterEach(cleanup);

const alice = person('alice', 'Alice Chen', { level: 3 });
const bob = person('bob', 'Bob Diaz');
const EVIL = 'Great work Alice <img src=x onerror=alert(1)> [link](javascript:alert(1))';
const praise = item({ label: 'recognition', author: 'bob', subjects: ['alice'], daysAgo: 2, text: EVIL });
const ask = item({ label: 'request', author: 'alice', daysAgo: 1, text: 'Blocked on the staging deploy.' });
const spoofed = item({ label: 'constructive', author: 'carol', subjects: ['alice'], daysAgo: 3, text: 'Tests are thin, Alice.', permalink: 'javascript:alert(1)' });
const items = [praise, ask, spoofed];
const period = { from: NOW - 84 * DAY_MS, to: NOW };

function mapped(): MappedEvidence[] {
  const [craft, delivery] = competenciesFor(DEFAULT_RUBRIC, 'ic', 3);
  return [
    { item: praise, matches: [{ competency: craft, behaviour: craft.behaviours[0], similarity: 0.52, score: 0.9, method: "head" }] },
    { item: spoofed, matches: [{ competency: delivery, behaviour: delivery.behaviours[1], similarity: 0.41, score: 0.8, method: "head" }] },
  ];
}

describe('OneOnOnePrepView', () => {
  const prep = buildOneOnOnePrep(alice, items, [], { now: NOW });

  it('shows each section with its evidence linked to Slack', () => {
    render(<OneOnOnePrepView prep={prep} onSaveNote={vi.fn()} onCopy={vi.fn()} />);
    for (const title of ['What to celebrate', 'Feedback to discuss', 'Blockers to clear', 'Follow-ups from your notes', 'Suggested questions']) {
      expect(screen.getByRole('heading', { name: title })).toBeTruthy();
    }
    const celebrate = screen.getByRole('region', { name: 'What to celebrate' });
    expect(within(celebrate).getByRole('link', { name: /Open in Slack/ }).getAttribute('href')).toBe(praise.message.permalink);
    // A permalink that is not https Slack gets no link at all.
    const feedback = screen.getByRole('region', { name: 'Feedback to discuss' });
    expect(within(feedback).queryByRole('link')).toBeNull();
    expect(document.querySelector('img')).toBeNull();
  });

  it('copies and saves what was edited', () => {
    const onCopy = vi.fn();
    const onSaveNote = vi.fn();
    render(<OneOnOnePrepView prep={prep} onSaveNote={onSaveNote} onCopy={onCopy} />);
    fireEvent.change(screen.getByLabelText('Blockers to clear, item 1'), { target: { value: 'Staging deploy: ask infra' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add item to Follow-ups from your notes' }));
    fireEvent.change(screen.getByLabelText('Follow-ups from your notes, item 1'), { target: { value: 'Book the offsite' } });
    fireEvent.click(screen.getByRole('button', { name: 'Remove What to celebrate item 1' }));
    fireEvent.click(screen.getByRole('button', { name: 'Copy as Markdown' }));
    const markdown: string = onCopy.mock.calls[0][0];
    expect(markdown).toContain('- Staging deploy: ask infra (');
    expect(markdown).toContain('- Book the offsite');
    expect(markdown).toContain('## What to celebrate\n\n_No recognition captured in the last 14 days\\._\n');
    fireEvent.click(screen.getByRole('button', { name: 'Save as note' }));
    expect(onSaveNote).toHaveBeenCalledWith(markdown);
  });
});

describe('ReviewDraftView', () => {
  const draft = buildReviewDraft(alice, DEFAULT_RUBRIC, mapped(), period);

  it('shows the draft banner, claims with citations, and visibly marked gaps', () => {
    render(<ReviewDraftView draft={draft} period="12w" onPeriodChange={vi.fn()} onExport={vi.fn()} />);
    expect(screen.getByRole('note').textContent).toBe(DRAFT_BANNER);
    const craft = screen.getByRole('region', { name: 'Technical craft' });
    expect(within(craft).getByText(/^Recognized by BOB on /).textContent).toContain('<img src=x onerror=alert(1)>');
    // The opening sentence and the claim both cite the praise.
    const links = within(craft).getAllByRole('link', { name: /Open in Slack/ });
    expect(links.map((a) => a.getAttribute('href'))).toEqual([praise.message.permalink, praise.message.permalink]);
    expect(within(craft).getByText(/^Alice was recognized for technical craft once by BOB on /)).toBeTruthy();
    expect(within(craft).getByText('Not enough evidence:')).toBeTruthy();
    expect(within(screen.getByRole('region', { name: 'Delivery & ownership' })).queryByRole('link')).toBeNull();
    const gaps = document.querySelectorAll('.notes-gap');
    expect(gaps).toHaveLength(4);
    expect(within(screen.getByRole('region', { name: 'Collaboration' })).getByText(/No captured evidence for Collaboration/)).toBeTruthy();
    expect(document.querySelector('img')).toBeNull();
  });

  it('changes the period and exports through callbacks', () => {
    const onPeriodChange = vi.fn();
    const onExport = vi.fn();
    render(<ReviewDraftView draft={draft} period="12w" onPeriodChange={onPeriodChange} onExport={onExport} />);
    fireEvent.change(screen.getByLabelText('Period'), { target: { value: 'quarter' } });
    expect(onPeriodChange).toHaveBeenCalledWith('quarter');
    fireEvent.click(screen.getByRole('button', { name: 'Export Markdown' }));
    fireEvent.click(screen.getByRole('button', { name: 'Printable page' }));
    fireEvent.click(screen.getByRole('button', { name: 'Evidence as CSV' }));
    expect(onExport.mock.calls.map((c) => c[0])).toEqual(['markdown', 'html', 'csv']);
  });
});

describe('CalibrationView', () => {
  const calibration = buildCalibration([alice, bob], items, period);

  it('has a table with row and column headers, a described chart, and the cues', () => {
    render(<CalibrationView calibration={calibration} />);
    const table = screen.getByRole('table', { name: 'Evidence per person and label' });
    const aliceRow = within(table).getByRole('row', { name: /Alice Chen/ });
    expect(within(aliceRow).getAllByRole('cell').map((c) => c.textContent)).toEqual(['IC3', '1', '1', '0', '1', '3']);
    const chart = screen.getByRole('img', { name: /Evidence per person, by label/ });
    expect(chart.querySelector('desc')!.textContent).toContain('Alice Chen: 1 recognition, 1 constructive, 0 coaching, 1 ask / blocker');
    expect(screen.getByText(/Only 3 of at least 5 pieces of evidence for Alice/)).toBeTruthy();
  });
});

describe('NextLevelView', () => {
  it('shows the verdict, matched competencies and support cues', () => {
    const assessment = assessNextLevel(alice, DEFAULT_RUBRIC, [], [ask], { ...period, now: NOW + 30 * DAY_MS });
    render(<NextLevelView assessment={assessment} personName="Alice Chen" />);
    expect(screen.getByText(/^Not yet broad and sustained enough for Senior Software Engineer/)).toBeTruthy();
    expect(screen.getByText('No signals about or from them in the last 31 days.')).toBeTruthy();
  });
});

describe('AddPageEvidenceView', () => {
  it('files the page under the chosen person and label', () => {
    const onAdd = vi.fn();
    render(
      <AddPageEvidenceView
        page={{ url: 'https://docs.example.com/x', title: 'Design doc <b>x</b>', excerpt: 'Why we chose it', text: 'Why we chose it…' }}
        people={[alice, bob]}
        onAdd={onAdd}
        onCancel={vi.fn()}
      />,
    );
    const add = screen.getByRole('button', { name: 'Add evidence' }) as HTMLButtonElement;
    expect(add.disabled).toBe(true);
    expect(screen.getByText('Design doc <b>x</b>')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('About'), { target: { value: 'bob' } });
    fireEvent.change(screen.getByLabelText('Kind of evidence'), { target: { value: 'coaching' } });
    fireEvent.click(add);
    expect(onAdd).toHaveBeenCalledWith({ personId: 'bob', label: 'coaching' });
  });
});

describe('printableReviewDocument', () => {
  it('renders a standalone page with every message escaped and no script', () => {
    const html = printableReviewDocument({
      person: alice,
      draft: buildReviewDraft(alice, DEFAULT_RUBRIC, mapped(), period),
      prep: buildOneOnOnePrep(alice, items, [], { now: NOW }),
      evidence: items,
    });
    expect(html.startsWith('<!doctype html><html lang="en">')).toBe(true);
    expect(html).toContain(DRAFT_BANNER);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toMatch(/<img|<script|href="javascript/i);
    expect(html).toContain(`href="${praise.message.permalink}"`);
    const doc = new DOMParser().parseFromString(html, 'text/html');
    expect(doc.querySelectorAll('img, script, iframe')).toHaveLength(0);
  });
});
