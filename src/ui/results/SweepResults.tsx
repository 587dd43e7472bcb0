/**
 * The sweep's views: learning curves over the label budgets, the forest plot of paired differences, and the
 * cells table. While a sweep runs all three fill in from the finished cells: the worker sends the statistics over
 * the cells finished so far (paired differences, summaries over the finished repeats) after each cell.
 */
import { useCallback, useMemo } from 'react';
import type { LiveCell, LiveSweepStats, RunResults } from '../../core/experiment/contract';
import { CellsTable } from './CellsTable';
import { ForestPlot } from './ForestPlot';
import { LearningCurves } from './LearningCurves';
import { forestRows, isSweep, learningCurves, liveBudgets, type CurveMetric } from './sweepView';

/** The sweep a spec asks for (a version 1 spec: one repeat, the whole training split). */
export interface SweepPlan {
  repeats?: number;
  labelBudgets?: number[];
}

export function SweepResults({
  results,
  cells,
  stats,
  running,
  plan,
}: {
  results: RunResults | null;
  cells?: LiveCell[];
  /** The statistics over the cells finished so far (a sweep in progress). */
  stats?: LiveSweepStats;
  running: boolean;
  plan?: SweepPlan | null;
}) {
  const live = useMemo(() => stats?.budgets ?? liveBudgets(cells), [stats, cells]);
  const budgets = results ? results.budgets : live;
  const repeats = results?.sweep?.repeats ?? plan?.repeats ?? Math.max(1, ...(cells ?? []).map((c) => c.repeat + 1));
  const planned = results?.sweep?.labelBudgets.length ?? plan?.labelBudgets?.length ?? 1;
  const curves = useCallback((m: CurveMetric) => learningCurves(budgets, m), [budgets]);
  const forest = useCallback((m: CurveMetric) => (results ? forestRows(results, m) : stats ? forestRows(stats, m) : []), [results, stats]);
  const nBudgets = budgets?.length ?? 0;
  const sweep = isSweep(results) || repeats > 1 || nBudgets > 1 || planned > 1;
  const hasForest = !!(results ?? stats)?.budgets?.some((b) => Object.values(b.stages).some((s) => s.diff));
  if (!sweep && !hasForest) return null;
  return (
    <section className="lab-sweep" aria-label="Label efficiency and uncertainty" data-testid="sweep-results">
      <h3>
        {sweep ? 'Label budgets and repeats' : 'Transfer − baseline'}
        <span className="lab-muted">
          {' '}
          ({repeats} {repeats === 1 ? 'repeat' : 'repeats'}, {planned} label {planned === 1 ? 'budget' : 'budgets'}
          {running ? '; so far' : ''})
        </span>
      </h3>
      <div className="lab-chart-grid lab-sweep-grid">
        {nBudgets > 1 && <LearningCurves seriesOf={curves} repeats={repeats} />}
        <ForestPlot rowsOf={forest} repeats={repeats} />
      </div>
      {running && <p className="lab-muted lab-small">So far: each difference appears when its transfer and baseline cells have both finished.</p>}
      {sweep && cells && cells.length > 0 && <CellsTable cells={cells} />}
    </section>
  );
}
