import type { HistoryRun } from '../../store/historyStore';
import { ChartFrame } from '../results/ChartFrame';
import { COMPARISON_METRICS } from '../results/Comparison';
import { colorAt, fmt, metricLabel } from '../results/format';
import { useMemo } from 'react';
import { compareEntries, pairedRows } from './compareView';
import { LiteBarChart } from '../results/LiteCharts';
import { HtmlLegend, fixed2, niceTicks, useMeasured, useStable } from '../results/chartKit';

const H = 240;

const label = (r: HistoryRun) => `${r.name} (${new Date(r.createdAt).toLocaleTimeString(undefined, { timeStyle: 'short' })})`;

/**
 * Side by side: every model of every ticked run, test metrics with their 95 % intervals in a table and a grouped
 * bar chart from 0; where a later run's model was tested on the same records as the first run's model of the same
 * name, the paired difference with its interval (coloured only when the interval excludes 0).
 */
export function CompareRuns({ runs }: { runs: HistoryRun[] }) {
  const entries = useMemo(() => compareEntries(runs), [runs]);
  const paired = useMemo(() => pairedRows(entries, label), [entries]);
  const [ref, width] = useMeasured();
  const ticks = useStable(niceTicks(0, 1, 5));
  const series = entries.map((e, i) => ({ name: e.label, color: colorAt(i), values: COMPARISON_METRICS.map((m) => e.test[m]) }));
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
                    <th scope="col" key={m}>
                      Test {metricLabel(m)} [95 % CI]
                    </th>
                  ))}
                  <th scope="col">n test</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr key={e.label + e.run.id} data-testid="compare-row">
                    <td>{label(e.run)}</td>
                    <th scope="row">{e.stage}</th>
                    {COMPARISON_METRICS.map((m) => (
                      <td key={m} data-testid="compare-test">
                        {e.text[m]}
                      </td>
                    ))}
                    <td>{e.nTest ?? '\u2013'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {runs.length > 1 &&
            (paired.length > 0 ? (
              <div className="lab-table-wrap">
                <table className="lab-table" aria-label="Paired differences on the same test records" data-testid="compare-paired">
                  <caption className="lab-muted lab-small">
                    Difference to the first ticked run on the same test records, with its 95 % interval (paired bootstrap); coloured only when the interval excludes 0.
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Models</th>
                      {COMPARISON_METRICS.map((m) => (
                        <th scope="col" key={m}>
                          Δ test {metricLabel(m)}
                        </th>
                      ))}
                      <th scope="col">n test</th>
                    </tr>
                  </thead>
                  <tbody>
                    {paired.map((p) => (
                      <tr key={p.key} data-testid="compare-paired-row">
                        <th scope="row">{p.label}</th>
                        {COMPARISON_METRICS.map((m) => {
                          const c = p.metrics[m];
                          return (
                            <td key={m}>
                              {c ? (
                                <span className={`lab-delta lab-delta-${c.tone}`} title={c.title} data-tone={c.tone}>
                                  {c.text}
                                </span>
                              ) : (
                                '\u2013'
                              )}
                            </td>
                          );
                        })}
                        <td>{p.n}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <p className="lab-muted lab-small" data-testid="compare-unpaired">
                No two of these models were tested on the same records, so no paired difference is shown: compare their intervals above (overlapping intervals do not prove equality).
              </p>
            ))}
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
