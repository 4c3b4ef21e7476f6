import { useId, useRef, useState } from 'react';
import type { ImportResult } from '../lib/store';

export interface BackupControlsProps {
  /** Builds the backup and starts its download. */
  onExport: () => void | Promise<void>;
  /** Reads and merges a backup file; a file that is not a readable backup comes back with a '(file)' error. */
  onImport: (file: File) => Promise<ImportResult>;
}

type State =
  | { kind: 'idle' }
  | { kind: 'busy'; text: string }
  | { kind: 'exported' }
  | { kind: 'imported'; result: ImportResult }
  | { kind: 'failed'; text: string };

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

function describeError({ store, index, message }: ImportResult['errors'][number]): string {
  if (store === '(file)') return message;
  return index < 0 ? `${store}: ${message}` : `${store}, row ${index + 1}: ${message}`;
}

function ImportSummary({ result }: { result: ImportResult }) {
  const rejected = result.errors.some((e) => e.store === '(file)');
  return (
    <div className={`notice ${rejected || result.errors.length > 0 ? 'notice-attention' : 'notice-positive'}`}>
      {rejected ? (
        <p>
          <strong>The file was not imported; nothing was changed.</strong>
        </p>
      ) : (
        <p>
          <strong>Import finished:</strong> {result.added} added, {result.updated} updated, {result.skipped} skipped
          {result.keptDeleted > 0 && `, ${plural(result.keptDeleted, 'row', 'rows')} you have deleted since not brought back`}
          {result.removed > 0 && `, ${plural(result.removed, 'row', 'rows')} deleted here as the file records`}
          {result.expired > 0 && `, ${plural(result.expired, 'message', 'messages')} older than your retention period deleted`}
          {result.errors.length > 0 && `, ${plural(result.errors.length, 'row', 'rows')} left out`}.
        </p>
      )}
      {result.notices.map((notice) => (
        <p key={notice}>{notice}</p>
      ))}
      {result.errors.length > 0 && (
        <ul aria-label="Import problems">
          {result.errors.map((error, i) => (
            <li key={i}>{describeError(error)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Export of everything Aspen stores, and import of such a file, with every problem row listed. */
export function BackupControls({ onExport, onImport }: BackupControlsProps) {
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<State>({ kind: 'idle' });

  async function run(busy: string, action: () => Promise<State>) {
    setState({ kind: 'busy', text: busy });
    try {
      setState(await action());
    } catch (error) {
      setState({ kind: 'failed', text: error instanceof Error ? error.message : String(error) });
    }
  }

  return (
    <section className="backup" aria-labelledby={`${inputId}-heading`}>
      <h3 id={`${inputId}-heading`}>Backup</h3>
      <p className="hint">A backup is a JSON file with every message, label, note and setting. It stays on your computer.</p>
      <div className="actions">
        <button
          type="button"
          disabled={state.kind === 'busy'}
          onClick={() =>
            void run('Exporting…', async () => {
              await onExport();
              return { kind: 'exported' };
            })
          }
        >
          Export all data (JSON)
        </button>
      </div>
      <div className="field">
        <label htmlFor={inputId}>Import…</label>
        <input
          id={inputId}
          ref={input}
          type="file"
          accept=".json,application/json"
          disabled={state.kind === 'busy'}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (!file) return;
            void run('Importing…', async () => ({ kind: 'imported', result: await onImport(file) })).then(() => {
              // The same file can be chosen again after fixing it.
              if (input.current) input.current.value = '';
            });
          }}
        />
      </div>
      <div role="status" aria-live="polite">
        {state.kind === 'busy' && <p className="meta">{state.text}</p>}
        {state.kind === 'exported' && <p className="meta">Backup downloaded.</p>}
        {state.kind === 'failed' && <p className="notice notice-attention">Could not finish: {state.text}</p>}
        {state.kind === 'imported' && <ImportSummary result={state.result} />}
      </div>
    </section>
  );
}
