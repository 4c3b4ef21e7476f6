import type { CaptureHealth } from '../lib/slack/types';
import { formatDateTime } from './format';

export type ModelStatus =
  | { status: 'loading'; message?: string }
  | { status: 'ready'; message?: string }
  | { status: 'classifying'; message?: string }
  | { status: 'resting'; message?: string }
  | { status: 'error'; message: string };

export interface CaptureHealthViewProps {
  /** The latest report from a Slack tab; null until one has reported. */
  health: CaptureHealth | null;
  capturedToday: number;
  queueLength: number;
  /** Of the messages labelled by the model (in the panel's look-back), the share it was unsure about; null when none. */
  unsureShare?: number | null;
  model: ModelStatus;
  capturePaused?: boolean;
  pauseReason?: string | null;
  /** Resumes a paused capture, once the manager has freed space (retention, wipe, or the disk). */
  onResumeCapture?: () => void;
  lastCaptureAt?: number | null;
}

const MODEL_TEXT: Record<ModelStatus['status'], string> = {
  loading: 'Loading the classifier…',
  ready: 'Classifier ready',
  classifying: 'Classifying new messages',
  resting: 'Classifier resting to free memory; the next message starts it again',
  error: 'The classifier stopped',
};

function LayoutStatus({ health }: { health: CaptureHealth | null }) {
  if (health === null) {
    return (
      <p className="notice notice-neutral">
        No Slack tab has reported yet. Open Slack at app.slack.com in this browser to start capturing.
      </p>
    );
  }
  if (!health.recognized) {
    return (
      <div className="notice notice-attention" role="alert">
        <p>
          <strong>Aspen does not recognize this Slack page's layout, so it is not capturing messages.</strong>
        </p>
        <p>
          Slack probably changed its page markup. Nothing already captured is lost, and Aspen never guesses: it
          will start again once its selectors are updated. Until then, counts here will not grow.
        </p>
        {health.problems.length > 0 && (
          <ul aria-label="What did not match">
            {health.problems.map((problem, i) => (
              <li key={i}>{problem}</li>
            ))}
          </ul>
        )}
      </div>
    );
  }
  return (
    <p className="notice notice-positive">
      Slack's layout was recognized ({health.markup === 'unknown' ? 'partly' : `${health.markup} markup`}):{' '}
      {health.rowsParsed} of {health.rowsSeen} visible rows read.
    </p>
  );
}

export function CaptureHealthView(props: CaptureHealthViewProps) {
  const { health, capturedToday, queueLength, unsureShare = null, model, capturePaused, pauseReason, lastCaptureAt, onResumeCapture } = props;
  return (
    <section className="view" aria-labelledby="health-heading">
      <div className="view-header">
        <h2 id="health-heading">Capture health</h2>
      </div>
      <LayoutStatus health={health} />
      {health?.recognized && health.problems.length > 0 && (
        <ul className="meta" aria-label="Partial matches">
          {health.problems.map((problem, i) => (
            <li key={i}>{problem}</li>
          ))}
        </ul>
      )}
      {capturePaused && (
        <div className="notice notice-attention" role="alert">
          <p>Capture is paused{pauseReason ? `: ${pauseReason}` : '.'}</p>
          <p>Everything already stored is kept. Free some space (a shorter retention period in Settings, or disk space), then resume.</p>
          {onResumeCapture && (
            <button type="button" onClick={onResumeCapture}>
              Resume capture
            </button>
          )}
        </div>
      )}
      <dl className="counts" aria-live="polite">
        <div className="count">
          <dt>Captured today</dt>
          <dd>{capturedToday}</dd>
        </div>
        <div className="count">
          <dt>Waiting to classify</dt>
          <dd>{queueLength}</dd>
        </div>
        <div className="count">
          <dt>Unsure labels</dt>
          <dd>{unsureShare === null ? '–' : `${Math.round(unsureShare * 100)}%`}</dd>
        </div>
      </dl>
      {unsureShare !== null && unsureShare > 0 && (
        <p className="meta">
          Share of the model's labels it was unsure about. They are shown in the timelines to confirm or correct, and
          left out of counts until you do.
        </p>
      )}
      {lastCaptureAt != null && <p className="meta">Last capture {formatDateTime(lastCaptureAt)}</p>}
      <h3>Classifier</h3>
      <p
        className={`notice notice-${model.status === 'error' ? 'attention' : model.status === 'ready' || model.status === 'classifying' ? 'positive' : 'neutral'}`}
        role={model.status === 'error' ? 'alert' : 'status'}
      >
        {MODEL_TEXT[model.status]}
        {model.message ? `: ${model.message}` : ''}
      </p>
    </section>
  );
}
