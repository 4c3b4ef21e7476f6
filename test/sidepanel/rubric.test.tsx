// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { rubricInUse } from '../../entrypoints/sidepanel/rubric';
import { notesTabs } from '../../entrypoints/sidepanel/notes/notesTabs';
import { SettingsPane } from '../../entrypoints/sidepanel/SettingsPane';
import { DRAFT_BANNER } from '../../lib/notes';
import { DEFAULT_RUBRIC, parseRubric, type EmbedTexts, type Rubric } from '../../lib/rubric';
import { getCustomRubric, saveCustomRubric, type AspenDb } from '../../lib/store';
import { item, person } from '../signals/fixtures';
import { customRubric, freshDb, snapshot } from '../store/helpers';
import { captureDownloads } from './downloads';
import { panelData as panelDataWith } from './panelData';

/** Every text gets the same vector, so every behaviour matches and the draft lists every competency. */
vi.mock('../../entrypoints/sidepanel/notes/embedder', () => ({
  loadPanelEmbedder: async (): Promise<EmbedTexts> => async (texts) => texts.map(() => Float32Array.from({ length: 512 }, (_, i) => (i === 0 ? 1 : 0))),
}));

const alice = person('alice', 'Alice Chen', { level: 3, isReport: true });
const bob = person('bob', 'Bob Diaz');
const praise = item({ label: 'recognition', author: 'bob', subjects: ['alice'], daysAgo: 5, text: 'Alice shipped the rate limiter.' });

/** A custom rubric whose IC competencies carry a visible prefix, to tell it from the default on screen. */
function acmeRubric(): Rubric {
  const rubric = customRubric();
  for (const level of rubric.tracks.ic.levels) for (const competency of level.competencies) competency.name = `Acme ${competency.name}`;
  return rubric;
}

const panelData = (db: AspenDb, stored: unknown = null) => panelDataWith(db, { people: [alice, bob], items: [praise], stored });

function chooseFile(text: string) {
  const input = screen.getByLabelText('Import rubric…') as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: [new File([text], 'rubric.json', { type: 'application/json' })], configurable: true });
  fireEvent.change(input);
}

let blobs: Blob[] = [];
let downloads: string[] = [];
beforeEach(() => {
  ({ blobs, names: downloads } = captureDownloads());
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('rubricInUse', () => {
  it('is the default when none is saved, and the saved one when it is valid', () => {
    expect(rubricInUse(null)).toEqual({ rubric: DEFAULT_RUBRIC, custom: false, problems: [] });
    expect(rubricInUse(acmeRubric())).toEqual({ rubric: acmeRubric(), custom: true, problems: [] });
  });

  it('falls back to the default, with every problem, when the saved one is not valid', () => {
    const broken = { ...acmeRubric(), version: 2, name: '' };
    const inUse = rubricInUse(broken);
    expect(inUse).toMatchObject({ rubric: DEFAULT_RUBRIC, custom: false });
    expect(inUse.problems).toEqual([expect.stringMatching(/^version: /), expect.stringMatching(/^name: /)]);
  });
});

describe('Career rubric settings', () => {
  it('sits with the backup above the danger zone', async () => {
    render(<SettingsPane data={panelData(await freshDb())} suggestedIds={[]} />);
    const headings = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(headings.slice(-3)).toEqual(['Backup', 'Career rubric', 'Delete data']);
  });

  it('exports the rubric in use as editable JSON that imports back', async () => {
    render(<SettingsPane data={panelData(await freshDb(), acmeRubric())} suggestedIds={[]} />);
    expect(screen.getByText(/In use:/).textContent).toBe('In use: Custom — Acme engineering ladder');
    fireEvent.click(screen.getByRole('button', { name: 'Export rubric (JSON)' }));
    await screen.findByText('Rubric downloaded.');
    expect(downloads).toEqual(['rubric-acme-engineering-ladder.json']);
    expect(parseRubric(await blobs[0].text())).toEqual({ ok: true, rubric: acmeRubric() });
  });

  it('saves an imported rubric and confirms it', async () => {
    const db = await freshDb();
    render(<SettingsPane data={panelData(db)} suggestedIds={[]} />);
    chooseFile(JSON.stringify(acmeRubric()));
    expect(await screen.findByText('Imported “Acme engineering ladder”. Review, Next level and Calibration now use it.')).toBeTruthy();
    expect(await getCustomRubric(db)).toEqual(acmeRubric());
  });

  it('lists every problem of an invalid file and changes nothing', async () => {
    const db = await freshDb();
    await saveCustomRubric(db, customRubric());
    const before = await snapshot(db);
    render(<SettingsPane data={panelData(db, customRubric())} suggestedIds={[]} />);
    const broken = acmeRubric();
    broken.tracks.ic.levels[2].level = 9;
    broken.tracks.manager.levels[0].competencies[0].behaviours = ['one'];
    broken.name = ' ';
    chooseFile(JSON.stringify(broken));
    await screen.findByText('The rubric was not imported; nothing was changed.');
    const expected = parseRubric(broken);
    expect(expected.ok).toBe(false);
    const listed = within(screen.getByRole('list', { name: 'Rubric problems' })).getAllByRole('listitem').map((li) => li.textContent);
    expect(listed).toEqual(expected.ok ? [] : expected.errors);
    expect(listed.length).toBeGreaterThanOrEqual(3);
    expect(await snapshot(db)).toEqual(before);
  });

  it('resets to the default after confirmation', async () => {
    const db = await freshDb();
    await saveCustomRubric(db, acmeRubric());
    render(<SettingsPane data={panelData(db, acmeRubric())} suggestedIds={[]} />);
    fireEvent.click(screen.getByRole('button', { name: 'Reset to default…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, use the default' }));
    await screen.findByText('The default rubric is in use again.');
    expect(await getCustomRubric(db)).toBeNull();
  });
});

describe('Review and Calibration tabs', () => {
  async function renderTab(id: string, stored: unknown) {
    const data = panelData(await freshDb(), stored);
    const tabs = notesTabs({ data, person: alice, reports: [alice], period: '12w', onPeriodChange: vi.fn(), onOpenSettings: vi.fn() });
    const tab = tabs.find((t) => t.id === id)!;
    render(<>{tab.render()}</>);
  }

  it('map evidence against the custom rubric', async () => {
    await renderTab('review', acmeRubric());
    await screen.findByText(DRAFT_BANNER);
    expect(screen.getAllByText(/Acme Technical craft/).length).toBeGreaterThan(0);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('use the default, and say why, when the saved rubric cannot be read', async () => {
    await renderTab('review', { ...acmeRubric(), version: 3 });
    await screen.findByText(DRAFT_BANNER);
    expect(screen.queryByText(/Acme Technical craft/)).toBeNull();
    expect(screen.getAllByText(/Technical craft/).length).toBeGreaterThan(0);
    expect(screen.getByRole('alert').textContent).toMatch(/custom career rubric could not be read/);
    cleanup();
    await renderTab('calibration', { ...acmeRubric(), version: 3 });
    expect(screen.getAllByRole('alert')[0].textContent).toMatch(/custom career rubric could not be read/);
  });
});
