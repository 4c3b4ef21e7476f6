import { useMemo } from 'react';
import { CalibrationView } from '@/components/notes';
import { PeriodSelect } from '@/components/PeriodSelect';
import { buildCalibration } from '@/lib/notes';
import { DEFAULT_RUBRIC, type EmbedTexts, type Rubric } from '@/lib/rubric';
import { periodRange, type EvidenceItem, type PeriodId } from '@/lib/signals';
import type { EvidenceDecision, Person } from '@/lib/store';
import { assessReports } from './reviewPacket';
import { useRubricResult } from './useRubricResult';

export interface CalibrationTabProps {
  /** The manager's reports, compared side by side. */
  reports: readonly Person[];
  items: readonly EvidenceItem[];
  now: number;
  period: PeriodId;
  onPeriodChange: (period: PeriodId) => void;
  loadEmbedder: () => Promise<EmbedTexts>;
  onOpenSettings: () => void;
  rubric?: Rubric;
  /** The manager's decisions: evidence they excluded from a review does not count here either. */
  decisions: readonly EvidenceDecision[];
  /** The roots of threads the items reply in, for the quiet-contributor cue. */
  threadRoots?: readonly EvidenceItem[];
}

/**
 * Evidence across reports. Counts and source cues show at once; the level cues (above or far below level)
 * follow once the encoder has mapped each report's evidence to the rubric.
 */
export function CalibrationTab({ reports, items, now, period, onPeriodChange, loadEmbedder, onOpenSettings, rubric = DEFAULT_RUBRIC, decisions, threadRoots = [] }: CalibrationTabProps) {
  const span = useMemo(() => ({ ...periodRange(period, now), now }), [period, now]);
  const assessed = useRubricResult(
    loadEmbedder,
    (embed) => assessReports(reports, rubric, items, span, embed, decisions),
    `${period}|${reports.map((p) => `${p.id}:${p.track}${p.level}`).join(',')}`,
    `${now}|${decisions.filter((d) => d.excluded).length}|${decisions.reduce((latest, d) => Math.max(latest, d.decidedAt), 0)}`,
  );
  const assessments = assessed.status === 'ready' ? assessed.value : assessed.status === 'busy' ? assessed.previous : null;
  const calibration = useMemo(
    () => buildCalibration(reports, items, span, assessments ?? [], { decisions, threadRoots }),
    [reports, items, span, assessments, decisions, threadRoots],
  );

  if (reports.length === 0) {
    return (
      <div className="empty">
        <p>Calibration compares your reports. Tick who reports to you first.</p>
        <button type="button" onClick={onOpenSettings}>
          Choose your reports
        </button>
      </div>
    );
  }
  return (
    <>
      <PeriodSelect value={period} onChange={onPeriodChange} />
      {assessed.status === 'busy' && (
        <p aria-busy="true" role="status" className="meta">
          Checking evidence against the rubric for level cues…
        </p>
      )}
      {assessed.status === 'error' && (
        <p role="alert" className="notice notice-attention">
          Level cues are unavailable: {assessed.message}
        </p>
      )}
      <CalibrationView calibration={calibration} />
    </>
  );
}
