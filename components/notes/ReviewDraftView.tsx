import { useId } from 'react';
import type { PeriodId } from '../../lib/signals';
import { isoDate, reviewDraftName, type ReviewDraft } from '../../lib/notes';
import { PeriodSelect } from '../PeriodSelect';
import { Claims, SectionFindings, type ClaimControls } from './Claims';

export type ReviewExportFormat = 'markdown' | 'html' | 'csv';

export interface ReviewDraftViewProps {
  draft: ReviewDraft;
  period: PeriodId;
  onPeriodChange: (period: PeriodId) => void;
  /** Markdown and CSV downloads, or the printable page; the caller builds and saves the file. */
  onExport: (format: ReviewExportFormat) => void;
  /** The manager's decisions about each piece of evidence (move, exclude, pin); without them the draft is read-only. */
  controls?: ClaimControls;
  /** The signed-in user's own draft: a self-review, the case they make for themselves. */
  selfReview?: boolean;
}

const EXPORTS: Array<{ format: ReviewExportFormat; label: string }> = [
  { format: 'markdown', label: 'Export Markdown' },
  { format: 'html', label: 'Printable page' },
  { format: 'csv', label: 'Evidence as CSV' },
];

export function ReviewDraftView({ draft, period, onPeriodChange, onExport, controls, selfReview = false }: ReviewDraftViewProps) {
  const id = useId();
  return (
    <section className="view notes-view" aria-labelledby={`${id}-heading`}>
      <p className="notes-draft-banner" role="note">
        <strong>{draft.banner}</strong>
      </p>
      <div className="view-header">
        <h2 id={`${id}-heading`}>
          {reviewDraftName(selfReview)}: {draft.personName}
        </h2>
        <PeriodSelect value={period} onChange={onPeriodChange} />
      </div>
      <p className="meta">
        {draft.levelTitle} ({draft.track === 'ic' ? 'IC' : 'Manager'} track, level {draft.level}) · {isoDate(draft.from)} to {isoDate(draft.to)} ·{' '}
        {draft.evidenceCount} pieces of evidence
      </p>
      {draft.sections.map((section) => (
        <section key={section.competency.id} className="card notes-section" aria-labelledby={`${id}-${section.competency.id}`}>
          <h3 id={`${id}-${section.competency.id}`}>{section.competency.name}</h3>
          <p className="meta">{section.competency.description}</p>
          <SectionFindings section={section} gapClassName="notice notice-attention notes-gap" controls={controls} />
        </section>
      ))}
      {draft.unmatched.length > 0 && (
        <section className="card notes-section" aria-labelledby={`${id}-other`}>
          <h3 id={`${id}-other`}>Other evidence</h3>
          <p className="meta">Evidence the mapping could not file under a competency with confidence. Move a piece where it belongs, or leave it here.</p>
          <Claims title="Not filed under a competency" claims={draft.unmatched} filedUnder={null} controls={controls} />
        </section>
      )}
      {draft.excluded.length > 0 && (
        <section className="card notes-section" aria-labelledby={`${id}-excluded`}>
          <h3 id={`${id}-excluded`}>Excluded by you</h3>
          <p className="meta">Left out of this draft, its exports and calibration.</p>
          <ul className="notes-claims">
            {draft.excluded.map((claim) => (
              <li key={claim.id} data-item-key={claim.itemKey}>
                <p>{claim.text}</p>
                {controls && (
                  <button type="button" className="secondary" onClick={() => controls.onExclude(claim.itemKey, false)}>
                    Include again<span className="visually-hidden">: {claim.quote}</span>
                  </button>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      <div className="actions">
        {EXPORTS.map(({ format, label }) => (
          <button key={format} type="button" className="secondary" onClick={() => onExport(format)}>
            {label}
          </button>
        ))}
      </div>
    </section>
  );
}
