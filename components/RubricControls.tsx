import { useEffect, useId, useRef, useState } from 'react';
import type { ParseRubricResult } from '../lib/rubric';

export interface RubricControlsProps {
  /** The name of the rubric Review, Next level and Calibration use. */
  name: string;
  /** True when that is the manager's own rubric rather than Aspen's default. */
  custom: boolean;
  /** Why a saved custom rubric could not be used (the default stands in); empty when nothing is wrong. */
  problems: readonly string[];
  /** Starts the download of the rubric in use as JSON. */
  onExport: () => void | Promise<void>;
  /** Reads, checks and (only when valid) saves a rubric file. */
  onImport: (file: File) => Promise<ParseRubricResult>;
  /** Removes the custom rubric, so the default is used again. */
  onReset: () => Promise<void>;
}

type State =
  | { kind: 'idle' }
  | { kind: 'busy'; text: string }
  | { kind: 'exported' }
  | { kind: 'imported'; name: string }
  | { kind: 'rejected'; errors: string[] }
  | { kind: 'confirming-reset' }
  | { kind: 'reset' }
  | { kind: 'failed'; text: string };

/**
 * Which career rubric is in use, its export for editing, import of an edited one (every problem listed,
 * nothing saved unless the whole file is valid) and a confirmed reset to the default.
 */
export function RubricControls({ name, custom, problems, onExport, onImport, onReset }: RubricControlsProps) {
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const [state, setState] = useState<State>({ kind: 'idle' });
  const busy = state.kind === 'busy';
  // Focus lands on the safe choice, so a stray Enter cannot confirm.
  useEffect(() => {
    if (state.kind === 'confirming-reset') cancelRef.current?.focus();
  }, [state.kind]);

  async function run(text: string, action: () => Promise<State>) {
    setState({ kind: 'busy', text });
    try {
      setState(await action());
    } catch (error) {
      setState({ kind: 'failed', text: error instanceof Error ? error.message : String(error) });
    }
  }

  return (
    <section className="rubric-controls" aria-labelledby={`${inputId}-heading`}>
      <h3 id={`${inputId}-heading`}>Career rubric</h3>
      <p>
        In use: <strong>{custom ? 'Custom' : 'Default'}</strong> — {name}
      </p>
      {problems.length > 0 && (
        <div role="alert" className="notice notice-attention">
          <p>
            <strong>Your saved custom rubric could not be read, so the default is in use.</strong> Import a fixed rubric
            or reset to the default.
          </p>
          <ul aria-label="Saved rubric problems">
            {problems.map((problem, i) => (
              <li key={i}>{problem}</li>
            ))}
          </ul>
        </div>
      )}
      <p className="hint">
        Review, Next level and Calibration match evidence against this rubric. Export it, edit the JSON (levels,
        competencies, example behaviours), then import it.
      </p>
      <div className="actions">
        <button
          type="button"
          disabled={busy}
          onClick={() =>
            void run('Exporting…', async () => {
              await onExport();
              return { kind: 'exported' };
            })
          }
        >
          Export rubric (JSON)
        </button>
        {(custom || problems.length > 0) && (
          <button type="button" className="secondary" disabled={busy} onClick={() => setState({ kind: 'confirming-reset' })}>
            Reset to default…
          </button>
        )}
      </div>
      {state.kind === 'confirming-reset' && (
        <div role="group" aria-labelledby={`${inputId}-reset-question`} className="confirm">
          <p id={`${inputId}-reset-question`}>
            <strong>Use Aspen’s default rubric again?</strong> Your custom rubric is removed from this browser; export it
            first to keep a copy.
          </p>
          <div className="actions">
            <button
              type="button"
              className="danger"
              onClick={() =>
                void run('Resetting…', async () => {
                  await onReset();
                  return { kind: 'reset' };
                })
              }
            >
              Yes, use the default
            </button>
            <button type="button" className="secondary" ref={cancelRef} onClick={() => setState({ kind: 'idle' })}>
              Cancel
            </button>
          </div>
        </div>
      )}
      <div className="field">
        <label htmlFor={inputId}>Import rubric…</label>
        <input
          id={inputId}
          ref={input}
          type="file"
          accept=".json,application/json"
          disabled={busy}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (!file) return;
            void run('Checking the rubric…', async () => {
              const result = await onImport(file);
              return result.ok ? { kind: 'imported', name: result.rubric.name } : { kind: 'rejected', errors: result.errors };
            }).then(() => {
              // The same file can be chosen again after fixing it.
              if (input.current) input.current.value = '';
            });
          }}
        />
      </div>
      <div role="status" aria-live="polite">
        {state.kind === 'busy' && <p className="meta">{state.text}</p>}
        {state.kind === 'exported' && <p className="meta">Rubric downloaded.</p>}
        {state.kind === 'imported' && (
          <p className="notice notice-positive">
            Imported “{state.name}”. Review, Next level and Calibration now use it.
          </p>
        )}
        {state.kind === 'reset' && <p className="meta">The default rubric is in use again.</p>}
        {state.kind === 'failed' && <p className="notice notice-attention">Could not finish: {state.text}</p>}
        {state.kind === 'rejected' && (
          <div className="notice notice-attention">
            <p>
              <strong>The rubric was not imported; nothing was changed.</strong> Fix{' '}
              {state.errors.length === 1 ? 'this problem' : `these ${state.errors.length} problems`} and import it again:
            </p>
            <ul aria-label="Rubric problems">
              {state.errors.map((error, i) => (
                <li key={i}>{error}</li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </section>
  );
}
