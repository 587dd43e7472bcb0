import { memo, useMemo } from 'react';
import type { LiveStage } from '../../core/experiment/contract';
import { MAE_KEYS, colorAt, metricLabel } from './format';
import { ChartFrame } from './ChartFrame';
import { Staggered } from './Staggered';
import { HtmlLegend, downsample, epochTicks, fmt1, fmt2, niceTicks, useMeasured, useStable } from './chartKit';
import { LiteLineChart, type LiteAxis, type LiteSeries } from './LiteCharts';

const H = 180;
const intFmt = (v: number) => String(v);
const epochLabel = (v: number) => `epoch ${v}`;

interface MaeSeries {
  key: string;
  series: LiteSeries[];
  maxEpoch: number;
  max: number;
  token: string;
}

/** Per MAE key: a line per stage that reports it (x = epoch). */
function maeSeries(stages: LiveStage[]): MaeSeries[] {
  const out: MaeSeries[] = [];
  for (const key of MAE_KEYS) {
    const withKey = stages.filter((s) => s.epochs.some((p) => p.metrics[key] !== undefined));
    if (withKey.length === 0) continue;
    const series = withKey.map((s, i) => ({
      name: s.name,
      color: colorAt(i),
      points: downsample(s.epochs.filter((p) => p.metrics[key] !== undefined).map((p) => ({ x: p.epoch, y: p.metrics[key] }))),
    }));
    const all = series.flatMap((s) => s.points);
    out.push({
      key,
      series,
      maxEpoch: Math.max(1, ...all.map((p) => p.x)),
      max: Math.max(...all.map((p) => p.y).filter(Number.isFinite)),
      token: withKey.map((s) => `${s.name}:${s.epochs.length}`).join('|'),
    });
  }
  return out;
}

const MaeChart = memo(function MaeChart({ m, width }: { m: MaeSeries; width: number }) {
  const xt = useStable(epochTicks(m.maxEpoch));
  const yt = useStable(niceTicks(0, Number.isFinite(m.max) ? m.max : 1, 5));
  const x: LiteAxis = useMemo(() => ({ ...xt, format: intFmt, label: 'epoch' }), [xt]);
  const y: LiteAxis = useMemo(() => ({ ...yt, format: (v: number) => fmt1(v) }), [yt]);
  return <LiteLineChart width={width} height={H} series={m.series} x={x} y={y} formatValue={(v) => fmt2(v)} formatX={epochLabel} />;
});

function MaeCard({ m }: { m: MaeSeries }) {
  const [ref, width] = useMeasured();
  return (
    <ChartFrame title={`Validation ${metricLabel(m.key)}`} fileName={m.key} testId={`mae-chart-${m.key}`}>
      <div ref={ref}>
        <Staggered token={m.token} width={width} height={H}>
          {() => <MaeChart m={m} width={width} />}
        </Staggered>
      </div>
      <HtmlLegend items={m.series} />
    </ChartFrame>
  );
}

/** Validation MAE per regression target (HR in bpm; PR, QRS, QT in ms), one chart per target, a line per stage. */
export const MaeCurves = memo(MaeCurvesImpl, (a, b) => a.stages.length === b.stages.length && a.stages.every((s, i) => s.epochs === b.stages[i].epochs && s.name === b.stages[i].name));

function MaeCurvesImpl({ stages }: { stages: LiveStage[] }) {
  const all = useMemo(() => maeSeries(stages), [stages]);
  if (all.length === 0) return <p className="lab-empty">MAE curves appear while a regression stage trains.</p>;
  return (
    <div className="lab-chart-grid">
      {all.map((m) => (
        <MaeCard key={m.key} m={m} />
      ))}
    </div>
  );
}
