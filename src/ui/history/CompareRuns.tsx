import type { HistoryRun } from '../../store/historyStore';
import { ChartFrame } from '../results/ChartFrame';
import { COMPARISON_METRICS } from '../results/Comparison';
import { colorAt, fmt, metricLabel } from '../results/format';
import { rowsOf } from './summary';
import { LiteBarChart } from '../results/LiteCharts';
import { HtmlLegend, fixed2, niceTicks, useMeasured, useStable } from '../results/chartKit';

const H = 240;

/** Side by side: every model of every ticked run, test metrics in a table and a grouped bar chart. */
export function CompareRuns({ runs }: { runs: HistoryRun[] }) {
  const entries = runs.flatMap((r) => rowsOf(r).map((row) => ({ run: r, row, label: `${r.name} · ${row.name}` })));
  const label = (r: HistoryRun) => `${r.name} (${new Date(r.createdAt).toLocaleTimeString(undefined, { timeStyle: 'short' })})`;
  const [ref, width] = useMeasured();
  const ticks = useStable(niceTicks(0, 1, 5));
  const series = entries.map((e, i) => ({ name: e.label, color: colorAt(i), values: COMPARISON_METRICS.map((m) => e.row.test[m]) }));
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
            <div ref={ref}>
              {width > 0 && (
                <LiteBarChart
                  width={width}
                  height={H}
                  categories={COMPARISON_METRICS.map((m) => metricLabel(m))}
                  series={series}
                  y={{ domain: [0, 1], ticks: ticks.ticks, format: fixed2 }}
                  formatValue={(v) => fmt(v, 3)}
                />
              )}
            </div>
            <HtmlLegend items={series} />
          </ChartFrame>
        </>
      )}
    </div>
  );
}
