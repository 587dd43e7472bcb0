import { useId } from 'react';
import type { ParamRange } from '../../core/signal/params';

export interface ParamSliderProps {
  range: ParamRange;
  value: number;
  onChange(v: number): void;
  /** Highlight when the engine rejected this parameter. */
  invalid?: boolean;
  testId?: string;
}

function decimals(step: number): number {
  const s = String(step);
  const i = s.indexOf('.');
  return i < 0 ? 0 : s.length - i - 1;
}

/** A labelled slider with an exact number box and the unit. */
export function ParamSlider({ range, value, onChange, invalid, testId }: ParamSliderProps) {
  const id = useId();
  const d = decimals(range.step);
  const set = (raw: string) => {
    const v = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(v)) return;
    onChange(Number(v.toFixed(d)));
  };
  return (
    <div className={invalid ? 'param invalid' : 'param'} data-testid={testId}>
      <label htmlFor={id} className="param-label">
        {range.label}
      </label>
      <input
        id={id}
        type="range"
        min={range.min}
        max={range.max}
        step={range.step}
        value={value}
        onChange={(e) => set(e.target.value)}
        aria-describedby={`${id}-v`}
      />
      <span className="param-value" id={`${id}-v`}>
        <input
          type="number"
          aria-label={`${range.label} value${range.unit ? ` (${range.unit})` : ''}`}
          min={range.min}
          max={range.max}
          step={range.step}
          value={Number(value.toFixed(d))}
          onChange={(e) => set(e.target.value)}
        />
        <span className="unit">{range.unit}</span>
      </span>
    </div>
  );
}
