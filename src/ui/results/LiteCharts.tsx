/**
 * Live metric charts drawn with Recharts' shape components (Surface, Curve, Dot, Rectangle) on our own scales.
 *
 * Why not <LineChart>: profiling the Results panel during a run (Chromium CPU profile, this 2-core box) showed
 * that a Recharts 3 chart *container* costs 40–140 ms per mount or data update here, almost all of it in its
 * internal Redux store (settings dispatched from effects, every subscriber's selector re-run, synchronous
 * re-renders forced by useSyncExternalStore) — not in drawing. A commit cannot be split, so no scheduling trick
 * brings that under 50 ms. The shape components draw the same SVG (`path.recharts-curve`, d3-shape curves)
 * without a store: a chart update here is a few milliseconds. Axes, grid, legend (HTML, chartKit.tsx) and a hover
 * read-out are ours; PNG export (exportPng.ts) works on the SVG as before.
 */
import { memo, useMemo, useState, type PointerEvent } from 'react';
import { Curve, Dot, Rectangle, Surface } from 'recharts';
import { AXIS_STROKE, GRID_STROKE } from './chartKit';

export interface XY {
  x: number;
  y: number;
}
export interface LiteSeries {
  name: string;
  color: string;
  points: XY[];
  dashed?: boolean;
  /** Not listed in the hover read-out (e.g. the chance diagonal). */
  quiet?: boolean;
  curve?: 'monotone' | 'linear';
  /** Class of the series' group (default `recharts-line`), e.g. to tell a faint trace from the main lines. */
  group?: string;
  /** Stroke opacity (default 1) and width (default 2, 1.2 when dashed). */
  opacity?: number;
  strokeWidth?: number;
}
export interface LiteAxis {
  domain: [number, number];
  ticks: number[];
  format: (v: number) => string;
  label?: string;
}

const M = { top: 8, right: 12, bottom: 22, left: 48 };
const FONT = 11;

function scale([d0, d1]: [number, number], [r0, r1]: [number, number]) {
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  return (v: number) => r0 + (v - d0) * k;
}

/** Line chart: grid, axes with the given ticks, one Recharts Curve per series, a hover read-out. */
export const LiteLineChart = memo(function LiteLineChart({
  width,
  height,
  series,
  x,
  y,
  formatValue,
  formatX,
}: {
  width: number;
  height: number;
  series: LiteSeries[];
  x: LiteAxis;
  y: LiteAxis;
  formatValue: (v: number) => string;
  formatX: (v: number) => string;
}) {
  const bottom = M.bottom + (x.label ? 14 : 0);
  const left = M.left + (y.label ? 10 : 0);
  const sx = scale(x.domain, [left, width - M.right]);
  const sy = scale(y.domain, [height - bottom, M.top]);
  const [hoverX, setHoverX] = useState<number | null>(null);
  const drawn = useMemo(
    () => series.map((s) => ({ ...s, px: s.points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y)).map((p) => ({ x: sx(p.x), y: sy(p.y) })) })),
    // sx/sy are pure functions of these:
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [series, width, height, x.domain[0], x.domain[1], y.domain[0], y.domain[1], bottom, left],
  );
  const onMove = (e: PointerEvent<SVGSVGElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const px = e.clientX - box.left;
    if (px < left || px > width - M.right) return setHoverX(null);
    setHoverX(x.domain[0] + ((px - left) / (width - M.right - left)) * (x.domain[1] - x.domain[0]));
  };
  const readout =
    hoverX === null
      ? null
      : series
          .filter((s) => !s.quiet && s.points.length)
          .map((s) => {
            let best = s.points[0];
            for (const p of s.points) if (Math.abs(p.x - hoverX) < Math.abs(best.x - hoverX)) best = p;
            return { s, p: best };
          });
  const readX = readout?.[0]?.p.x;
  return (
    <div className="lab-lite" style={{ position: 'relative', width, height }}>
      <Surface width={width} height={height} className="lab-lite-chart" onPointerMove={onMove} onPointerLeave={() => setHoverX(null)}>
        <g className="lab-lite-grid" stroke={GRID_STROKE} strokeDasharray="3 3">
          {y.ticks.map((t) => (
            <line key={`h${t}`} x1={left} x2={width - M.right} y1={sy(t)} y2={sy(t)} />
          ))}
          {x.ticks.map((t) => (
            <line key={`v${t}`} x1={sx(t)} x2={sx(t)} y1={M.top} y2={height - bottom} />
          ))}
        </g>
        <g className="lab-lite-axis" fontSize={FONT} fill={AXIS_STROKE}>
          <line x1={left} x2={width - M.right} y1={height - bottom} y2={height - bottom} stroke={AXIS_STROKE} />
          <line x1={left} x2={left} y1={M.top} y2={height - bottom} stroke={AXIS_STROKE} />
          {x.ticks.map((t) => (
            <text key={`x${t}`} x={sx(t)} y={height - bottom + 14} textAnchor="middle">
              {x.format(t)}
            </text>
          ))}
          {y.ticks.map((t) => (
            <text key={`y${t}`} x={left - 5} y={sy(t) + 4} textAnchor="end">
              {y.format(t)}
            </text>
          ))}
          {x.label && (
            <text x={(left + width - M.right) / 2} y={height - 3} textAnchor="middle">
              {x.label}
            </text>
          )}
          {y.label && (
            <text x={10} y={(M.top + height - bottom) / 2} textAnchor="middle" transform={`rotate(-90 10 ${(M.top + height - bottom) / 2})`}>
              {y.label}
            </text>
          )}
        </g>
        {drawn.map((s) => (
          <g key={s.name} className={s.group ?? 'recharts-line'} data-series={s.name}>
            <Curve type={s.curve ?? 'monotone'} layout="horizontal" points={s.px} stroke={s.color} strokeOpacity={s.opacity} strokeWidth={s.strokeWidth ?? (s.dashed ? 1.2 : 2)} strokeDasharray={s.dashed ? '4 4' : undefined} fill="none" connectNulls />
            {s.px.length === 1 && <Dot cx={s.px[0].x} cy={s.px[0].y} r={3} fill={s.color} stroke={s.color} />}
          </g>
        ))}
        {readX !== undefined && <line x1={sx(readX)} x2={sx(readX)} y1={M.top} y2={height - bottom} stroke={AXIS_STROKE} strokeWidth={1} pointerEvents="none" />}
      </Surface>
      {readout && readX !== undefined && (
        <div className="lab-lite-tip" role="status" style={{ left: Math.min(sx(readX) + 8, width - 150), top: M.top }}>
          <div className="lab-muted">{formatX(readX)}</div>
          {readout.map(({ s, p }) => (
            <div key={s.name}>
              <span style={{ color: s.color }}>●</span> {s.name}: {formatValue(p.y)}
            </div>
          ))}
        </div>
      )}
    </div>
  );
});

