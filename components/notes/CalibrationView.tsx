import { useId } from 'react';
import { CALIBRATION_LABELS, isoDate, type Calibration, type CalibrationCueKind } from '../../lib/notes';
import { LABEL_NAMES } from '../format';
import { Citations } from './Citations';

export interface CalibrationViewProps {
  calibration: Calibration;
}

const CUE_NAMES: Record<CalibrationCueKind, string> = {
  recency: 'Recency',
  'single-source': 'Single source',
  thin: 'Thin evidence',
  'above-level': 'Above level',
  'below-level': 'Narrow evidence',
  'quiet-contributor': 'Quiet contributor',
};

const BAR_HEIGHT = 18;
const ROW_GAP = 8;
const NAME_WIDTH = 110;
const CHART_WIDTH = 320;

/** Stacked bars of evidence per person; the table beside it carries the same numbers for everyone. */
function EvidenceChart({ calibration, titleId, descId }: CalibrationViewProps & { titleId: string; descId: string }) {
  const max = Math.max(1, ...calibration.rows.map((r) => r.total));
  const barSpace = CHART_WIDTH - NAME_WIDTH - 30;
  const height = calibration.rows.length * (BAR_HEIGHT + ROW_GAP) + ROW_GAP;
  const description = calibration.rows
    .map((r) => `${r.person.name}: ${CALIBRATION_LABELS.map((l) => `${r.counts[l]} ${LABEL_NAMES[l].toLowerCase()}`).join(', ')}`)
    .join('; ');
  return (
    <svg className="notes-chart" role="img" aria-labelledby={`${titleId} ${descId}`} viewBox={`0 0 ${CHART_WIDTH} ${height}`} width="100%">
      <title id={titleId}>Evidence per person, by label</title>
      <desc id={descId}>{description}</desc>
      {calibration.rows.map((row, i) => {
        const y = ROW_GAP + i * (BAR_HEIGHT + ROW_GAP);
        let x = NAME_WIDTH;
        return (
          <g key={row.person.id}>
            <text className="notes-chart-name" x={NAME_WIDTH - 6} y={y + BAR_HEIGHT * 0.72} textAnchor="end">
              {row.person.name}
            </text>
            {CALIBRATION_LABELS.map((label) => {
              const width = (row.counts[label] / max) * barSpace;
              const bar = <rect key={label} className={`notes-bar notes-bar-${label}`} x={x} y={y} width={width} height={BAR_HEIGHT} />;
              x += width;
              return bar;
            })}
            <text className="notes-chart-total" x={x + 4} y={y + BAR_HEIGHT * 0.72}>
              {row.total}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export function CalibrationView({ calibration }: CalibrationViewProps) {
  const id = useId();
  const nameOf = new Map(calibration.rows.map((r) => [r.person.id, r.person.name]));
  return (
    <section className="view notes-view" aria-labelledby={`${id}-heading`}>
      <div className="view-header">
        <h2 id={`${id}-heading`}>Calibration</h2>
        <p className="meta">
          {isoDate(calibration.from)} to {isoDate(calibration.to)}
        </p>
      </div>
      <figure className="card notes-figure">
        <EvidenceChart calibration={calibration} titleId={`${id}-chart-title`} descId={`${id}-chart-desc`} />
        <figcaption>
          <ul className="notes-legend" aria-label="Legend">
            {CALIBRATION_LABELS.map((label) => (
              <li key={label}>
                <span className={`notes-swatch notes-bar-${label}`} aria-hidden="true" /> {LABEL_NAMES[label]}
              </li>
            ))}
          </ul>
        </figcaption>
      </figure>
      <div className="notes-table-wrap" tabIndex={0} role="region" aria-labelledby={`${id}-table-caption`}>
        <table className="notes-table">
          <caption id={`${id}-table-caption`}>Evidence per person and label</caption>
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">Level</th>
              {CALIBRATION_LABELS.map((label) => (
                <th key={label} scope="col">
                  {LABEL_NAMES[label]}
                </th>
              ))}
              <th scope="col">Total</th>
            </tr>
          </thead>
          <tbody>
            {calibration.rows.map((row) => (
              <tr key={row.person.id}>
                <th scope="row">{row.person.name}</th>
                <td>
                  {row.person.track === 'ic' ? 'IC' : 'M'}
                  {row.person.level}
                </td>
                {CALIBRATION_LABELS.map((label) => (
                  <td key={label}>{row.counts[label]}</td>
                ))}
                <td>{row.total}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>Bias cues</h3>
      {calibration.cues.length === 0 ? (
        <p className="meta">No bias cues for this period.</p>
      ) : (
        <ul className="cues">
          {calibration.cues.map((cue) => (
            <li key={`${cue.personId}-${cue.kind}`} className="cue cue-attention">
              <strong>
                {nameOf.get(cue.personId) ?? cue.personId}, {CUE_NAMES[cue.kind].toLowerCase()}:
              </strong>{' '}
              {cue.text}
              {cue.citations && <Citations citations={cue.citations} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
