/**
 * Learning curves: a test metric against the labelled training records (log axis), one line per stage with its
 * 95 % band (the t-interval of the mean over repeats when there are two or more, else the bootstrap interval of
 * the single run), and the same numbers as a table. Drawn with Recharts shapes on our own scales (see
 * LiteCharts.tsx for why not <LineChart>).
 */
import { memo, useMemo, useState, type PointerEvent } from 'react';
import { Curve, Dot, Surface } from 'recharts';
import { colorAt, metricLabel } from './format';
import { ChartFrame } from './ChartFrame';
import { AXIS_STROKE, GRID_STROKE, HtmlLegend, Measured, fixed2, niceTicks } from './chartKit';
import { CURVE_METRICS, logAxis, metricWords, type CurveMetric, type CurveSeries } from './sweepView';

const H = 240;
const M = { top: 8, right: 14, bottom: 36, left: 58 };
const FONT = 11;

const colorOf = (s: CurveSeries, i: number) => (s.kind === 'baseline' ? '#6c757d' : colorAt(i));

const CurveChart = memo(function CurveChart({ series, width, metric }: { series: CurveSeries[]; width: number; metric: string }) {
  const xs = series.flatMap((s) => s.points.map((p) => p.x));
  const x = logAxis(xs);
  const ys = series.flatMap((s) => s.points.flatMap((p) => [p.mean, p.lo ?? p.mean, p.hi ?? p.mean]));
  const y = niceTicks(Math.max(0, Math.min(...ys)), Math.min(1, Math.max(...ys)), 5);
  y.domain = [Math.max(0, y.domain[0]), Math.min(1, y.domain[1])];
  y.ticks = y.ticks.filter((t) => t >= y.domain[0] - 1e-9 && t <= y.domain[1] + 1e-9);
  const [l0, l1] = [Math.log10(x.domain[0]), Math.log10(x.domain[1])];
  const sx = (v: number) => M.left + ((Math.log10(v) - l0) / (l1 - l0 || 1)) * (width - M.left - M.right);
  const sy = (v: number) => H - M.bottom - ((v - y.domain[0]) / (y.domain[1] - y.domain[0] || 1)) * (H - M.top - M.bottom);
  // A band is drawn inside the plot (a t-interval of two repeats can reach past 0 or 1); the table has its ends.
  const sb = (v: number) => sy(Math.max(y.domain[0], Math.min(y.domain[1], v)));
  const [hover, setHover] = useState<number | null>(null);
  const onMove = (e: PointerEvent<SVGSVGElement>) => {
    const px = e.clientX - e.currentTarget.getBoundingClientRect().left;
    let best: number | null = null;
    for (const v of xs) if (best === null || Math.abs(sx(v) - px) < Math.abs(sx(best) - px)) best = v;
    setHover(best);
  };
  const bands = useMemo(
    () =>
      series.map((s) => {
        const pts = s.points.filter((p) => p.lo !== undefined && p.hi !== undefined);
        if (pts.length === 0) return '';
        const upper = pts.map((p) => `${sx(p.x).toFixed(1)},${sb(p.hi!).toFixed(1)}`);
        const lower = pts.map((p) => `${sx(p.x).toFixed(1)},${sb(p.lo!).toFixed(1)}`).reverse();
        // One point: a thin vertical band (a whisker) so its interval still shows.
        if (pts.length === 1) return `M${sx(pts[0].x) - 3},${sb(pts[0].hi!)}h6V${sb(pts[0].lo!)}h-6Z`;
        return `M${upper.join('L')}L${lower.join('L')}Z`;
      }),
    // sx/sy are pure functions of these:
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [series, width, x.domain[0], x.domain[1], y.domain[0], y.domain[1]],
  );
  const tipRows = hover === null ? [] : series.flatMap((s, i) => s.points.filter((p) => p.x === hover).map((p) => ({ s, i, p })));
  return (
    <div className="lab-lite" style={{ position: 'relative', width, height: H }}>
      <Surface width={width} height={H} className="lab-lite-chart" onPointerMove={onMove} onPointerLeave={() => setHover(null)}>
        <g stroke={GRID_STROKE} strokeDasharray="3 3">
          {y.ticks.map((t) => (
            <line key={`h${t}`} x1={M.left} x2={width - M.right} y1={sy(t)} y2={sy(t)} />
          ))}
          {x.ticks.map((t) => (
            <line key={`v${t}`} x1={sx(t)} x2={sx(t)} y1={M.top} y2={H - M.bottom} />
          ))}
        </g>
        <g fontSize={FONT} fill={AXIS_STROKE}>
          <line x1={M.left} x2={width - M.right} y1={H - M.bottom} y2={H - M.bottom} stroke={AXIS_STROKE} />
          <line x1={M.left} x2={M.left} y1={M.top} y2={H - M.bottom} stroke={AXIS_STROKE} />
          {x.ticks.map((t) => (
            <text key={`x${t}`} x={sx(t)} y={H - M.bottom + 14} textAnchor="middle">
              {t}
            </text>
          ))}
          {y.ticks.map((t) => (
            <text key={`y${t}`} x={M.left - 5} y={sy(t) + 4} textAnchor="end">
              {fixed2(t)}
            </text>
          ))}
          <text x={(M.left + width - M.right) / 2} y={H - 4} textAnchor="middle">
            labelled training records (log scale)
          </text>
          <text x={12} y={(M.top + H - M.bottom) / 2} textAnchor="middle" transform={`rotate(-90 12 ${(M.top + H - M.bottom) / 2})`}>
            test {metricWords(metricLabel(metric))}
          </text>
        </g>
        {series.map((s, i) => (
          <path key={`b${s.stage}`} className="lab-curve-band" d={bands[i]} fill={colorOf(s, i)} fillOpacity={0.1} stroke={colorOf(s, i)} strokeOpacity={0.45} strokeDasharray="3 3" />
        ))}
        {series.map((s, i) => {
          const px = s.points.map((p) => ({ x: sx(p.x), y: sy(p.mean) }));
          return (
            <g key={s.stage} className="recharts-line" data-series={s.stage}>
              <Curve type="linear" layout="horizontal" points={px} stroke={colorOf(s, i)} strokeWidth={2} fill="none" />
              {px.map((q, j) => (
                <Dot key={j} cx={q.x} cy={q.y} r={3} fill={colorOf(s, i)} stroke={colorOf(s, i)} />
              ))}
            </g>
          );
        })}
        {hover !== null && <line x1={sx(hover)} x2={sx(hover)} y1={M.top} y2={H - M.bottom} stroke={AXIS_STROKE} pointerEvents="none" />}
      </Surface>
      {tipRows.length > 0 && hover !== null && (
        <div className="lab-lite-tip" role="status" style={{ left: Math.min(sx(hover) + 8, width - 230), top: M.top }}>
          <div className="lab-muted">
            {Math.round(hover)} training records ({tipRows[0].p.budgetLabel})
          </div>
          {tipRows.map(({ s, i, p }) => (
            <div key={s.stage}>
              <span style={{ color: colorOf(s, i) }}>●</span> {s.stage}: {p.text}
            </div>
          ))}
        </div>
      )}
    </div>
  );
});