/** Grouped bar chart (one group per category, one bar per series) with Recharts Rectangles. */
export const LiteBarChart = memo(function LiteBarChart({
  width,
  height,
  categories,
  series,
  y,
  formatValue,
}: {
  width: number;
  height: number;
  categories: string[];
  /** `ci`: an interval per category, drawn as a whisker on the bar. */
  series: { name: string; color: string; values: (number | undefined)[]; ci?: ({ lo: number; hi: number } | null)[] }[];
  y: LiteAxis;
  formatValue: (v: number) => string;
}) {
  const left = 40;
  const bottom = M.bottom;
  const sy = scale(y.domain, [height - bottom, M.top]);
  const band = (width - M.right - left) / Math.max(1, categories.length);
  const barW = Math.max(4, Math.min(40, (band * 0.8) / Math.max(1, series.length)));
  const [hover, setHover] = useState<{ c: number; s: number } | null>(null);
  return (
    <div className="lab-lite" style={{ position: 'relative', width, height }}>
      <Surface width={width} height={height} className="lab-lite-chart" onPointerLeave={() => setHover(null)}>
        <g stroke={GRID_STROKE} strokeDasharray="3 3">
          {y.ticks.map((t) => (
            <line key={`h${t}`} x1={left} x2={width - M.right} y1={sy(t)} y2={sy(t)} />
          ))}
        </g>
        <g fontSize={FONT} fill={AXIS_STROKE}>
          <line x1={left} x2={width - M.right} y1={height - bottom} y2={height - bottom} stroke={AXIS_STROKE} />
          <line x1={left} x2={left} y1={M.top} y2={height - bottom} stroke={AXIS_STROKE} />
          {y.ticks.map((t) => (
            <text key={`y${t}`} x={left - 5} y={sy(t) + 4} textAnchor="end">
              {y.format(t)}
            </text>
          ))}
          {categories.map((c, i) => (
            <text key={c} x={left + band * (i + 0.5)} y={height - bottom + 14} textAnchor="middle">
              {c}
            </text>
          ))}
        </g>
        {categories.map((c, ci) =>
          series.map((s, si) => {
            const v = s.values[ci];
            if (v === undefined || !Number.isFinite(v)) return null;
            const x0 = left + band * ci + (band - barW * series.length) / 2 + si * barW;
            const top = sy(Math.max(y.domain[0], Math.min(y.domain[1], v)));
            const iv = s.ci?.[ci];
            const clamp = (t: number) => sy(Math.max(y.domain[0], Math.min(y.domain[1], t)));
            const mid = x0 + barW / 2;
            return (
              <g key={`${c}-${s.name}`} className="recharts-bar-rectangle" data-value={v} onPointerEnter={() => setHover({ c: ci, s: si })}>
                <Rectangle x={x0 + 1} y={top} width={barW - 2} height={height - bottom - top} fill={s.color} isAnimationActive={false} />
                {iv && (
                  <g className="lab-bar-ci" stroke={AXIS_STROKE} strokeWidth={1.2}>
                    <line x1={mid} x2={mid} y1={clamp(iv.lo)} y2={clamp(iv.hi)} />
                    <line x1={mid - 3} x2={mid + 3} y1={clamp(iv.lo)} y2={clamp(iv.lo)} />
                    <line x1={mid - 3} x2={mid + 3} y1={clamp(iv.hi)} y2={clamp(iv.hi)} />
                  </g>
                )}
              </g>
            );
          }),
        )}
      </Surface>
      {hover && series[hover.s] && (
        <div className="lab-lite-tip" role="status" style={{ left: Math.min(left + band * hover.c + 8, width - 150), top: M.top }}>
          <div className="lab-muted">{categories[hover.c]}</div>
          <span style={{ color: series[hover.s].color }}>●</span> {series[hover.s].name}: {formatValue(series[hover.s].values[hover.c] ?? NaN)}
        </div>
      )}
    </div>
  );
});

