import { memo, useMemo } from 'react';
import type { RocCurve } from '../../core/experiment/contract';
import type { Interval } from '../../core/ml/metrics';
import { colorAt, fmt } from './format';
import { estimateText } from './sweepView';
import { ChartFrame } from './ChartFrame';
import { Staggered } from './Staggered';
import { HtmlLegend, downsample, useMeasured } from './chartKit';
import { LiteLineChart, type LiteAxis, type LiteSeries } from './LiteCharts';

const H = 270;
const UNIT = [0, 0.25, 0.5, 0.75, 1];
const X: LiteAxis = { domain: [0, 1], ticks: UNIT, format: (v) => String(v), label: 'false positive rate' };
const Y: LiteAxis = { domain: [0, 1], ticks: UNIT, format: (v) => String(v), label: 'TPR' };
const CHANCE: LiteSeries = { name: 'chance', color: '#999', dashed: true, quiet: true, curve: 'linear', points: [{ x: 0, y: 0 }, { x: 1, y: 1 }] };
const f3 = (v: number) => fmt(v, 3);
const fprLabel = (v: number) => `FPR ${fmt(v, 3)}`;

const RocChart = memo(function RocChart({ curves, width }: { curves: RocCurve[]; width: number }) {
  // A test set of thousands of records gives thousands of ROC points per class: a few hundred draw the same curve.
  const series = useMemo<LiteSeries[]>(
    () => [CHANCE, ...curves.map((c, i) => ({ name: c.className, color: colorAt(i), curve: 'linear' as const, points: downsample(c.points, 200).map((p) => ({ x: p.fpr, y: p.tpr })) }))],
    [curves],
  );
  return <LiteLineChart width={width} height={H} series={series} x={X} y={Y} formatValue={f3} formatX={fprLabel} />;
});

/** One-vs-rest ROC curve per class with its AUC in the legend, and the chance diagonal. */
export const RocCurves = memo(RocCurvesImpl, (a, b) => a.curves === b.curves && a.title === b.title && JSON.stringify(a.ci) === JSON.stringify(b.ci));

/** `ci`: the test AUC intervals keyed `auc_<class>` (a finished test split), shown beside each class's AUC. */
function RocCurvesImpl({ curves, title, fileName = 'roc', ci = {} }: { curves: RocCurve[]; title: string; fileName?: string; ci?: Record<string, Interval | null> }) {
  const [ref, width] = useMeasured();
  return (
    <ChartFrame title={title} fileName={fileName} testId="roc-chart">
      <div ref={ref}>
        <Staggered token={curves} width={width} height={H}>
          {() => <RocChart curves={curves} width={width} />}
        </Staggered>
      </div>
      <HtmlLegend items={[...curves.map((c, i) => ({ name: `${c.className} (AUC ${estimateText(c.auc, ci[`auc_${c.className}`])})`, color: colorAt(i) })), { name: 'chance', color: '#999', dashed: true }]} />
    </ChartFrame>
  );
}
