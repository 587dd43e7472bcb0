/**
 * What the comparison table shows beside each model's numbers: the 95 % intervals of its test metrics, its paired
 * difference to the baseline (same test records), its split sizes and method, and the warnings about it. From the
 * finished results when there are some, else from the live cells of the run in progress.
 */
import type { LiveCell } from '../../core/experiment/contract';
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

/** Per stage name: the statistics of its headline cell (results) or of its latest finished cell (live). */
export function comparisonStats(results: Results | null | undefined, cells?: readonly LiveCell[]): Record<string, RowStats> {
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
