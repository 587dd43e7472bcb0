import { memo, useState } from 'react';
import type { MetricRecord } from '../../core/experiment/contract';
import { colorAt, fmt, metricLabel } from './format';
import { ChartFrame } from './ChartFrame';
import { Staggered } from './Staggered';
import { HtmlLegend, fixed2, niceTicks, useMeasured, useStable } from './chartKit';
import { LiteBarChart } from './LiteCharts';
import { deltaView, testText, type RowStats } from './comparisonStats';

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

type Props = { rows: ComparisonRow[]; stats?: Record<string, RowStats> };
const sameRows = (a: Props, b: Props) => JSON.stringify(a.rows) === JSON.stringify(b.rows) && JSON.stringify(a.stats) === JSON.stringify(b.stats);

export const ComparisonTable = memo(ComparisonTableImpl, sameRows);
export const ComparisonChart = memo(ComparisonChartImpl, sameRows);

function ComparisonTableImpl({ rows, stats = {} }: Props) {
  const best: Record<string, number> = {};
  for (const m of COMPARISON_METRICS) best[m] = Math.max(...rows.map((r) => r.test[m] ?? -Infinity));
  const base = rows.find((r) => r.kind === 'baseline');
  const split = rows.map((r) => stats[r.name]).find((s) => s?.n);
  return (
    <div className="lab-table-wrap">
      <table className="lab-table" aria-label="Baseline versus transfer comparison">
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>Model</th>
            <th scope="colgroup" colSpan={COMPARISON_METRICS.length}>Validation</th>
            <th scope="colgroup" colSpan={COMPARISON_METRICS.length}>Test [95 % CI]; under a transfer: − baseline</th>
          </tr>
          <tr>
            {COMPARISON_METRICS.map((m) => <th scope="col" key={`v${m}`}>{metricLabel(m)}</th>)}
            {COMPARISON_METRICS.map((m) => <th scope="col" key={`t${m}`}>{metricLabel(m)}</th>)}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const st = stats[r.name];
            const warn = st?.warnings ?? [];
            return (
              <tr key={r.name} data-testid="comparison-row" data-stage={r.name}>
                <th scope="row">
                  {r.name}
                  <span className="lab-muted"> {r.kind === 'baseline' ? '(from scratch)' : r.from ? `(from ${r.from})` : ''}</span>
                  {warn.length > 0 && (
                    <span className="lab-warn-mark" title={warn.map((w) => w.message).join('\n')} aria-label={`${warn.length} ${warn.length === 1 ? 'warning' : 'warnings'}: ${warn.map((w) => w.message).join(' ')}`} data-testid="comparison-warning-mark">
                      ⚠ {warn.length}
                    </span>
                  )}
                </th>
                {COMPARISON_METRICS.map((m) => <td key={`v${m}`}>{fmt(r.val[m])}</td>)}
                {COMPARISON_METRICS.map((m) => {
                  const v = r.test[m];
                  const delta = base && r !== base ? deltaView(v, base.test[m], st?.diff[m]) : undefined;
                  return (
                    <td key={`t${m}`} className={v !== undefined && v === best[m] && rows.length > 1 ? 'lab-best' : undefined} data-testid="comparison-test" data-metric={m}>
                      {testText(v, st?.ci[m])}
                      {delta && (
                        <span className={`lab-delta lab-delta-${delta.tone}`} title={delta.title} data-tone={delta.tone}>
                          {delta.text}
                          <span className="visually-hidden"> ({delta.title})</span>
                        </span>
                      )}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
      {split?.n && (
        <p className="lab-muted lab-small" data-testid="comparison-split">
          Test split: n = {split.n.test} records{split.split ? ` (${split.split.replace(/-/g, ' ')} split)` : ''}
          {Number.isFinite(split.n.val) ? `; training ${split.n.train}, validation ${split.n.val}` : ''}. Every model is scored on the same test records;
          intervals: 95 % bootstrap over them.
        </p>
      )}
    </div>
  );
}

function ComparisonChartImpl({ rows, stats = {} }: Props) {
  const [split, setSplit] = useState<'test' | 'val'>('test');
  const [ref, width] = useMeasured();
  // Bars start at 0: a bar's length is its value.
  const ticks = useStable(niceTicks(0, 1, 6).ticks);
  const color = (r: ComparisonRow, i: number) => (r.kind === 'baseline' ? '#6c757d' : colorAt(i));
  const series = rows.map((r, i) => ({
    name: r.name,
    color: color(r, i),
    values: COMPARISON_METRICS.map((m) => r[split][m]),
    ...(split === 'test' ? { ci: COMPARISON_METRICS.map((m) => stats[r.name]?.ci[m] ?? null) } : {}),
  }));
  const splitSel = (
    <select aria-label="Split shown in the bar chart" value={split} onChange={(e) => setSplit(e.target.value as 'test' | 'val')} className="lab-select-small">
      <option value="test">test</option>
      <option value="val">validation</option>
    </select>
  );
  return (
    <ChartFrame title={`Baseline vs transfer (${split === 'test' ? 'test' : 'validation'})`} fileName={`comparison-${split}`} testId="comparison-chart" actions={splitSel}>
      <div ref={ref}>
        <Staggered token={`${split}|${JSON.stringify(series)}`} width={width} height={240}>
          {() => (
            <LiteBarChart
              width={width}
              height={240}
              categories={COMPARISON_METRICS.map((m) => metricLabel(m))}
              series={series}
              y={{ domain: [0, 1], ticks, format: fixed2 }}
              formatValue={(v) => fmt(v, 3)}
            />
          )}
        </Staggered>
      </div>
      <HtmlLegend items={series} />
      {split === 'test' && series.some((s) => s.ci?.some(Boolean)) && <p className="lab-muted lab-small">Whiskers: 95 % bootstrap interval over the test records.</p>}
    </ChartFrame>
  );
}
