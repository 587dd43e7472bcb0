import { memo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { LiveStage } from './liveRun';
import { fmt, targetLabel } from './format';
import { ChartFrame } from './ChartFrame';
import { Staggered } from './Staggered';

const AXIS = { stroke: 'var(--lab-muted, #888)', fontSize: 11 };

export function stageTitle(s: Pick<LiveStage, 'name' | 'kind' | 'target'>): string {
  const t = s.target ? ` · ${targetLabel(s.target)}` : '';
  return `${s.name} (${s.kind}${t})`;
}

/** One stage's loss chart; re-renders only when its epochs change (not on every batch update). */
const StageLoss = memo(
  function StageLoss({ s }: { s: LiveStage }) {
    return (
      <ChartFrame title={`Loss — ${stageTitle(s)}`} fileName={`loss-${s.name}`} testId={`loss-chart-${s.name}`}>
        {s.epochs.length === 0 ? (
          <p className="lab-empty">Epoch 1 running…</p>
        ) : (
          <Staggered token={s.epochs} height={180}>
            {() => (
          <ResponsiveContainer width="100%" height={180}>
            <LineChart data={s.epochs} margin={{ top: 8, right: 12, bottom: 4, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="var(--lab-grid, #8884)" />
              <XAxis dataKey="epoch" tick={AXIS} stroke={AXIS.stroke} label={{ value: 'epoch', position: 'insideBottomRight', offset: -2, fontSize: 11, fill: AXIS.stroke }} />
              <YAxis tick={AXIS} stroke={AXIS.stroke} width={48} tickFormatter={(v: number) => fmt(v, 2)} domain={['auto', 'auto']} />
              <Tooltip formatter={(v) => fmt(v as number, 4)} labelFormatter={(l) => `epoch ${l}`} />
              <Legend wrapperStyle={{ fontSize: 11 }} />
              <Line type="monotone" dataKey="loss" name="train" stroke="#2f7ed8" dot={s.epochs.length === 1} isAnimationActive={false} connectNulls />
              <Line type="monotone" dataKey="valLoss" name="validation" stroke="#e4572e" dot={s.epochs.length === 1} isAnimationActive={false} connectNulls />
            </LineChart>
          </ResponsiveContainer>
            )}
          </Staggered>
        )}
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
