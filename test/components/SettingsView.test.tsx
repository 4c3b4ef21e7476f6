// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { SettingsView, type SettingsViewProps } from '../../components/SettingsView';
import { person } from '../signals/fixtures';
import { DEFAULT_RUBRIC, levelChoices } from '../../lib/rubric';

afterEach(cleanup);

function renderSettings(overrides: Partial<SettingsViewProps> = {}) {
  const props: SettingsViewProps = {
    people: [
      person('zoe', 'Zoe Ng', { isReport: false }),
      person('amy', 'Amy Fox', { isReport: false }),
      person('bob', 'Bob Diaz', { isReport: true, level: 4, track: 'manager' }),
    ],
    suggestedIds: ['zoe'],
    retentionDays: 365,
    levels: levelChoices(DEFAULT_RUBRIC),
    onUpdatePerson: vi.fn(),
    onRetentionChange: vi.fn(async () => undefined),
    countExpiring: vi.fn(async () => 0),
    onWipe: vi.fn(),
    ...overrides,
  };
  render(<SettingsView {...props} />);
  return props;
}

describe('SettingsView', () => {
  it('lists reports first, then suggestions (marked), then everyone else', () => {
    renderSettings();
    const rows = [...document.querySelectorAll('.person-setting > label')].map((l) => l.textContent?.trim());
    expect(rows).toEqual(['Bob Diaz', 'Zoe NgSuggested', 'Amy Fox']);
  });

  it('keeps every row in its place while reports are ticked and unticked, until Settings opens again', () => {
    const props = renderSettings();
    const order = () => [...document.querySelectorAll('.person-setting > label')].map((l) => l.textContent?.trim());
    const ticked = props.people.map((p) => (p.id === 'amy' ? { ...p, isReport: true } : p.id === 'bob' ? { ...p, isReport: false } : p));
    cleanup();
    const { rerender } = render(<SettingsView {...props} />);
    rerender(<SettingsView {...props} people={ticked} />);
    expect(order()).toEqual(['Bob Diaz', 'Zoe NgSuggested', 'Amy Fox']);
    expect((screen.getByLabelText(/Amy Fox/) as HTMLInputElement).checked).toBe(true);
    cleanup();
    render(<SettingsView {...props} people={ticked} />);
    expect(order()).toEqual(['Amy Fox', 'Zoe NgSuggested', 'Bob Diaz']);
  });

  it('sends report, level and track changes', () => {
    const props = renderSettings();
    fireEvent.click(screen.getByLabelText(/Amy Fox/));
    expect(props.onUpdatePerson).toHaveBeenCalledWith('amy', { isReport: true });
    const bob = document.querySelector('.person-setting.is-report') as HTMLElement;
    fireEvent.change(within(bob).getByLabelText('Level'), { target: { value: '5' } });
    expect(props.onUpdatePerson).toHaveBeenCalledWith('bob', { level: 5 });
    fireEvent.change(within(bob).getByLabelText('Track'), { target: { value: 'ic' } });
    expect(props.onUpdatePerson).toHaveBeenCalledWith('bob', { track: 'ic' });
    // Bob is on the manager track: its levels, named by the rubric in use.
    const managerLevels = DEFAULT_RUBRIC.tracks.manager.levels.map((l) => `${l.level} · ${l.title}`);
    expect(within(within(bob).getByLabelText('Level')).getAllByRole('option').map((o) => o.textContent)).toEqual(managerLevels);
  });

  it('keeps a level the rubric does not have visible instead of changing it silently', () => {
    const small = { ic: [{ level: 1, title: 'Engineer' }], manager: [{ level: 1, title: 'Lead' }] };
    renderSettings({ levels: small });
    const bob = document.querySelector('.person-setting.is-report') as HTMLElement;
    const select = within(bob).getByLabelText('Level') as HTMLSelectElement;
    expect(select.value).toBe('4');
    expect([...select.options].map((o) => o.textContent)).toEqual(['1 · Lead', '4 · not in the rubric']);
  });

  it('changes retention at once when it deletes nothing', async () => {
    const props = renderSettings();
    fireEvent.change(screen.getByLabelText('Keep messages for'), { target: { value: '730' } });
    await waitFor(() => expect(props.onRetentionChange).toHaveBeenCalledWith(730));
    expect(props.countExpiring).toHaveBeenCalledWith(730);
  });

  it('asks before a period that deletes messages, saying how many, and can be cancelled', async () => {
    const props = renderSettings({ countExpiring: vi.fn(async () => 1240) });
    fireEvent.change(screen.getByLabelText('Keep messages for'), { target: { value: '90' } });
    const dialog = await screen.findByRole('alertdialog', { name: 'Confirm the retention period' });
    expect(dialog.textContent).toContain('This deletes 1,240 messages older than 90 days.');
    expect(props.onRetentionChange).not.toHaveBeenCalled();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect((screen.getByLabelText('Keep messages for') as HTMLSelectElement).value).toBe('365');
    expect(props.onRetentionChange).not.toHaveBeenCalled();

    fireEvent.change(screen.getByLabelText('Keep messages for'), { target: { value: '90' } });
    fireEvent.click(await screen.findByRole('button', { name: 'Delete 1,240 messages' }));
    await waitFor(() => expect(props.onRetentionChange).toHaveBeenCalledWith(90));
  });

  it('shows why a retention change failed', async () => {
    renderSettings({ onRetentionChange: vi.fn(async () => Promise.reject(new Error('storage is full'))) });
    fireEvent.change(screen.getByLabelText('Keep messages for'), { target: { value: '730' } });
    expect((await screen.findByRole('alert')).textContent).toBe('Could not change how long messages are kept: storage is full');
  });

  it('wipes only after an explicit confirmation, and can be cancelled', async () => {
    const onWipe = vi.fn().mockResolvedValue(undefined);
    renderSettings({ onWipe });
    fireEvent.click(screen.getByRole('button', { name: 'Delete all Aspen data…' }));
    expect(onWipe).not.toHaveBeenCalled();
    expect(document.activeElement?.textContent).toBe('Cancel');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onWipe).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Delete all Aspen data…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, delete everything' }));
    expect(onWipe).toHaveBeenCalledTimes(1);
    expect(await screen.findByText('All Aspen data was deleted.')).toBeTruthy();
  });

  it('shows extra sections after the data settings and before deleting all data', () => {
    renderSettings({ children: <section aria-label="Extra section">extra</section> });
    const extra = screen.getByRole('region', { name: 'Extra section' });
    const retention = screen.getByLabelText('Keep messages for');
    const wipe = screen.getByRole('button', { name: 'Delete all Aspen data…' });
    expect(retention.compareDocumentPosition(extra) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(extra.compareDocumentPosition(wipe) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('lets the signed-in user pick their own level and track', () => {
    const props = renderSettings({ self: person('me', 'Mia Park', { isReport: false, level: 2 }) });
    const me = screen.getByRole('region', { name: 'Me' });
    expect(within(me).getByText(/Mia Park/)).toBeTruthy();
    fireEvent.change(within(me).getByLabelText('Your level'), { target: { value: '3' } });
    expect(props.onUpdatePerson).toHaveBeenCalledWith('me', { level: 3 });
    fireEvent.change(within(me).getByLabelText('Your track'), { target: { value: 'manager' } });
    expect(props.onUpdatePerson).toHaveBeenCalledWith('me', { track: 'manager' });
  });

  it('does not let the signed-in user tick themselves as a report, and says why', () => {
    const me = person('me', 'Mia Park', { isReport: true });
    const props = renderSettings({ people: [me, person('bob', 'Bob Diaz', { isReport: true })], self: me });
    const box = screen.getByRole('checkbox', { name: /Mia Park/ }) as HTMLInputElement;
    expect(box.disabled).toBe(true);
    // Ticked by an older version: shown as what it is, not a report.
    expect(box.checked).toBe(false);
    expect(box.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(box.getAttribute('aria-describedby')!)?.textContent).toBe(
      'This is you: you cannot be your own report. Your own level and track are under Me.',
    );
    fireEvent.click(box);
    expect(props.onUpdatePerson).not.toHaveBeenCalled();
    expect((screen.getByRole('checkbox', { name: /Bob Diaz/ }) as HTMLInputElement).disabled).toBe(false);
  });

  it('shows and changes who the manager is in the current workspace, from that workspace\'s people', () => {
    const onChooseSelf = vi.fn();
    renderSettings({
      people: [person('zoe', 'Zoe Ng'), person('amy', 'Amy Fox'), person('w9', 'Wes Other', { teamId: 'T2' })],
      self: person('zoe', 'Zoe Ng'),
      workspaceId: 'T1',
      onChooseSelf,
    });
    const me = screen.getByRole('region', { name: 'Me' });
    const select = within(me).getByLabelText('You in this workspace') as HTMLSelectElement;
    expect(select.value).toBe('zoe');
    expect([...select.options].map((o) => o.textContent)).toEqual(['Not known yet', 'Amy Fox', 'Zoe Ng']);
    expect(within(me).getByText(/separately for each workspace \(this one is T1\)/)).toBeTruthy();
    fireEvent.change(select, { target: { value: 'amy' } });
    expect(onChooseSelf).toHaveBeenCalledWith('amy');
    fireEvent.change(select, { target: { value: '' } });
    expect(onChooseSelf).toHaveBeenLastCalledWith(null);
  });

  it('has no "Me" section while the signed-in user is unknown', () => {
    renderSettings();
    expect(screen.queryByRole('region', { name: 'Me' })).toBeNull();
  });
});
