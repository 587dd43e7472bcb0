/**
 * Regression results on held-out data: per target MAE, RMSE, R² (physical units) and n (records with a label),
 * for evaluate stages (a trained model measured on other data, e.g. synthetic-trained interval regressors on
 * LUDB's cardiologist-annotated records), beside the same model's error on its own (synthetic) test split; and a
 * predicted-vs-true scatter per target.
 */
import { memo, useMemo } from 'react';
import type { LiveStage, MetricRecord, Prediction } from '../../core/experiment/contract';
import type { Interval } from '../../core/ml/metrics';
import { colorAt, fmt, targetLabel } from './format';
import { estimateParts, estimateText } from './sweepView';
import { ChartFrame } from './ChartFrame';
import { Staggered } from './Staggered';
import { fmt1, niceTicks, useMeasured, useStable } from './chartKit';
import { LiteScatterChart, type XY } from './LiteCharts';
import { AgreementResults } from './BlandAltman';

const H = 220;
const MAX_SCATTER = 400;

export function unitOf(target: string): string {
  return /_(bpm|ms)$/.exec(target)?.[1] ?? '';
}

/** Targets with metrics in `m` (mae_<target> keys), in the order given, then any others. */
export function targetsOf(m: MetricRecord | undefined, order: string[] = []): string[] {
  const found = Object.keys(m ?? {})
    .map((k) => /^mae_(.+)$/.exec(k)?.[1])
    .filter((t): t is string => !!t);
  return [...order.filter((t) => found.includes(t)), ...found.filter((t) => !order.includes(t))];
}

const num = (m: MetricRecord | undefined, k: string) => (typeof m?.[k] === 'number' ? (m[k] as number) : undefined);

/** Stages whose (test) metrics are regression metrics and which are evaluations of a trained model. */
export function evaluationStages(stages: LiveStage[]): LiveStage[] {
  return stages.filter((s) => s.kind === 'evaluate' && s.status === 'done' && targetsOf(s.final?.test ?? s.final?.val).length > 0);
}

type Intervals = Record<string, Interval | null>;

/** `19.2 ms [15, 23]`: the value, its unit, then the 95 % interval (muted). */
function WithUnit({ value, ci, unit }: { value: number | undefined; ci: Interval | null | undefined; unit: string }) {
  const p = estimateParts(value, ci, 1);
  return (
    <>
      {p.value} {unit}
      {p.interval && <span className="lab-muted"> {p.interval}</span>}
    </>
  );
}

function EvaluationTable({ stage, from, ci = {} }: { stage: LiveStage; from?: LiveStage; ci?: Intervals }) {
  const m = stage.final?.test ?? stage.final?.val;
  const targets = targetsOf(m, stage.targets ?? from?.targets);
  const fm = from?.final?.test;
  const showFrom = targets.some((t) => num(fm, `mae_${t}`) !== undefined);
  return (
    <div className="lab-table-wrap">
      <table className="lab-table" data-testid="evaluation-table" data-stage={stage.name} aria-label={`Regression error of ${stage.name}`}>
        <thead>
          <tr>
            <th scope="col">Target</th>
            <th scope="col">MAE [95 % CI]</th>
            <th scope="col">RMSE [95 % CI]</th>
            <th scope="col">R² [95 % CI]</th>
            <th scope="col">n</th>
            {showFrom && <th scope="col" title={`The same model on the test split of its own training source (${from!.name})`}>MAE on {from!.name} test</th>}
          </tr>
        </thead>
        <tbody>
          {targets.map((t) => {
            const u = unitOf(t);
            return (
              <tr key={t} data-testid="evaluation-row" data-target={t} data-mae={num(m, `mae_${t}`)} data-n={num(m, `n_${t}`)}>
                <th scope="row">
                  {targetLabel(t)} <span className="lab-muted">({u || 'units'})</span>
                </th>
                <td>
                  <WithUnit value={num(m, `mae_${t}`)} ci={ci[`mae_${t}`]} unit={u} />
                </td>
                <td>
                  <WithUnit value={num(m, `rmse_${t}`)} ci={ci[`rmse_${t}`]} unit={u} />
                </td>
                <td>{estimateText(num(m, `r2_${t}`), ci[`r2_${t}`], 2)}</td>
                <td>{num(m, `n_${t}`) ?? '—'}</td>
                {showFrom && (
                  <td>
                    {fmt(num(fm, `mae_${t}`), 1)} {u}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function scatterPoints(p: Prediction): XY[] {
  const pts: XY[] = [];
  for (let i = 0; i < p.true.length; i++) if (Number.isFinite(p.true[i]) && Number.isFinite(p.pred[i])) pts.push({ x: p.true[i], y: p.pred[i] });
  if (pts.length <= MAX_SCATTER) return pts;
  const step = pts.length / MAX_SCATTER;
  return Array.from({ length: MAX_SCATTER }, (_, i) => pts[Math.floor(i * step)]);
}

const ScatterCard = memo(function ScatterCard({ stage, p, i }: { stage: string; p: Prediction; i: number }) {
  const [ref, width] = useMeasured();
  const points = useMemo(() => scatterPoints(p), [p]);
  const lo = Math.min(...points.flatMap((q) => [q.x, q.y]));
  const hi = Math.max(...points.flatMap((q) => [q.x, q.y]));
  const t = useStable(niceTicks(points.length ? lo : 0, points.length ? hi : 1, 5));
  const axis = useMemo(() => ({ ...t, format: (v: number) => fmt1(v).replace(/\.0$/, '') }), [t]);
  const u = unitOf(p.target);
  return (
    <ChartFrame title={`${targetLabel(p.target)}: predicted vs true — ${stage}`} fileName={`scatter-${stage}-${p.target}`} testId={`scatter-${p.target}`} data={{ points: points.length }}>
      <div ref={ref}>
        <Staggered token={`${stage}|${p.target}|${points.length}`} width={width} height={H}>
          {() => <LiteScatterChart width={width} height={H} points={points} axis={axis} color={colorAt(i)} unit={u} />}
        </Staggered>
      </div>
      <p className="lab-muted" style={{ margin: '2px 0 0', fontSize: '0.75rem' }}>
        {points.length} records; dashed line: predicted = true.
      </p>
    </ChartFrame>
  );
});

/** Every finished evaluate stage: its metric table and predicted-vs-true scatters. */
export const EvaluationResults = memo(function EvaluationResults({ stages, ci = {} }: { stages: LiveStage[]; ci?: Record<string, Intervals> }) {
  const evals = evaluationStages(stages);
  if (evals.length === 0) return null;
  return (
    <>
      {evals.map((s) => {
        const from = s.from ? stages.find((x) => x.name === s.from) : undefined;
        const n = s.split ? s.split.nTrain + s.split.nVal + s.split.nTest : undefined;
        return (
          <section key={s.name} className="lab-evaluation" aria-label={`Evaluation ${s.name}`} data-testid={`evaluation-${s.name}`}>
            <h3>
              Evaluation — {s.name}
              <span className="lab-muted">
                {' '}
                ({s.from ? `model of ${s.from}` : 'model'} measured on {n !== undefined ? `${n} records` : 'the source'}; error in physical units)
              </span>
            </h3>
            <EvaluationTable stage={s} from={from} ci={ci[s.name]} />
            <AgreementResults stage={s} />
            {s.predictions && s.predictions.length > 0 && (
              <div className="lab-chart-grid">
                {s.predictions.map((p, i) => (
                  <ScatterCard key={p.target} stage={s.name} p={p} i={i} />
                ))}
              </div>
            )}
          </section>
        );
      })}
    </>
  );
});
