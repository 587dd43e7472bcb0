import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

/** Records per class, horizontal bars with counts. */
export function ClassChart({ counts, label }: { counts: Record<string, number>; label: string }) {
  const data = Object.entries(counts).map(([name, n]) => ({ name, n }));
  if (data.length === 0) return <p className="muted">No class labels.</p>;
  return (
    <div role="img" aria-label={`${label}: ${data.map((d) => `${d.name} ${d.n}`).join(', ')}`} data-testid="class-chart">
      <ResponsiveContainer width="100%" height={Math.max(90, data.length * 22 + 20)}>
        <BarChart data={data} layout="vertical" margin={{ top: 2, right: 36, bottom: 2, left: 4 }}>
          <CartesianGrid horizontal={false} stroke="var(--border)" />
          <XAxis type="number" hide allowDecimals={false} />
          <YAxis type="category" dataKey="name" width={92} tick={{ fill: 'var(--text)', fontSize: 12 }} />
          <Tooltip cursor={{ fill: 'var(--surface-2)' }} contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', fontSize: 12 }} />
          <Bar dataKey="n" name="records" fill="var(--chart-2)" isAnimationActive={false}>
            <LabelList dataKey="n" position="right" style={{ fill: 'var(--text)', fontSize: 12 }} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