/** The curves' numbers as a table: one row per stage, one column per budget (`0.771 [0.69, 0.84]`). */
function CurveTable({ series, metric }: { series: CurveSeries[]; metric: string }) {
  const budgets = [...new Map(series.flatMap((s) => s.points.map((p) => [p.budget, p.budgetLabel] as const))).entries()].sort((a, b) => a[0] - b[0]);
  return (
    <div className="lab-table-wrap">
      <table className="lab-table" data-testid="curve-table" aria-label={`Test ${metricLabel(metric)} per label budget`}>
        <thead>
          <tr>
            <th scope="col">Model</th>
            {budgets.map(([b, label]) => (
              <th scope="col" key={b}>
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {series.map((s) => (
            <tr key={s.stage} data-testid="curve-row" data-stage={s.stage}>
              <th scope="row">{s.stage}</th>
              {budgets.map(([b]) => {
                const p = s.points.find((q) => q.budget === b);
                return (
                  <td key={b} title={p ? `${Math.round(p.x)} training records; interval: ${p.ciMethod === 'repeats' ? 'over repeats (t)' : 'bootstrap over test records'}` : undefined}>
                    {p ? p.text : '\u2013'}
                    {p && <span className="lab-muted lab-small"> n={Math.round(p.x)}</span>}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The learning-curve card with its metric toggle; `seriesOf` builds the series for the chosen metric. */
export const LearningCurves = memo(function LearningCurves({ seriesOf, repeats }: { seriesOf: (metric: CurveMetric) => CurveSeries[]; repeats: number }) {
  const [metric, setMetric] = useState<CurveMetric>('macro_auc');
  const series = useMemo(() => seriesOf(metric), [seriesOf, metric]);
  const pick = (
    <select aria-label="Metric of the learning curves" value={metric} onChange={(e) => setMetric(e.target.value as CurveMetric)} className="lab-select-small">
      {CURVE_METRICS.map((m) => (
        <option key={m} value={m}>
          {metricLabel(m)}
        </option>
      ))}
    </select>
  );
  if (series.length === 0) return null;
  return (
    <ChartFrame title={`Learning curves — test ${metricWords(metricLabel(metric))}`} fileName={`learning-curves-${metric}`} testId="learning-curves" actions={pick} data={{ metric, series: series.length }}>
      <Measured>{(width) => <CurveChart series={series} width={width} metric={metric} />}</Measured>
      <HtmlLegend items={series.map((s, i) => ({ name: s.stage, color: colorOf(s, i) }))} />
      <p className="lab-muted lab-small">
        Shaded: 95 % interval —{' '}
        {repeats >= 2 ? `of the mean over ${repeats} repeats (t-interval)` : 'bootstrap over the test records of the single run'}.
      </p>
      <CurveTable series={series} metric={metric} />
    </ChartFrame>
  );
});
