/**
 * What the comparison table shows beside each model's numbers: the 95 % intervals of its test metrics, its paired
 * difference to the baseline (same test records), its split sizes and method, and the warnings about it. From the
 * finished results when there are some, else from the live cells of the run in progress.
 */
import type { LiveCell, LiveStage } from '../../core/experiment/contract';
import type { ComparisonSource } from './Comparison';
import type { RunResults } from '../../core/experiment/results';
import type { Interval, PairedDiff } from '../../core/ml/metrics';
import { diffText, diffTone, estimateText, groupWarnings, toneWords, type Tone, type WarningGroup } from './sweepView';

export interface RowStats {
  ci: Record<string, Interval | null>;
  /** Transfer − baseline on the same test records (finished runs only). */
  diff: Record<string, PairedDiff>;
  baseline?: string;
  n?: { train: number; val: number; test: number };
  /** How the records were split (random, folds, …). */
  split?: string;
  warnings: WarningGroup[];
}

type Results = Pick<RunResults, 'stages' | 'paired' | 'warnings'>;

/** The budget whose repeat-0 cells are a sweep's headline: the whole split (1) if listed, else the last listed. */
export function headlineBudget(budgets: readonly number[] | undefined): number {
  if (!budgets || budgets.length === 0) return 1;
  return budgets.includes(1) ? 1 : budgets[budgets.length - 1];
}

/**
 * The comparison rows of a run in progress. A plain run: every finished classification stage. A sweep: only the
 * headline cells (repeat 0 at the headline budget) as they finish — a stage's latest cell may be another budget
 * or repeat, and differences across budgets would mislead; validation metrics only where the stage's latest
 * result is that cell.
 */
export function liveComparison(stages: readonly LiveStage[], cells: readonly LiveCell[] | undefined, sweep: { budget: number } | null): ComparisonSource[] {
  const classify = stages.filter((s) => s.kind === 'baseline' || s.kind === 'transfer');
  if (!sweep) return classify.filter((s) => s.final).map((s) => ({ stage: s.name, kind: s.kind, from: s.from, val: s.final?.val, test: s.final?.test }));
  const out: ComparisonSource[] = [];
  for (const s of classify) {
    const c = cells?.find((x) => x.stage === s.name && x.repeat === 0 && x.budget === sweep.budget);
    if (!c) continue;
    const latest = cells?.filter((x) => x.stage === s.name).at(-1);
    out.push({ stage: s.name, kind: s.kind, from: s.from, ...(latest === c ? { val: s.final?.val } : {}), test: c.test });
  }
  return out;
}

/** Per stage name: the statistics of its headline cell (results), or live of its latest finished cell (a sweep: its headline cell). */
export function comparisonStats(results: Results | null | undefined, cells?: readonly LiveCell[], sweep?: { budget: number } | null): Record<string, RowStats> {
  const out: Record<string, RowStats> = {};
  if (results) {
    for (const st of results.stages) {
      if (st.kind !== 'baseline' && st.kind !== 'transfer') continue;
      const pair = st.cell ? results.paired?.find((p) => p.transferCell === st.cell!.id) : undefined;
      out[st.name] = {
        ci: st.ci ?? {},
        diff: pair?.metrics ?? {},
        ...(pair ? { baseline: pair.baseline } : {}),
        n: { train: st.split.nTrain, val: st.split.nVal, test: st.split.nTest },
        split: st.split.method,
        warnings: groupWarnings(results.warnings, st.name),
      };
    }
    return out;
  }
  for (const c of cells ?? []) {
    if (c.kind !== 'baseline' && c.kind !== 'transfer') continue;
    if (sweep && (c.repeat !== 0 || c.budget !== sweep.budget)) continue;
    out[c.stage] = { ci: c.ci ?? {}, diff: {}, n: { train: c.nTrain, val: NaN, test: c.nTest }, warnings: [] };
  }
  return out;
}

export interface DeltaView {
  text: string;
  tone: Tone;
  /** Read aloud / tooltip: whether the difference is significant. */
  title: string;
}

/**
 * The difference shown under a transfer's number: the paired difference with its interval when the results have
 * one (coloured only when the interval excludes 0), else the plain difference of the two numbers, never coloured.
 */
export function deltaView(value: number | undefined, baseValue: number | undefined, paired: PairedDiff | undefined): DeltaView | undefined {
  if (paired && Number.isFinite(paired.diff)) {
    const tone = diffTone(paired.diff, paired.ci);
    const win = Number.isFinite(paired.winFraction) ? `; the transfer is better in ${Math.round(paired.winFraction * 100)} % of resamples` : '';
    return { text: diffText(paired.diff, paired.ci), tone, title: `Difference to the baseline on the same ${paired.n} test records: ${toneWords(tone, paired.ci)}${win}.` };
  }
  if (value === undefined || baseValue === undefined) return undefined;
  return { text: diffText(value - baseValue, null), tone: 'neutral', title: 'Difference to the baseline; no interval yet: significance unknown.' };
}

/** A test metric as the tables show it: `0.771 [0.69, 0.84]`. */
export function testText(value: number | undefined, ci: Interval | null | undefined): string {
  return estimateText(value, ci);
}
