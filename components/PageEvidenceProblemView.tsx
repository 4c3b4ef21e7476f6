import type { PageEvidenceProblem } from '../lib/messaging';

/** Why "Add this page as evidence" did not add the page: shown once, until dismissed. */
export function PageEvidenceProblemView({ problem, onDismiss }: { problem: PageEvidenceProblem; onDismiss(): void }) {
  return (
    <div className="notice notice-attention" role="alert">
      <p>
        <strong>This page was not added as evidence.</strong> {problem.reason}
      </p>
      <p className="muted">{problem.url}</p>
      <button type="button" className="secondary" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
