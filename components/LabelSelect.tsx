import { useId } from 'react';
import { LABELS, type Label } from '../lib/store/schema';
import { LABEL_NAMES } from './format';

type Choice<All extends boolean> = All extends true ? Label | 'all' : Label;

export interface LabelSelectProps<All extends boolean> {
  /** The field's visible label. */
  caption: string;
  value: Choice<All>;
  onChange: (value: Choice<All>) => void;
  /** Offer "All labels" first, for filters. */
  includeAll?: All;
  inline?: boolean;
}

/** A labelled select of evidence labels: corrections, filters and filing pages all pick from the same list. */
export function LabelSelect<All extends boolean = false>({ caption, value, onChange, includeAll, inline }: LabelSelectProps<All>) {
  const id = useId();
  const choices: readonly string[] = includeAll ? ['all', ...LABELS] : LABELS;
  return (
    <div className={inline ? 'field field-inline' : 'field'}>
      <label htmlFor={id}>{caption}</label>
      <select
        id={id}
        value={value}
        onChange={(e) => {
          if (choices.includes(e.target.value)) onChange(e.target.value as Choice<All>);
        }}
      >
        {choices.map((choice) => (
          <option key={choice} value={choice}>
            {choice === 'all' ? 'All labels' : LABEL_NAMES[choice as Label]}
          </option>
        ))}
      </select>
    </div>
  );
}
