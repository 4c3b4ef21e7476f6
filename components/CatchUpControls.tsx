import { useId, useState } from 'react';
import { CATCH_UP_WEEKS, DEFAULT_CATCH_UP_WEEKS, catchUpTarget, catchUpTargetFromDate, describeCatchUp } from '../lib/slack/catch-up';
import type { CatchUpStatus } from '../lib/slack/types';
import type { CaughtUpRange } from '../lib/store/schema';
import { formatDate } from './format';

export interface CatchUpControlsProps {
  /** The catch-up of the Slack tab in front; null when none has run there. */
  status: CatchUpStatus | null;
  /** Why there is no Slack tab to catch up in, when there is none. */
  error?: string;
  onStart(targetMs: number, full: boolean, threads: boolean): void;
  onStop(): void;
  now?: number;
}

/** "Catch up back to" for the conversation open in the Slack tab in front, with the same progress as in Slack. */
export function CatchUpControls({ status, error, onStart, onStop, now }: CatchUpControlsProps) {
  const id = useId();
  const [choice, setChoice] = useState(String(DEFAULT_CATCH_UP_WEEKS));
  const [date, setDate] = useState('');
  const [full, setFull] = useState(false);
  const [threads, setThreads] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const running = status?.running ?? false;
  const start = () => {
    const targetMs = choice === 'date' ? catchUpTargetFromDate(date) : catchUpTarget(Number(choice), now);
    if (targetMs === null) {
      setProblem('Pick a date to catch up to.');
      return;
    }
    setProblem(null);
    onStart(targetMs, full, threads);
  };
  return (
    <section aria-labelledby={`${id}-heading`} className="catch-up">
      <h3 id={`${id}-heading`}>Catch up {status?.channelName || 'this conversation'}</h3>
      <p className="meta">
        Scrolls the conversation open in Slack back to a date, so that Aspen captures its history. Keep the Slack tab
        visible; it pauses while hidden.
      </p>
      <div className="catch-up-form">
        <label htmlFor={`${id}-weeks`}>Catch up back to</label>
        <select id={`${id}-weeks`} value={choice} disabled={running} onChange={(e) => setChoice(e.target.value)}>
          {CATCH_UP_WEEKS.map((weeks) => (
            <option key={weeks} value={String(weeks)}>
              {weeks} weeks
            </option>
          ))}
          <option value="date">a date…</option>
        </select>
        {choice === 'date' && (
          <input type="date" aria-label="Catch up back to this date" value={date} disabled={running} onChange={(e) => setDate(e.target.value)} />
        )}
        <label>
          <input type="checkbox" checked={full} disabled={running} onChange={(e) => setFull(e.target.checked)} /> Read stored history again
        </label>
        <label>
          <input type="checkbox" checked={threads} disabled={running} onChange={(e) => setThreads(e.target.checked)} /> Include thread
          replies (slower)
        </label>
        {running ? (
          <button type="button" onClick={onStop}>
            Stop
          </button>
        ) : (
          <button type="button" onClick={start}>
            Catch up
          </button>
        )}
      </div>
      {(problem ?? error) && (
        <p className="notice notice-neutral" role="status">
          {problem ?? error}
        </p>
      )}
      {status && (
        <div role="status" aria-live="polite">
          <progress max={1} value={status.fraction} aria-label="Catch-up progress toward the date" />
          <p className="meta">{describeCatchUp(status)}</p>
        </div>
      )}
    </section>
  );
}

/**
 * Health: how far back each conversation has been captured without a gap, and what stopped its latest
 * catch-up where Slack's page was not as Aspen knows it.
 */
export function CaughtUpRanges({ ranges }: { ranges: CaughtUpRange[] }) {
  if (ranges.length === 0) return <p className="meta">No conversation has been caught up yet.</p>;
  return (
    <ul aria-label="Caught-up conversations" className="caught-up">
      {ranges.map((range) => (
        <li key={range.id}>
          <strong>{range.channelName || range.channelId}</strong>:{' '}
          {range.oldestTs && range.newestTs
            ? `${formatDate(Number(range.oldestTs) * 1000)} to ${formatDate(Number(range.newestTs) * 1000)}`
            : 'not caught up'}{' '}
          {range.problem ? (
            <span className="notice notice-attention" role="note">
              Catch-up problem: {range.problem}
            </span>
          ) : (
            <span className="meta">({range.lastOutcome})</span>
          )}
        </li>
      ))}
    </ul>
  );
}