/** Scatter of predicted vs true (same units on both axes) with the identity line y = x; hover names the nearest point. */
export const LiteScatterChart = memo(function LiteScatterChart({
  width,
  height,
  points,
  axis,
  color,
  unit,
}: {
  width: number;
  height: number;
  points: XY[];
  /** Shared by x (true) and y (predicted). */
  axis: LiteAxis;
  color: string;
  unit: string;
}) {
  const left = M.left + 10;
  const bottom = M.bottom + 14;
  const sx = scale(axis.domain, [left, width - M.right]);
  const sy = scale(axis.domain, [height - bottom, M.top]);
  const [hover, setHover] = useState<XY | null>(null);
  const px = useMemo(
    () => points.map((p) => ({ p, x: sx(p.x), y: sy(p.y) })),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [points, width, height, axis.domain[0], axis.domain[1]],
  );
  const onMove = (e: PointerEvent<SVGSVGElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const mx = e.clientX - box.left;
    const my = e.clientY - box.top;
    let best: (typeof px)[number] | null = null;
    let bd = 144; // within 12 px
    for (const q of px) {
      const d = (q.x - mx) ** 2 + (q.y - my) ** 2;
      if (d < bd) (bd = d), (best = q);
    }
    setHover(best ? best.p : null);
  };
  const [d0, d1] = axis.domain;
  return (
    <div className="lab-lite" style={{ position: 'relative', width, height }}>
      <Surface width={width} height={height} className="lab-lite-chart" onPointerMove={onMove} onPointerLeave={() => setHover(null)}>
        <g stroke={GRID_STROKE} strokeDasharray="3 3">
          {axis.ticks.map((t) => (
            <g key={`g${t}`}>
              <line x1={left} x2={width - M.right} y1={sy(t)} y2={sy(t)} />
              <line x1={sx(t)} x2={sx(t)} y1={M.top} y2={height - bottom} />
            </g>
          ))}
        </g>
        <g fontSize={FONT} fill={AXIS_STROKE}>
          <line x1={left} x2={width - M.right} y1={height - bottom} y2={height - bottom} stroke={AXIS_STROKE} />
          <line x1={left} x2={left} y1={M.top} y2={height - bottom} stroke={AXIS_STROKE} />
          {axis.ticks.map((t) => (
            <g key={`t${t}`}>
              <text x={sx(t)} y={height - bottom + 14} textAnchor="middle">
                {axis.format(t)}
              </text>
              <text x={left - 5} y={sy(t) + 4} textAnchor="end">
                {axis.format(t)}
              </text>
            </g>
          ))}
          <text x={(left + width - M.right) / 2} y={height - 3} textAnchor="middle">
            true ({unit})
          </text>
          <text x={10} y={(M.top + height - bottom) / 2} textAnchor="middle" transform={`rotate(-90 10 ${(M.top + height - bottom) / 2})`}>
            predicted ({unit})
          </text>
        </g>
        <line className="lab-identity" x1={sx(d0)} y1={sy(d0)} x2={sx(d1)} y2={sy(d1)} stroke={AXIS_STROKE} strokeDasharray="4 4" />
        <g className="lab-scatter-points" fill={color} fillOpacity={0.55}>
          {px.map((q, i) => (
            <circle key={i} cx={q.x} cy={q.y} r={2.5} />
          ))}
        </g>
        {hover && <Dot cx={sx(hover.x)} cy={sy(hover.y)} r={5} fill="none" stroke={color} />}
      </Surface>
      {hover && (
        <div className="lab-lite-tip" role="status" style={{ left: Math.min(sx(hover.x) + 8, width - 150), top: M.top }}>
          true {axis.format(hover.x)} {unit} · predicted {axis.format(hover.y)} {unit}
        </div>
      )}
    </div>
  );
});
