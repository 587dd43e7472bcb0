/**
 * Agreement of an evaluate stage's interval predictions with the real labels: a table per target (n, MAE, mean
 * error pred − true [95 % CI], SD, limits of agreement [95 % CIs], the IEC 60601-2-51 tolerance and its verdict)
 * and a Bland–Altman plot per target (difference vs mean of the two, bias line, limits of agreement dashed, the
 * tolerance band on the bias shaded).
 */
import { memo, useMemo } from 'react';
import type { LiveStage, Prediction, TargetAgreement } from '../../core/experiment/contract';
import { ChartFrame } from './ChartFrame';
import { AXIS_STROKE, GRID_STROKE, fmt1, useMeasured } from './chartKit';
import { colorAt, targetLabel } from './format';
import { blandAltmanView } from './blandAltmanView';

const H = 230;
const M = { top: 10, right: 84, bottom: 36, left: 56 };

const signed = (v: number) => (Number.isFinite(v) ? `${v > 0 ? '+' : ''}${v.toFixed(1)}` : '—');
const ci = (c: { lo: number; hi: number } | null) => (c ? ` [${signed(c.lo)}, ${signed(c.hi)}]` : '');

function scale([d0, d1]: [number, number], [r0, r1]: [number, number]) {
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  return (v: number) => r0 + (v - d0) * k;
}

function Verdict({ a }: { a: TargetAgreement }) {
  if (!a.iec) return <span className="lab-muted">no tolerance</span>;
  const why = [!a.iec.meanOk ? 'mean' : '', !a.iec.sdOk ? 'SD' : ''].filter(Boolean).join(', ');
  return (
    <span data-testid="iec-verdict" data-pass={a.iec.pass} className={a.iec.pass ? undefined : 'lab-error-text'}>
      {a.iec.pass ? 'pass' : `fail (${why})`}
    </span>
  );
}

