/**
 * Forest plot of the paired differences transfer − baseline: one row per transfer × label budget, the difference
 * as a point with its 95 % interval as a whisker, a vertical line at 0. A row is coloured (gain / loss) only when
 * its interval excludes 0; otherwise it is grey and says "no significant difference" (title and screen readers).
 */
import { memo, useMemo, useState } from 'react';
import { Surface } from 'recharts';
import { metricLabel } from './format';
import { ChartFrame } from './ChartFrame';
import { AXIS_STROKE, GRID_STROKE, Measured, niceTicks } from './chartKit';
import { CURVE_METRICS, forestDomain, metricWords, type CurveMetric, type ForestRow, type Tone } from './sweepView';

const ROW = 26;
const TOP = 8;
const AXIS = 34;
const FONT = 11;
export const TONE_COLOR: Record<Tone, string> = { gain: 'var(--lab-ok)', loss: 'var(--lab-danger)', neutral: '#8a8f98' };

const signed = (v: number) => {
  const s = Math.abs(v).toFixed(2);
  return Number(s) === 0 ? '0' : v > 0 ? `+${s}` : `\u2212${s}`;
};

function ForestSvg({ rows, width }: { rows: ForestRow[]; width: number }) {
  // Room for the longest label and value text (≈ 6.6 px a character at this font size), the rest for the plot.
  const chars = (f: (r: ForestRow) => string) => Math.max(...rows.map((r) => f(r).length));
  const labelW = Math.min(width * 0.4, chars((r) => `${r.transfer} · ${r.budgetLabel}`) * 6.6 + 16);
  const textW = Math.min(width * 0.35, chars((r) => r.text) * 6.6 + 16);
  const x0 = labelW;
  const x1 = width - textW;
  const [d0, d1] = forestDomain(rows);
  const ticks = niceTicks(d0, d1, 5).ticks.filter((t) => t >= d0 - 1e-9 && t <= d1 + 1e-9);
  const sx = (v: number) => x0 + ((v - d0) / (d1 - d0)) * (x1 - x0);
  const height = TOP + rows.length * ROW + AXIS;
  const yOf = (i: number) => TOP + i * ROW + ROW / 2;
  return (
    <Surface width={width} height={height} className="lab-lite-chart">
      <g stroke={GRID_STROKE} strokeDasharray="3 3">
        {ticks.map((t) => (
          <line key={t} x1={sx(t)} x2={sx(t)} y1={TOP} y2={TOP + rows.length * ROW} />
        ))}
      </g>
      <line className="lab-forest-zero" x1={sx(0)} x2={sx(0)} y1={TOP - 4} y2={TOP + rows.length * ROW} stroke={AXIS_STROKE} strokeWidth={1.5} />
      <g fontSize={FONT} fill={AXIS_STROKE}>
        <line x1={x0} x2={x1} y1={TOP + rows.length * ROW} y2={TOP + rows.length * ROW} stroke={AXIS_STROKE} />
        {ticks.map((t) => (
          <text key={t} x={sx(t)} y={TOP + rows.length * ROW + 14} textAnchor="middle">
            {signed(t)}
          </text>
        ))}
        <text x={(x0 + x1) / 2} y={height - 4} textAnchor="middle">
          ← baseline better · transfer − baseline · transfer better →
        </text>
      </g>
      {rows.map((r, i) => {
        const y = yOf(i);
        const color = TONE_COLOR[r.tone];
        const lo = r.ci ? sx(Math.max(d0, r.ci.lo)) : null;
        const hi = r.ci ? sx(Math.min(d1, r.ci.hi)) : null;
        return (
          <g key={r.key} data-testid="forest-row" data-tone={r.tone} data-transfer={r.transfer} data-budget={r.budget} role="img" aria-label={r.description}>
            <title>{r.description}</title>
            {i > 0 && rows[i - 1].budget !== r.budget && <line x1={4} x2={width - 4} y1={y - ROW / 2} y2={y - ROW / 2} stroke={GRID_STROKE} />}
            <text x={4} y={y + 4} fontSize={FONT + 1} fill="currentColor">
              {r.transfer}
              <tspan fill={AXIS_STROKE}> · {r.budgetLabel}</tspan>
            </text>
            {lo !== null && hi !== null && (
              <g stroke={color} strokeWidth={2}>
                <line x1={lo} x2={hi} y1={y} y2={y} />
                <line x1={lo} x2={lo} y1={y - 5} y2={y + 5} />
                <line x1={hi} x2={hi} y1={y - 5} y2={y + 5} />
              </g>
            )}
            <circle cx={sx(r.diff)} cy={y} r={4.5} fill={r.tone === 'neutral' ? 'var(--lab-surface)' : color} stroke={color} strokeWidth={2} />
            <text x={width - 4} y={y + 4} textAnchor="end" fontSize={FONT + 1} fill={r.tone === 'neutral' ? 'currentColor' : color} fontWeight={r.tone === 'neutral' ? 400 : 600}>
              {r.text}
            </text>
          </g>
        );
      })}
    </Surface>
  );
}

/** The forest-plot card with its metric toggle; `rowsOf` builds the rows for the chosen metric. */
export const ForestPlot = memo(function ForestPlot({ rowsOf, repeats }: { rowsOf: (metric: CurveMetric) => ForestRow[]; repeats: number }) {
  const [metric, setMetric] = useState<CurveMetric>('macro_auc');
  const rows = useMemo(() => rowsOf(metric), [rowsOf, metric]);
  if (rows.length === 0) return null;
  const pick = (
    <select aria-label="Metric of the forest plot" value={metric} onChange={(e) => setMetric(e.target.value as CurveMetric)} className="lab-select-small">
      {CURVE_METRICS.map((m) => (
        <option key={m} value={m}>
          {metricLabel(m)}
        </option>
      ))}
    </select>
  );
  const nTest = rows.find((r) => r.nTest !== undefined)?.nTest;
  const significant = rows.filter((r) => r.tone !== 'neutral').length;
  // Rows of a sweep in progress may rest on different numbers of finished repeats.
  const most = Math.max(...rows.map((r) => r.repeats));
  const least = Math.min(...rows.map((r) => r.repeats));
  const over =
    least !== most
      ? `over the repeats finished so far, ${least} to ${most} of ${repeats}; a row with one is its paired bootstrap`
      : most >= 2
        ? `over ${most} repeats`
        : 'paired bootstrap, one run';
  return (
    <ChartFrame title={`Transfer − baseline, test ${metricWords(metricLabel(metric))}`} fileName={`forest-${metric}`} testId="forest-plot" actions={pick} data={{ metric, rows: rows.length }}>
      <Measured>{(width) => <ForestSvg rows={rows} width={width} />}</Measured>
      <ul className="visually-hidden" aria-label="Differences read aloud">
        {rows.map((r) => (
          <li key={r.key}>{r.description}</li>
        ))}
      </ul>
      <p className="lab-muted lab-small" data-testid="forest-summary">
        Each row: the difference on the same test records{nTest !== undefined ? ` (n = ${nTest})` : ''} with its 95 % interval (
        {over}). Coloured only when the interval excludes 0 —{' '}
        {significant === 0 ? 'here none does: no significant difference at any budget.' : `${significant} of ${rows.length} rows do.`}
      </p>
    </ChartFrame>
  );
});
