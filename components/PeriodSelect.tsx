import { useId } from 'react';
import { PERIOD_IDS, PERIOD_LABELS, type PeriodId } from '../lib/signals';

export interface PeriodSelectProps {
  value: PeriodId;
  onChange: (period: PeriodId) => void;
}

const isPeriodId = (value: string): value is PeriodId => (PERIOD_IDS as readonly string[]).includes(value);

export function PeriodSelect({ value, onChange }: PeriodSelectProps) {
  const id = useId();
  return (
    <div className="field field-inline">
      <label htmlFor={id}>Period</label>
      <select
        id={id}
        value={value}
        onChange={(e) => {
          if (isPeriodId(e.target.value)) onChange(e.target.value);
        }}
      >
        {PERIOD_IDS.map((p) => (
          <option key={p} value={p}>
            {PERIOD_LABELS[p]}
          </option>
        ))}
      </select>
    </div>
  );
}