function AgreementTable({ stage, rows }: { stage: string; rows: TargetAgreement[] }) {
  return (
    <div className="lab-table-wrap">
      <table className="lab-table" data-testid="agreement-table" data-stage={stage} aria-label={`Agreement of ${stage} with the real labels`}>
        <thead>
          <tr>
            <th scope="col">Target</th>
            <th scope="col" title="rows (records)">n</th>
            <th scope="col">MAE</th>
            <th scope="col">Mean error pred − true [95 % CI]</th>
            <th scope="col">SD</th>
            <th scope="col">Limits of agreement [95 % CIs]</th>
            <th scope="col" title="IEC 60601-2-51, as commonly quoted">IEC |mean|, SD</th>
            <th scope="col">IEC</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => (
            <tr key={a.target} data-testid="agreement-row" data-target={a.target} data-mean={a.meanDiff} data-sd={a.sdDiff} data-n={a.n}>
              <th scope="row">
                {targetLabel(a.target)} <span className="lab-muted">({a.unit})</span>
              </th>
              <td>
                {a.n}
                {a.records !== a.n && <span className="lab-muted"> ({a.records} rec.)</span>}
              </td>
              <td>{fmt1(a.mae)}</td>
              <td style={{ whiteSpace: 'normal' }}>
                {signed(a.meanDiff)}
                <span className="lab-muted">{ci(a.meanCi)}</span>
              </td>
              <td>{fmt1(a.sdDiff)}</td>
              <td style={{ whiteSpace: 'normal' }}>
                {signed(a.loaLower)}
                <span className="lab-muted">{ci(a.loaLowerCi)}</span> to {signed(a.loaUpper)}
                <span className="lab-muted">{ci(a.loaUpperCi)}</span>
              </td>
              <td>{a.iec ? `≤ ${a.iec.tolerance.maxAbsMean}, ≤ ${a.iec.tolerance.maxSd}` : '—'}</td>
              <td>
                <Verdict a={a} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const BlandAltmanCard = memo(function BlandAltmanCard({ stage, p, a, i }: { stage: string; p: Prediction; a: TargetAgreement; i: number }) {
  const [ref, width] = useMeasured();
  const v = useMemo(() => blandAltmanView(p, a), [p, a]);
  const w = Math.max(width, 200);
  const sx = scale(v.x.domain, [M.left, w - M.right]);
  const sy = scale(v.y.domain, [H - M.bottom, M.top]);
  const color = colorAt(i);
  const hLine = (y: number, cls: string, label: string, dash?: string) =>
    Number.isFinite(y) && (
      <g className={cls}>
        <line x1={M.left} x2={w - M.right} y1={sy(y)} y2={sy(y)} stroke={color} strokeWidth={1.5} strokeDasharray={dash} />
        <text x={w - M.right + 4} y={sy(y) + 4} fontSize={10} fill={AXIS_STROKE}>
          {label} {signed(y)}
        </text>
      </g>
    );
  return (
    <ChartFrame title={`${targetLabel(a.target)}: Bland–Altman — ${stage}`} fileName={`bland-altman-${stage}-${a.target}`} testId={`bland-altman-${a.target}`} data={{ points: v.points.length, bias: a.meanDiff }}>
      <div ref={ref}>
        <svg width={w} height={H} className="lab-lite-chart" role="img" aria-label={`${targetLabel(a.target)} difference against mean, ${v.points.length} records, bias ${signed(a.meanDiff)} ${a.unit}`}>
          {v.band && <rect className="lab-ba-band" x={M.left} width={w - M.left - M.right} y={sy(v.band[1])} height={Math.max(0, sy(v.band[0]) - sy(v.band[1]))} fill="#2a9d8f" fillOpacity={0.14} />}
          <g stroke={GRID_STROKE} strokeDasharray="3 3">
            {v.y.ticks.map((t) => (
              <line key={`y${t}`} x1={M.left} x2={w - M.right} y1={sy(t)} y2={sy(t)} />
            ))}
          </g>
          <g fontSize={11} fill={AXIS_STROKE}>
            <line x1={M.left} x2={w - M.right} y1={H - M.bottom} y2={H - M.bottom} stroke={AXIS_STROKE} />
            <line x1={M.left} x2={M.left} y1={M.top} y2={H - M.bottom} stroke={AXIS_STROKE} />
            {v.x.ticks.map((t) => (
              <text key={`x${t}`} x={sx(t)} y={H - M.bottom + 14} textAnchor="middle">
                {fmt1(t).replace(/\.0$/, '')}
              </text>
            ))}
            {v.y.ticks.map((t) => (
              <text key={`t${t}`} x={M.left - 5} y={sy(t) + 4} textAnchor="end">
                {fmt1(t).replace(/\.0$/, '')}
              </text>
            ))}
            <text x={(M.left + w - M.right) / 2} y={H - 4} textAnchor="middle">
              mean of predicted and true ({a.unit})
            </text>
            <text x={12} y={(M.top + H - M.bottom) / 2} textAnchor="middle" transform={`rotate(-90 12 ${(M.top + H - M.bottom) / 2})`}>
              pred − true ({a.unit})
            </text>
          </g>
          <line x1={M.left} x2={w - M.right} y1={sy(0)} y2={sy(0)} stroke={AXIS_STROKE} />
          {hLine(v.bias, 'lab-ba-bias', 'mean')}
          {hLine(v.loa[0], 'lab-ba-loa', '−1.96 SD', '5 4')}
          {hLine(v.loa[1], 'lab-ba-loa', '+1.96 SD', '5 4')}
          <g className="lab-ba-points" fill={color} fillOpacity={0.55}>
            {v.points.map((q, k) => (
              <circle key={k} cx={sx(q.x)} cy={sy(q.y)} r={2.5} />
            ))}
          </g>
        </svg>
      </div>
      <p className="lab-muted" style={{ margin: '2px 0 0', fontSize: '0.75rem' }}>
        {v.points.length} records; solid: mean error; dashed: limits of agreement (mean ± 1.96 SD)
        {v.band ? `; shaded: IEC tolerance on the mean, ±${v.band[1]} ${a.unit}` : ''}.
      </p>
    </ChartFrame>
  );
});

/** The agreement table and the Bland–Altman plots of an evaluate stage (nothing without agreement rows). */
export const AgreementResults = memo(function AgreementResults({ stage }: { stage: LiveStage }) {
  const rows = stage.agreement ?? [];
  if (rows.length === 0) return null;
  return (
    <div className="lab-agreement" data-testid={`agreement-${stage.name}`}>
      <h4>
        Agreement with the real labels <span className="lab-muted">(Bland–Altman; tolerances of IEC 60601-2-51 as commonly quoted; intervals assume independent rows)</span>
      </h4>
      <AgreementTable stage={stage.name} rows={rows} />
      <div className="lab-chart-grid">
        {rows.map((a, i) => {
          const p = stage.predictions?.find((x) => x.target === a.target);
          return p ? <BlandAltmanCard key={a.target} stage={stage.name} p={p} a={a} i={i} /> : null;
        })}
      </div>
    </div>
  );
});
