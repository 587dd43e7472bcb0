import { memo, useMemo } from 'react';
import type { LiveStage } from '../../core/experiment/contract';
import { targetLabel } from './format';
import { ChartFrame } from './ChartFrame';
import { Staggered } from './Staggered';
import { HtmlLegend, downsample, epochTicks, extent, fmt2, fmt4, niceTicks, useMeasured, useStable } from './chartKit';
import { LiteLineChart, type LiteAxis } from './LiteCharts';

const H = 180;
const LEGEND = [
  { name: 'train', color: '#2f7ed8' },
  { name: 'validation', color: '#e4572e' },
];
const intFmt = (v: number) => String(v);
const epochLabel = (v: number) => `epoch ${v}`;

export function stageTitle(s: Pick<LiveStage, 'name' | 'kind' | 'target'>): string {
  const t = s.target ? ` · ${targetLabel(s.target)}` : '';
  return `${s.name} (${s.kind}${t})`;
}

/** The chart proper (see LiteCharts.tsx for why not <LineChart>). */
const LossChart = memo(function LossChart({ epochs, width }: { epochs: LiveStage['epochs']; width: number }) {
  const rows = useMemo(() => downsample(epochs), [epochs]);
  const series = useMemo(
    () => [
      { ...LEGEND[0], points: rows.filter((p) => p.loss !== undefined).map((p) => ({ x: p.epoch, y: p.loss as number })) },
      { ...LEGEND[1], points: rows.filter((p) => p.valLoss !== undefined).map((p) => ({ x: p.epoch, y: p.valLoss as number })) },
    ],
    [rows],
  );
  const xt = useStable(epochTicks(epochs[epochs.length - 1]?.epoch ?? 1));
  const yt = useStable(niceTicks(...extent(rows as unknown as Record<string, unknown>[], ['loss', 'valLoss']), 5));
  const x: LiteAxis = useMemo(() => ({ ...xt, format: intFmt, label: 'epoch' }), [xt]);
  const y: LiteAxis = useMemo(() => ({ ...yt, format: (v: number) => fmt2(v) }), [yt]);
  return <LiteLineChart width={width} height={H} series={series} x={x} y={y} formatValue={(v) => fmt4(v)} formatX={epochLabel} />;
});

/** One stage's loss chart; re-renders only when its epochs change (not on every batch update). */
const StageLoss = memo(
  function StageLoss({ s }: { s: LiveStage }) {
    const [ref, width] = useMeasured();
    return (
      <ChartFrame title={`Loss — ${stageTitle(s)}`} fileName={`loss-${s.name}`} testId={`loss-chart-${s.name}`}>
        <div ref={ref}>
          {s.epochs.length === 0 ? (
            <p className="lab-empty" style={{ height: H - 16 }}>Epoch 1 running…</p>
          ) : (
            <Staggered token={s.epochs} width={width} height={H}>
              {() => <LossChart epochs={s.epochs} width={width} />}
            </Staggered>
          )}
        </div>
        <HtmlLegend items={LEGEND} />
      </ChartFrame>
    );
  },
  (a, b) => a.s.epochs === b.s.epochs && a.s.name === b.s.name && a.s.kind === b.s.kind && a.s.target === b.s.target,
);

/** Train and validation loss per epoch, one small chart per stage. */
export function LossCurves({ stages }: { stages: LiveStage[] }) {
  const shown = stages.filter((s) => s.epochs.length > 0 || s.status === 'running');
  if (shown.length === 0) return <p className="lab-empty">Loss curves appear after the first epoch.</p>;
  return (
    <div className="lab-chart-grid">
      {shown.map((s) => (
        <StageLoss key={s.name} s={s} />
      ))}
    </div>
  );
}

