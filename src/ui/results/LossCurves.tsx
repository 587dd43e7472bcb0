import { memo, useMemo } from 'react';
import type { LiveStage } from '../../core/experiment/contract';
import { targetLabel } from './format';
import { ChartFrame } from './ChartFrame';
import { Staggered } from './Staggered';
import { HtmlLegend, downsample, epochTicks, extent, fmt2, fmt4, niceTicks, useMeasured, useStable } from './chartKit';
import { LiteLineChart, type LiteAxis, type LiteSeries } from './LiteCharts';
import { batchEpochTicks, emaTrace } from './lossTrace';

const H = 180;
const LEGEND = [
  { name: 'train', color: '#2f7ed8' },
  { name: 'validation', color: '#e4572e' },
];
const BATCH_LEGEND = { name: 'train, per batch (smoothed; raw faint)', color: '#2f7ed8' };
const intFmt = (v: number) => String(v);
const epochLabel = (v: number) => `epoch ${v}`;

export function stageTitle(s: Pick<LiveStage, 'name' | 'kind' | 'target'>): string {
  const t = s.target ? ` · ${targetLabel(s.target)}` : '';
  return `${s.name} (${s.kind}${t})`;
}

/** The chart proper (see LiteCharts.tsx for why not <LineChart>): per-epoch points, and the batches' trace. */
const LossChart = memo(function LossChart({ epochs, batchLoss, width }: { epochs: LiveStage['epochs']; batchLoss: LiveStage['batchLoss']; width: number }) {
  const rows = useMemo(() => downsample(epochs), [epochs]);
  const trace = useMemo(() => downsample(batchLoss ?? []), [batchLoss]);
  const series = useMemo(() => {
    const out: LiteSeries[] = [];
    if (trace.length) {
      out.push({ name: 'train batch', color: BATCH_LEGEND.color, points: trace.map((p) => ({ x: p.x, y: p.loss })), group: 'lab-batch-raw', opacity: 0.22, strokeWidth: 1, curve: 'linear', quiet: true });
      out.push({ name: 'train (smoothed)', color: BATCH_LEGEND.color, points: emaTrace(trace).map((p) => ({ x: p.x, y: p.loss })), group: 'lab-batch-ema', opacity: 0.75, strokeWidth: 1.5, curve: 'linear' });
    }
    out.push({ ...LEGEND[0], points: rows.filter((p) => p.loss !== undefined).map((p) => ({ x: p.epoch, y: p.loss as number })) });
    out.push({ ...LEGEND[1], points: rows.filter((p) => p.valLoss !== undefined).map((p) => ({ x: p.epoch, y: p.valLoss as number })) });
    return out;
  }, [rows, trace]);
  const lastEpoch = epochs[epochs.length - 1]?.epoch ?? 1;
  const lastX = Math.max(lastEpoch, trace[trace.length - 1]?.x ?? 0);
  const xt = useStable(trace.length ? batchEpochTicks(lastX) : epochTicks(lastEpoch));
  const [lo, hi] = extent([...(rows as unknown as Record<string, unknown>[]), ...(trace as unknown as Record<string, unknown>[])], ['loss', 'valLoss']);
  const yt = useStable(niceTicks(lo, hi, 5));
  const x: LiteAxis = useMemo(() => ({ ...xt, format: intFmt, label: 'epoch' }), [xt]);
  const y: LiteAxis = useMemo(() => ({ ...yt, format: (v: number) => fmt2(v) }), [yt]);
  return <LiteLineChart width={width} height={H} series={series} x={x} y={y} formatValue={(v) => fmt4(v)} formatX={(v) => (Number.isInteger(v) ? epochLabel(v) : `epoch ${v.toFixed(2)}`)} />;
});

/** One stage's loss chart; re-renders when its epochs or its batch-loss trace change (not on other batch news). */
const StageLoss = memo(
  function StageLoss({ s }: { s: LiveStage }) {
    const [ref, width] = useMeasured();
    const token = useMemo(() => [s.epochs, s.batchLoss], [s.epochs, s.batchLoss]);
    return (
      <ChartFrame title={`Loss — ${stageTitle(s)}`} fileName={`loss-${s.name}`} testId={`loss-chart-${s.name}`}>
        <div ref={ref} data-epochs={s.epochs.length} data-batch-points={s.batchLoss?.length ?? 0}>
          {s.epochs.length === 0 && !s.batchLoss?.length ? (
            <p className="lab-empty" style={{ height: H - 16 }}>Epoch 1 running…</p>
          ) : (
            <Staggered token={token} width={width} height={H}>
              {() => <LossChart epochs={s.epochs} batchLoss={s.batchLoss} width={width} />}
            </Staggered>
          )}
        </div>
        <HtmlLegend items={s.batchLoss?.length ? [BATCH_LEGEND, ...LEGEND] : LEGEND} />
      </ChartFrame>
    );
  },
  (a, b) => a.s.epochs === b.s.epochs && a.s.batchLoss === b.s.batchLoss && a.s.name === b.s.name && a.s.kind === b.s.kind && a.s.target === b.s.target,
);

/** Train and validation loss per epoch and the training loss per batch, one small chart per stage. */
export function LossCurves({ stages }: { stages: LiveStage[] }) {
  const shown = stages.filter((s) => s.epochs.length > 0 || (s.batchLoss?.length ?? 0) > 0 || s.status === 'running');
  if (shown.length === 0) return <p className="lab-empty">Loss curves appear after the first epoch.</p>;
  return (
    <div className="lab-chart-grid">
      {shown.map((s) => (
        <StageLoss key={s.name} s={s} />
      ))}
    </div>
  );
}

