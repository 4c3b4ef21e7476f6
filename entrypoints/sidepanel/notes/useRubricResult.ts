import { useEffect, useState } from 'react';
import type { EmbedTexts } from '@/lib/rubric';

export type RubricResult<T> =
  | { status: 'busy'; previous: T | null }
  | { status: 'ready'; value: T }
  | { status: 'error'; message: string };

const lastValue = <T,>(result: RubricResult<T>): T | null =>
  result.status === 'ready' ? result.value : result.status === 'busy' ? result.previous : null;

/**
 * Runs `compute` with the sentence encoder, loading it on first use. Reruns when `key` changes (new data
 * after a live update); meanwhile the last result for the same `scope` (person, period) stays available as
 * `previous`, so a capture elsewhere never blanks the view, while another person or period never shows stale
 * output.
 */
export function useRubricResult<T>(
  loadEmbedder: () => Promise<EmbedTexts>,
  compute: (embed: EmbedTexts) => Promise<T>,
  scope: string,
  key: string,
): RubricResult<T> {
  const [state, setState] = useState<{ scope: string; key: string; result: RubricResult<T> } | null>(null);

  useEffect(() => {
    let live = true;
    setState((current) => ({
      scope,
      key,
      result: { status: 'busy', previous: current?.scope === scope ? lastValue(current.result) : null },
    }));
    loadEmbedder()
      .then(compute)
      .then(
        (value) => live && setState({ scope, key, result: { status: 'ready', value } }),
        (error: unknown) =>
          live && setState({ scope, key, result: { status: 'error', message: error instanceof Error ? error.message : String(error) } }),
      );
    return () => {
      live = false;
    };
    // `compute` closes over the inputs `scope` and `key` name: a new closure each render must not rerun it.
  }, [loadEmbedder, scope, key]);

  if (!state || state.scope !== scope) return { status: 'busy', previous: null };
  return state.key === key ? state.result : { status: 'busy', previous: lastValue(state.result) };
}
