// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { TeamView } from '../../components/TeamView';
import { NOW, item, person } from '../signals/fixtures';

afterEach(cleanup);

const people = [person('alice', 'Alice Chen'), person('bob', 'Bob Diaz')];
const items = [
  item({ label: 'recognition', author: 'carol', subjects: ['alice'], daysAgo: 1, channel: 'eng' }),
  item({ label: 'recognition', author: 'dan', subjects: ['alice'], daysAgo: 2, channel: 'design' }),
  item({ label: 'recognition', author: 'erin', subjects: ['alice'], daysAgo: 3, channel: 'eng' }),
  item({ label: 'request', author: 'bob', daysAgo: 1 }),
  item({ label: 'request', author: 'bob', daysAgo: 2 }),
  item({ label: 'request', author: 'bob', daysAgo: 3 }),
  item({ label: 'request', author: 'bob', daysAgo: 4 }),
];

function renderTeam(overrides: Partial<Parameters<typeof TeamView>[0]> = {}) {
  const onOpenPerson = vi.fn();
  const onPeriodChange = vi.fn();
  render(
    <TeamView
      people={people}
      items={items}
      now={NOW}
      period="4w"
      onPeriodChange={onPeriodChange}
      onOpenPerson={onOpenPerson}
      {...overrides}
    />,
  );
  return { onOpenPerson, onPeriodChange };
}

const count = (row: HTMLElement, name: string) =>
  within(row).getByText(name).closest('.count')?.querySelector('dd')?.textContent;

describe('TeamView', () => {
  it('renders one row per report with counts, sources, a labelled sparkline and cues', () => {
    renderTeam();
    const rows = screen.getAllByRole('listitem').filter((li) => li.classList.contains('team-row'));
    expect(rows).toHaveLength(2);
    const [alice, bob] = rows;
    expect(within(alice).getByRole('heading', { name: 'Alice Chen' })).toBeTruthy();
    expect(count(alice, 'Recognition received')).toBe('3');
    expect(count(bob, 'Asks / blockers')).toBe('4');
    // Said once, as the highlighted cue, not also beside the sparkline.
    expect(within(alice).queryByText('From 3 people in 2 channels')).toBeNull();
    expect(within(alice).getByText('Recognition from 3 people in 2 channels')).toBeTruthy();
    expect(within(alice).getByText('3 recognitions in the last 4 weeks, none in the 4 before')).toBeTruthy();
    expect(within(bob).getByText('4 asks or blockers this week')).toBeTruthy();
    const spark = within(alice).getByRole('img');
    expect(spark.getAttribute('aria-label')).toContain('0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3');
  });

  it('opens a person when their name is clicked', () => {
    const { onOpenPerson } = renderTeam();
    fireEvent.click(screen.getByRole('button', { name: 'Bob Diaz' }));
    expect(onOpenPerson).toHaveBeenCalledWith('bob');
  });

  it('reports a period change', () => {
    const { onPeriodChange } = renderTeam();
    fireEvent.change(screen.getByLabelText('Period'), { target: { value: 'quarter' } });
    expect(onPeriodChange).toHaveBeenCalledWith('quarter');
  });

  it('explains what to do when no reports are chosen', () => {
    const onOpenSettings = vi.fn();
    renderTeam({ people: [], onOpenSettings });
    fireEvent.click(screen.getByRole('button', { name: 'Open Settings' }));
    expect(onOpenSettings).toHaveBeenCalled();
  });

  it('offers "Me" for the signed-in user, with no reports, and opens their view', () => {
    const { onOpenPerson } = renderTeam({ people: [], self: person('me', 'Mia Park', { isReport: false }) });
    const me = screen.getByRole('button', { name: 'Me' });
    expect(screen.getByText(/Your own evidence as Mia Park/)).toBeTruthy();
    fireEvent.click(me);
    expect(onOpenPerson).toHaveBeenCalledWith('me');
    // No reports: the way to choose them is still there.
    expect(screen.getByText(/No reports chosen yet/)).toBeTruthy();
  });

  it('does not offer "Me" while the signed-in user is unknown', () => {
    renderTeam({ people: [], self: null });
    expect(screen.queryByRole('button', { name: 'Me' })).toBeNull();
  });
});
