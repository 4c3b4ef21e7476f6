// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { BackupControls } from '../../components/BackupControls';
import { exportBackupFile, importBackupFile } from '../../entrypoints/sidepanel/SettingsPane';
import { emptyImportResult, exportDatabase, ingestCapturedBatch, savePerson, type AspenDb } from '../../lib/store';
import { captured, freshDb, snapshot } from '../store/helpers';
import { person } from '../signals/fixtures';
import { captureDownloads } from './downloads';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

async function seeded(): Promise<AspenDb> {
  const db = await freshDb();
  await ingestCapturedBatch(db, [captured({ text: 'Thanks <@U2> for the review' }), captured()], 1_750_000_000_000);
  await savePerson(db, person('U2', 'Bo'));
  return db;
}

const fileOf = (text: string) => new Blob([text], { type: 'application/json' });

function chooseFile(text: string) {
  const input = screen.getByLabelText('Import…') as HTMLInputElement;
  const file = new File([text], 'backup.json', { type: 'application/json' });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  fireEvent.change(input);
}

describe('backup files', () => {
  it('exports everything as aspen-backup-<date>.json', async () => {
    const db = await seeded();
    const { blobs, names } = captureDownloads();
    await exportBackupFile(db, new Date(2026, 10, 26, 23, 30).getTime());
    expect(names).toEqual(['aspen-backup-2026-11-26.json']);
    const backup = JSON.parse(await blobs[0].text());
    expect(backup).toEqual(JSON.parse(JSON.stringify(await exportDatabase(db, backup.exportedAt))));
  });

  it('imports a backup into another database', async () => {
    const source = await seeded();
    const target = await freshDb();
    const result = await importBackupFile(target, fileOf(JSON.stringify(await exportDatabase(source))));
    expect(result.errors).toEqual([]);
    expect(result.added).toBe(3);
  });

  it('rejects a file that is not JSON and leaves the database untouched', async () => {
    const db = await seeded();
    const before = await snapshot(db);
    const result = await importBackupFile(db, fileOf('{"format": "aspen-backup", '));
    expect(result).toMatchObject({ added: 0, updated: 0, skipped: 0 });
    expect(result.errors[0]).toMatchObject({ store: '(file)', message: expect.stringMatching(/^Not a JSON file/) });
    expect(await snapshot(db)).toEqual(before);
  });
});

describe('BackupControls', () => {
  it('shows the summary and every bad row after an import', async () => {
    const onImport = vi.fn(async () => ({
      added: 4,
      updated: 1,
      skipped: 2,
      keptDeleted: 0,
      removed: 0,
      expired: 0,
      notices: [],
      errors: [
        { store: 'messages', index: 3, message: 'ts: Invalid string' },
        { store: 'notes', index: 0, message: 'kind: Invalid option' },
        { store: 'bogus', index: -1, message: 'not an Aspen store; ignored' },
      ],
    }));
    render(<BackupControls onExport={vi.fn()} onImport={onImport} />);
    chooseFile('{}');
    expect(await screen.findByText(/4 added, 1 updated, 2 skipped, 3 rows left out/)).toBeTruthy();
    const problems = within(screen.getByRole('list', { name: 'Import problems' })).getAllByRole('listitem').map((li) => li.textContent);
    expect(problems).toEqual(['messages, row 4: ts: Invalid string', 'notes, row 1: kind: Invalid option', 'bogus: not an Aspen store; ignored']);
    expect(onImport).toHaveBeenCalledWith(expect.objectContaining({ name: 'backup.json' }));
  });

  it('says what stayed deleted, what the file deleted here, and notices about the file', async () => {
    const notice = 'This backup is from 2024-03-09. Aspen remembers deletions for 365 days, so something you deleted long ago may have come back.';
    const onImport = vi.fn(async () => ({ ...emptyImportResult(), added: 2, keptDeleted: 3, removed: 1, notices: [notice] }));
    render(<BackupControls onExport={vi.fn()} onImport={onImport} />);
    chooseFile('{}');
    expect(
      await screen.findByText(/2 added, 0 updated, 0 skipped, 3 rows you have deleted since not brought back, 1 row deleted here as the file records\./),
    ).toBeTruthy();
    expect(screen.getByText(notice)).toBeTruthy();
  });

  it('says plainly when a whole file was rejected', async () => {
    render(
      <BackupControls
        onExport={vi.fn()}
        onImport={async () => ({ ...emptyImportResult(), errors: [{ store: '(file)', index: -1, message: 'Not a JSON file: Unexpected end' }] })}
      />,
    );
    chooseFile('{');
    expect(await screen.findByText('The file was not imported; nothing was changed.')).toBeTruthy();
    expect(screen.getByText('Not a JSON file: Unexpected end')).toBeTruthy();
  });

  it('exports on request and reports a failure', async () => {
    const onExport = vi.fn().mockResolvedValueOnce(undefined).mockRejectedValueOnce(new Error('disk full'));
    render(<BackupControls onExport={onExport} onImport={vi.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Export all data (JSON)' }));
    expect(await screen.findByText('Backup downloaded.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Export all data (JSON)' }));
    expect(await screen.findByText('Could not finish: disk full')).toBeTruthy();
  });
});
