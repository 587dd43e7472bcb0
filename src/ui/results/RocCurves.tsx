import { memo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { RocCurve } from './liveRun';
import { colorAt, fmt } from './format';
import { ChartFrame } from './ChartFrame';
import { Staggered } from './Staggered';

const AXIS = { stroke: 'var(--lab-muted, #888)', fontSize: 11 };

/** One-vs-rest ROC curve per class with its AUC in the legend, and the chance diagonal. */
export const RocCurves = memo(RocCurvesImpl, (a, b) => a.curves === b.curves && a.title === b.title);

function RocCurvesImpl({ curves, title, fileName = 'roc' }: { curves: RocCurve[]; title: string; fileName?: string }) {
  return (
    <ChartFrame title={title} fileName={fileName} testId="roc-chart">
      <Staggered token={curves} height={290}>
        {() => (
      <ResponsiveContainer width="100%" height={290}>
        <LineChart margin={{ top: 8, right: 16, bottom: 22, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--lab-grid, #8884)" />
          <XAxis type="number" dataKey="fpr" domain={[0, 1]} ticks={[0, 0.25, 0.5, 0.75, 1]} tick={AXIS} stroke={AXIS.stroke} label={{ value: 'false positive rate', position: 'insideBottom', offset: -8, fontSize: 11, fill: AXIS.stroke }} />
          <YAxis type="number" dataKey="tpr" domain={[0, 1]} ticks={[0, 0.25, 0.5, 0.75, 1]} tick={AXIS} stroke={AXIS.stroke} width={40} label={{ value: 'TPR', angle: -90, position: 'insideLeft', fontSize: 11, fill: AXIS.stroke }} />
          <Tooltip formatter={(v) => fmt(v as number, 3)} labelFormatter={(l) => `FPR ${fmt(l as number, 3)}`} />
          <Legend wrapperStyle={{ fontSize: 11, paddingTop: 18 }} />
          <Line data={[{ fpr: 0, tpr: 0 }, { fpr: 1, tpr: 1 }]} dataKey="tpr" name="chance" stroke="#999" strokeDasharray="4 4" dot={false} isAnimationActive={false} legendType="none" />
          {curves.map((c, i) => (
            <Line key={c.className} data={c.points} dataKey="tpr" name={`${c.className} (AUC ${fmt(c.auc, 3)})`} stroke={colorAt(i)} dot={false} isAnimationActive={false} type="linear" />
          ))}
        </LineChart>
      </ResponsiveContainer>
        )}
      </Staggered>
    </ChartFrame>
  );
}
