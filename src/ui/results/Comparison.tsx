import { memo, useState } from 'react';
import type { MetricRecord } from '../../core/experiment/contract';
import { colorAt, fmt, metricLabel } from './format';
import { ChartFrame } from './ChartFrame';
import { Staggered } from './Staggered';
import { HtmlLegend, fixed2, niceTicks, useMeasured, useStable } from './chartKit';
import { LiteBarChart } from './LiteCharts';

export const COMPARISON_METRICS = ['accuracy', 'macro_auc', 'macro_f1'] as const;

export interface ComparisonRow {
  name: string;
  kind: string;
  from?: string;
  val: Record<string, number>;
  test: Record<string, number>;
}

function nums(m: MetricRecord | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  if (m) for (const [k, v] of Object.entries(m)) if (typeof v === 'number') out[k] = v;
  return out;
}

/** A comparison row as the engine writes it (`results.comparison`) or as built from the finished live stages. */
export interface ComparisonSource {
  stage: string;
  kind: string;
  from?: string;
  val?: MetricRecord;
  test?: MetricRecord;
}

/** One row per model with its numeric val/test metrics; the baseline first, then transfers in their order. */
export function normaliseComparison(rows: readonly ComparisonSource[] | undefined): ComparisonRow[] {
  const out = new Map<string, ComparisonRow>();
  for (const r of rows ?? []) {
    const row = out.get(r.stage) ?? { name: r.stage, kind: r.kind, from: r.from, val: {}, test: {} };
    Object.assign(row.val, nums(r.val));
    Object.assign(row.test, nums(r.test));
    out.set(r.stage, row);
  }
  return [...out.values()].sort((a, b) => Number(b.kind === 'baseline') - Number(a.kind === 'baseline'));
}

const sameRows = (a: { rows: ComparisonRow[] }, b: { rows: ComparisonRow[] }) => JSON.stringify(a.rows) === JSON.stringify(b.rows);

export const ComparisonTable = memo(ComparisonTableImpl, sameRows);
export const ComparisonChart = memo(ComparisonChartImpl, sameRows);

function ComparisonTableImpl({ rows }: { rows: ComparisonRow[] }) {
  const best: Record<string, number> = {};
  for (const m of COMPARISON_METRICS) best[m] = Math.max(...rows.map((r) => r.test[m] ?? -Infinity));
  const base = rows.find((r) => r.kind === 'baseline');
  return (
    <div className="lab-table-wrap">
      <table className="lab-table" aria-label="Baseline versus transfer comparison">
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>Model</th>
            <th scope="colgroup" colSpan={COMPARISON_METRICS.length}>Validation</th>
            <th scope="colgroup" colSpan={COMPARISON_METRICS.length}>Test</th>
          </tr>
          <tr>
            {COMPARISON_METRICS.map((m) => <th scope="col" key={`v${m}`}>{metricLabel(m)}</th>)}
            {COMPARISON_METRICS.map((m) => <th scope="col" key={`t${m}`}>{metricLabel(m)}</th>)}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.name} data-testid="comparison-row">
              <th scope="row">
                {r.name}
                <span className="lab-muted"> {r.kind === 'baseline' ? '(from scratch)' : r.from ? `(from ${r.from})` : ''}</span>
              </th>
              {COMPARISON_METRICS.map((m) => <td key={`v${m}`}>{fmt(r.val[m])}</td>)}
              {COMPARISON_METRICS.map((m) => {
                const v = r.test[m];
                const delta = base && r !== base && v !== undefined && base.test[m] !== undefined ? v - base.test[m] : undefined;
                return (
                  <td key={`t${m}`} className={v !== undefined && v === best[m] && rows.length > 1 ? 'lab-best' : undefined}>
                    {fmt(v)}
                    {delta !== undefined && <span className={delta >= 0 ? 'lab-delta-up' : 'lab-delta-down'}> {delta >= 0 ? '+' : ''}{fmt(delta)}</span>}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ComparisonChartImpl({ rows }: { rows: ComparisonRow[] }) {
  const [split, setSplit] = useState<'test' | 'val'>('test');
  const [ref, width] = useMeasured();
  const lo = Math.min(...rows.flatMap((r) => COMPARISON_METRICS.map((m) => r[split][m] ?? 1)));
  const floor = Math.max(0, Math.floor((lo - 0.1) * 10) / 10);
  const ticks = useStable(niceTicks(floor, 1, 5).ticks.filter((t) => t >= floor - 1e-9 && t <= 1 + 1e-9));
  const color = (r: ComparisonRow, i: number) => (r.kind === 'baseline' ? '#6c757d' : colorAt(i));
  const series = rows.map((r, i) => ({ name: r.name, color: color(r, i), values: COMPARISON_METRICS.map((m) => r[split][m]) }));
  const splitSel = (
    <select aria-label="Split shown in the bar chart" value={split} onChange={(e) => setSplit(e.target.value as 'test' | 'val')} className="lab-select-small">
      <option value="test">test</option>
      <option value="val">validation</option>
    </select>
  );
  return (
    <ChartFrame title={`Baseline vs transfer (${split === 'test' ? 'test' : 'validation'})`} fileName={`comparison-${split}`} testId="comparison-chart" actions={splitSel}>
      <div ref={ref}>
        <Staggered token={`${split}|${JSON.stringify(rows)}`} width={width} height={240}>
          {() => (
            <LiteBarChart
              width={width}
              height={240}
              categories={COMPARISON_METRICS.map((m) => metricLabel(m))}
              series={series}
              y={{ domain: [floor, 1], ticks, format: fixed2 }}
              formatValue={(v) => fmt(v, 3)}
            />
          )}
        </Staggered>
      </div>
      <HtmlLegend items={series} />
    </ChartFrame>
  );
}
