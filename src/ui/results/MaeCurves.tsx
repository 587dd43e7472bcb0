import { memo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { LiveStage } from './liveRun';
import { MAE_KEYS, colorAt, fmt, metricLabel } from './format';
import { ChartFrame } from './ChartFrame';
import { Staggered } from './Staggered';

const AXIS = { stroke: 'var(--lab-muted, #888)', fontSize: 11 };

/** Validation MAE per regression target (HR in bpm; PR, QRS, QT in ms), one chart per target, a line per stage. */
export const MaeCurves = memo(MaeCurvesImpl, (a, b) => a.stages.length === b.stages.length && a.stages.every((s, i) => s.epochs === b.stages[i].epochs && s.name === b.stages[i].name));

function MaeCurvesImpl({ stages }: { stages: LiveStage[] }) {
  const charts = MAE_KEYS.map((key) => {
    const withKey = stages.filter((s) => s.epochs.some((p) => p.metrics[key] !== undefined));
    if (withKey.length === 0) return null;
    const maxEpoch = Math.max(...withKey.flatMap((s) => s.epochs.map((p) => p.epoch)));
    const data: Record<string, number>[] = [];
    for (let e = 1; e <= maxEpoch; e++) {
      const row: Record<string, number> = { epoch: e };
      for (const s of withKey) {
        const p = s.epochs.find((q) => q.epoch === e);
        if (p && p.metrics[key] !== undefined) row[s.name] = p.metrics[key];
      }
      data.push(row);
    }
    return (
      <ChartFrame key={key} title={`Validation ${metricLabel(key)}`} fileName={key} testId={`mae-chart-${key}`}>
        <Staggered token={withKey.map((s) => `${s.name}:${s.epochs.length}`).join('|')} height={180}>
          {() => (
        <ResponsiveContainer width="100%" height={180}>
          <LineChart data={data} margin={{ top: 8, right: 12, bottom: 4, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--lab-grid, #8884)" />
            <XAxis dataKey="epoch" tick={AXIS} stroke={AXIS.stroke} />
            <YAxis tick={AXIS} stroke={AXIS.stroke} width={48} tickFormatter={(v: number) => fmt(v, 1)} domain={[0, 'auto']} />
            <Tooltip formatter={(v) => fmt(v as number, 2)} labelFormatter={(l) => `epoch ${l}`} />
            <Legend wrapperStyle={{ fontSize: 11 }} />
            {withKey.map((s, i) => (
              <Line key={s.name} type="monotone" dataKey={s.name} stroke={colorAt(i)} dot={maxEpoch === 1} isAnimationActive={false} connectNulls />
            ))}
          </LineChart>
        </ResponsiveContainer>
          )}
        </Staggered>
      </ChartFrame>
    );
  }).filter(Boolean);
  if (charts.length === 0) return <p className="lab-empty">MAE curves appear while a regression stage trains.</p>;
  return <div className="lab-chart-grid">{charts}</div>;
}
