import { memo } from 'react';
import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis } from 'recharts';
import type { Distribution } from '../../core/data/synthDataset';
import type { ParamRange } from '../../core/signal/params';
import type { Histogram } from '../../../workers/data.protocol';

interface Props {
  id: string;
  range: ParamRange;
  dist: Distribution | undefined;
  /** Value used when the parameter is not drawn (preset default). */
  fallback: number;
  hist: Histogram | undefined;
  invalid: boolean;
  onChange(d: Distribution | undefined): void;
}

function fmt(v: number, step: number): string {
  const d = step >= 1 ? 0 : step >= 0.1 ? 1 : 2;
  return v.toFixed(d);
}

/** One parameter's distribution (preset default / fixed / uniform / normal) and the histogram of drawn values. */
/**
 * Memoised: a parent re-render (progress, another parameter's edit) does not re-render every histogram.
 * `onChange` is left out of the comparison: callers must not capture state in it (read the store instead).
 */
export const DistributionEditor = memo(
  DistributionEditorImpl,
  (a, b) => a.id === b.id && a.range === b.range && a.dist === b.dist && a.fallback === b.fallback && a.hist === b.hist && a.invalid === b.invalid,
);

function DistributionEditorImpl({ id, range, dist, fallback, hist, invalid, onChange }: Props) {
  const kind = dist?.kind ?? 'preset';
  const num = (label: string, value: number, set: (v: number) => void) => (
    <label>
      {label}
      <input
        type="number"
        step={range.step}
        min={range.min}
        max={range.max}
        value={value}
        aria-label={`${range.label} ${label}`}
        onChange={(e) => {
          const v = Number(e.target.value);
          if (e.target.value !== '' && Number.isFinite(v)) set(v);
        }}
      />
    </label>
  );
  const setKind = (k: string) => {
    const lo = dist && dist.kind !== 'fixed' ? dist.min : Math.max(range.min, fallback - (range.max - range.min) / 10);
    const hi = dist && dist.kind !== 'fixed' ? dist.max : Math.min(range.max, fallback + (range.max - range.min) / 10);
    const mid = dist?.kind === 'fixed' ? dist.value : dist?.kind === 'normal' ? dist.mean : (lo + hi) / 2;
    if (k === 'preset') onChange(undefined);
    else if (k === 'fixed') onChange({ kind: 'fixed', value: Number(fmt(mid, range.step)) });
    else if (k === 'uniform') onChange({ kind: 'uniform', min: Number(fmt(lo, range.step)), max: Number(fmt(hi, range.step)) });
    else onChange({ kind: 'normal', mean: Number(fmt(mid, range.step)), sd: Number(fmt((hi - lo) / 4 || range.step, range.step)), min: Number(fmt(lo, range.step)), max: Number(fmt(hi, range.step)) });
  };
  const data = hist ? hist.counts.map((c, i) => ({ x: hist.lo + ((i + 0.5) * (hist.hi - hist.lo)) / hist.counts.length, c })) : [];
  return (
    <div className={invalid ? 'dist-card invalid' : 'dist-card'} data-testid={`dist-${id}`}>
      <h4>
        {range.label} {range.unit && <span className="unit">({range.unit})</span>}
      </h4>
      <div className="dist-inputs">
        <label>
          <span className="visually-hidden">{range.label} distribution</span>
          <select value={kind} onChange={(e) => setKind(e.target.value)} aria-label={`${range.label} distribution`}>
            <option value="preset">Preset default</option>
            <option value="fixed">Fixed</option>
            <option value="uniform">Uniform</option>
            <option value="normal">Normal (truncated)</option>
          </select>
        </label>
        {dist?.kind === 'fixed' && num('value', dist.value, (value) => onChange({ ...dist, value }))}
        {dist?.kind === 'uniform' && (
          <>
            {num('min', dist.min, (min) => onChange({ ...dist, min }))}
            {num('max', dist.max, (max) => onChange({ ...dist, max }))}
          </>
        )}
        {dist?.kind === 'normal' && (
          <>
            {num('mean', dist.mean, (mean) => onChange({ ...dist, mean }))}
            {num('sd', dist.sd, (sd) => onChange({ ...dist, sd }))}
            {num('min', dist.min, (min) => onChange({ ...dist, min }))}
            {num('max', dist.max, (max) => onChange({ ...dist, max }))}
          </>
        )}
      </div>
      <div className="hist" aria-label={`Histogram of ${range.label}`} role="img">
        {hist && (
          <ResponsiveContainer width="100%" height={64}>
            <BarChart data={data} margin={{ top: 4, right: 0, bottom: 0, left: 0 }} barCategoryGap={1}>
              <XAxis dataKey="x" hide />
              <Tooltip
                formatter={(v) => [String(v), 'records']}
                labelFormatter={(x) => `${fmt(Number(x), range.step)} ${range.unit}`}
                contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', fontSize: 12 }}
              />
              <Bar dataKey="c" fill="var(--chart-1)" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        )}
        {hist && (
          <div className="hist-range muted">
            <span>{fmt(hist.lo, range.step)}</span>
            <span>{fmt(hist.hi, range.step)}</span>
          </div>
        )}
      </div>
    </div>
  );
}
