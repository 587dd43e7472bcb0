import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { HistoryRun } from '../../store/historyStore';
import { ChartFrame } from '../results/ChartFrame';
import { COMPARISON_METRICS } from '../results/Comparison';
import { colorAt, fmt, metricLabel } from '../results/format';
import { rowsOf } from './summary';

/** Side by side: every model of every ticked run, test metrics in a table and a grouped bar chart. */
export function CompareRuns({ runs }: { runs: HistoryRun[] }) {
  const entries = runs.flatMap((r) => rowsOf(r).map((row) => ({ run: r, row, label: `${r.name} · ${row.name}` })));
  const label = (r: HistoryRun) => `${r.name} (${new Date(r.createdAt).toLocaleTimeString(undefined, { timeStyle: 'short' })})`;
  const data = COMPARISON_METRICS.map((m) => {
    const d: Record<string, string | number> = { metric: metricLabel(m) };
    for (const e of entries) if (e.row.test[m] !== undefined) d[e.label] = e.row.test[m];
    return d;
  });
  return (
    <div className="lab-compare" data-testid="compare-runs">
      <h3>Comparing {runs.length} run{runs.length === 1 ? '' : 's'}</h3>
      {entries.length === 0 ? (
        <p className="lab-empty">The ticked runs have no classification results to compare.</p>
      ) : (
        <>
          <div className="lab-table-wrap">
            <table className="lab-table" aria-label="Compared runs">
              <thead>
                <tr>
                  <th scope="col">Run</th>
                  <th scope="col">Model</th>
                  {COMPARISON_METRICS.map((m) => (
                    <th scope="col" key={m}>Test {metricLabel(m)}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr key={e.label + e.run.id}>
                    <td>{label(e.run)}</td>
                    <th scope="row">{e.row.name}</th>
                    {COMPARISON_METRICS.map((m) => (
                      <td key={m}>{fmt(e.row.test[m])}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ChartFrame title="Compared runs (test)" fileName="compare-runs">
            <ResponsiveContainer width="100%" height={240}>
              <BarChart data={data} margin={{ top: 8, right: 12, bottom: 4, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" stroke="var(--lab-grid, #8884)" />
                <XAxis dataKey="metric" tick={{ fontSize: 11, fill: 'var(--lab-muted, #888)' }} />
                <YAxis domain={[0, 1]} tick={{ fontSize: 11, fill: 'var(--lab-muted, #888)' }} width={40} />
                <Tooltip formatter={(v) => fmt(v as number, 3)} />
                <Legend wrapperStyle={{ fontSize: 11 }} />
                {entries.map((e, i) => (
                  <Bar key={e.label + e.run.id} dataKey={e.label} fill={colorAt(i)} isAnimationActive={false} />
                ))}
              </BarChart>
            </ResponsiveContainer>
          </ChartFrame>
        </>
      )}
    </div>
  );
}
