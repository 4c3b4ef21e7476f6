import { useId } from 'react';
import type { PeriodId } from '../../lib/signals';
import { isoDate, type ReviewDraft } from '../../lib/notes';
import { PeriodSelect } from '../PeriodSelect';
import { Claims, SectionFindings } from './Claims';

export type ReviewExportFormat = 'markdown' | 'html' | 'csv';

export interface ReviewDraftViewProps {
  draft: ReviewDraft;
  period: PeriodId;
  onPeriodChange: (period: PeriodId) => void;
  /** Markdown and CSV downloads, or the printable page; the caller builds and saves the file. */
  onExport: (format: ReviewExportFormat) => void;
}

const EXPORTS: Array<{ format: ReviewExportFormat; label: string }> = [
  { format: 'markdown', label: 'Export Markdown' },
  { format: 'html', label: 'Printable page' },
  { format: 'csv', label: 'Evidence as CSV' },
];

export function ReviewDraftView({ draft, period, onPeriodChange, onExport }: ReviewDraftViewProps) {
  const id = useId();
  return (
    <section className="view notes-view" aria-labelledby={`${id}-heading`}>
      <p className="notes-draft-banner" role="note">
        <strong>{draft.banner}</strong>
      </p>
      <div className="view-header">
        <h2 id={`${id}-heading`}>Review draft: {draft.personName}</h2>
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
          <SectionFindings section={section} gapClassName="notice notice-attention notes-gap" />
        </section>
      ))}
      {draft.unmatched.length > 0 && (
        <section className="card notes-section" aria-labelledby={`${id}-other`}>
          <h3 id={`${id}-other`}>Other evidence</h3>
          <Claims title="Not matched to a competency" claims={draft.unmatched} />
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
