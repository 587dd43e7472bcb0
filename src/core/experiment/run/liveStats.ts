/**
 * The sweep's statistics while it runs: the finished cells so far give the paired differences transfer − baseline
 * (same repeat, budget and test records), the summaries over the finished repeats and the learning-curve view per
 * budget — the same functions as the final results (statistics.ts), so the forest plot and the curves on screen
 * during a sweep are the ones it ends with, over fewer cells. Each pair is bootstrapped once, when its second cell
 * finishes; the summaries over repeats are cheap and recomputed.
 */
import type { LiveSweepStats } from '../contract/live';
import type { PairedComparison, StagePredictions, StageResult } from '../results';
import { budgetSummaries, pairedComparisons, repeatSummaries } from './statistics';

export type { LiveSweepStats };

export interface SweepStatsTracker {
  /** Adds a finished cell (a later report of the same cell replaces it); true when the statistics changed. */
  add(cell: StageResult, predictions?: StagePredictions): boolean;
  /** The statistics of the cells added so far. */
  stats(): LiveSweepStats;
}

const pairKey = (c: StageResult) => `${c.source}|${c.task}|${c.cell?.repeat}|${c.cell?.budget ?? ''}`;

/** `budgets`: the spec's label budgets (specBudgets). */
export function sweepStatsTracker(budgets: number[]): SweepStatsTracker {
  const cells = new Map<string, StageResult>();
  const preds = new Map<string, StagePredictions>();
  /** Paired comparisons by transfer cell id. */
  const paired = new Map<string, PairedComparison>();

  const pairsOf = (c: StageResult): [StageResult, StageResult][] => {
    const same = [...cells.values()].filter((x) => x.cell && pairKey(x) === pairKey(c));
    if (c.kind === 'transfer') {
      const b = same.find((x) => x.kind === 'baseline');
      return b ? [[c, b]] : [];
    }
    if (c.kind === 'baseline') return same.filter((x) => x.kind === 'transfer').map((t) => [t, c]);
    return [];
  };

  return {
    add(cell, predictions) {
      if (!cell.cell || (cell.kind !== 'transfer' && cell.kind !== 'baseline')) return false;
      cells.set(cell.cell.id, cell);
      if (predictions) preds.set(cell.cell.id, predictions);
      for (const [t, b] of pairsOf(cell)) {
        const p = [preds.get(t.cell!.id), preds.get(b.cell!.id)].filter((x): x is StagePredictions => !!x);
        const [d] = pairedComparisons([t, b], p);
        if (d) paired.set(t.cell!.id, d);
        else paired.delete(t.cell!.id);
      }
      return true;
    },
    stats() {
      const all = [...cells.values()];
      const pairs = [...paired.values()];
      const repeats = repeatSummaries(all, pairs);
      return { paired: pairs, repeats, budgets: budgetSummaries(budgets, repeats, all, pairs) };
    },
  };
}
