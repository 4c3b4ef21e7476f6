export interface SparklineSeries {
  name: string;
  values: readonly number[];
}

export interface SparklineProps {
  /** Drawn in order on one shared scale; the first is the emphasised line. */
  series: readonly SparklineSeries[];
  /** What a screen reader hears instead of the picture. */
  label: string;
  width?: number;
  height?: number;
}

export function Sparkline({ series, label, width = 96, height = 24 }: SparklineProps) {
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const pad = 2;
  const toPoints = (values: readonly number[]) =>
    values
      .map((v, i) => {
        const x = pad + (values.length > 1 ? (i * (width - 2 * pad)) / (values.length - 1) : 0);
        const y = height - pad - (v / max) * (height - 2 * pad);
        return `${x.toFixed(1)},${y.toFixed(1)}`;
      })
      .join(' ');
  return (
    <svg className="sparkline" role="img" aria-label={label} width={width} height={height} viewBox={`0 0 ${width} ${height}`}>
      {[...series].reverse().map((s, i) => (
        <polyline
          key={s.name}
          className={i === series.length - 1 ? 'sparkline-main' : 'sparkline-context'}
          points={toPoints(s.values)}
          fill="none"
        />
      ))}
    </svg>
  );
}
