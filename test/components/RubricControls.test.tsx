// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { RubricControls, type RubricControlsProps } from '../../components/RubricControls';
import { DEFAULT_RUBRIC, type ParseRubricResult } from '../../lib/rubric';

afterEach(cleanup);

function renderControls(overrides: Partial<RubricControlsProps> = {}) {
  const props: RubricControlsProps = {
    name: DEFAULT_RUBRIC.name,
    custom: false,
    problems: [],
    onExport: vi.fn(),
    onImport: vi.fn(async (): Promise<ParseRubricResult> => ({ ok: true, rubric: { ...DEFAULT_RUBRIC, name: 'Acme ladder' } })),
    onReset: vi.fn(async () => undefined),
    ...overrides,
  };
  render(<RubricControls {...props} />);
  return props;
}

function chooseFile(text = '{}') {
  const input = screen.getByLabelText('Import rubric…') as HTMLInputElement;
  const file = new File([text], 'rubric.json', { type: 'application/json' });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  fireEvent.change(input);
  return file;
}

describe('RubricControls', () => {
  it('says which rubric is in use', () => {
    renderControls();
    expect(screen.getByText(/In use:/).textContent).toBe('In use: Default — Aspen engineering framework');
    expect(screen.queryByRole('button', { name: 'Reset to default…' })).toBeNull();
    cleanup();
    renderControls({ name: 'Acme ladder', custom: true });
    expect(screen.getByText(/In use:/).textContent).toBe('In use: Custom — Acme ladder');
    expect(screen.getByRole('button', { name: 'Reset to default…' })).toBeTruthy();
  });

  it('exports the rubric in use on request and reports a failure', async () => {
    const onExport = vi.fn().mockResolvedValueOnce(undefined).mockRejectedValueOnce(new Error('blocked'));
    renderControls({ onExport });
    fireEvent.click(screen.getByRole('button', { name: 'Export rubric (JSON)' }));
    expect(await screen.findByText('Rubric downloaded.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Export rubric (JSON)' }));
    expect(await screen.findByText('Could not finish: blocked')).toBeTruthy();
    expect(onExport).toHaveBeenCalledTimes(2);
  });

  it('confirms a successful import by name', async () => {
    const props = renderControls();
    const file = chooseFile();
    expect(await screen.findByText('Imported “Acme ladder”. Review, Next level and Calibration now use it.')).toBeTruthy();
    expect(props.onImport).toHaveBeenCalledWith(file);
    expect((screen.getByLabelText('Import rubric…') as HTMLInputElement).value).toBe('');
  });

  it('lists every problem of a rejected file and says nothing changed', async () => {
    const errors = ['version: Invalid input: expected 1', 'tracks.ic.levels[2].level: Levels must be numbered 1, 2, 3… in order; expected 3, found 7', 'name: Too small'];
    renderControls({ onImport: async () => ({ ok: false, errors }) });
    chooseFile('{"version": 2}');
    expect(await screen.findByText('The rubric was not imported; nothing was changed.')).toBeTruthy();
    expect(screen.getByText(/Fix these 3 problems/)).toBeTruthy();
    const listed = within(screen.getByRole('list', { name: 'Rubric problems' })).getAllByRole('listitem').map((li) => li.textContent);
    expect(listed).toEqual(errors);
  });

  it('resets to the default only after confirmation, and can be cancelled', async () => {
    const props = renderControls({ name: 'Acme ladder', custom: true });
    fireEvent.click(screen.getByRole('button', { name: 'Reset to default…' }));
    expect(document.activeElement?.textContent).toBe('Cancel');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('button', { name: 'Yes, use the default' })).toBeNull();
    expect(props.onReset).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Reset to default…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, use the default' }));
    expect(await screen.findByText('The default rubric is in use again.')).toBeTruthy();
    expect(props.onReset).toHaveBeenCalledTimes(1);
  });

  it('warns, with each problem, when the saved custom rubric cannot be used, and offers the reset', () => {
    renderControls({ problems: ['tracks.manager: Invalid input'] });
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toMatch(/could not be read, so the default is in use/);
    expect(within(alert).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['tracks.manager: Invalid input']);
    expect(screen.getByRole('button', { name: 'Reset to default…' })).toBeTruthy();
  });
});
