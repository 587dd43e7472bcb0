import type { HistoryRun } from '../../store/historyStore';
import { normaliseComparison, type ComparisonRow } from '../results/Comparison';
import { liveFromResults } from '../../core/experiment/liveRun';

/** Comparison rows of a stored run (from its results, or from the finished stages of a partial run). */
export function rowsOf(run: HistoryRun): ComparisonRow[] {
  if (run.results?.comparison?.length) return normaliseComparison(run.results.comparison);
  const live = run.results ? liveFromResults(run.results) : run.live;
  return normaliseComparison(
    (live?.stages ?? [])
      .filter((s) => s.final && (s.kind === 'baseline' || s.kind === 'transfer'))
      .map((s) => ({ stage: s.name, kind: s.kind, from: s.from, val: s.final?.val, test: s.final?.test })),
  );
}

export function bestOf(run: HistoryRun): { accuracy?: number; macro_auc?: number } {
  const rows = rowsOf(run);
  const max = (k: string) => {
    const v = rows.map((r) => r.test[k]).filter((x): x is number => typeof x === 'number');
    return v.length ? Math.max(...v) : undefined;
  };
  return { accuracy: max('accuracy'), macro_auc: max('macro_auc') };
}
