/**
 * View models of a run's statistics (pure, no React): learning-curve series per stage, forest-plot rows of the
 * paired differences transfer − baseline, the colouring rule for a difference, estimate text with its interval,
 * warnings grouped by message, and the rows of the cells table. Methods: docs/statistics.md.
 */
import { budgetLabel } from '../../core/data/budgets';
import type { LiveCell } from '../../core/experiment/contract';
import type { BudgetSummary, CurvePoint, PairedComparison, RepeatsSummaryRow, RunResults, RunWarning } from '../../core/experiment/results';
import { ciExcludesZero, formatDiff, formatEstimate, summarizeRepeats, type Interval } from '../../core/ml/metrics';

/** The metrics the learning curves and the forest plot can show. */
export const CURVE_METRICS = ['macro_auc', 'accuracy'] as const;
export type CurveMetric = (typeof CURVE_METRICS)[number];

/** `0.771 [0.69, 0.84]`; `0.771` without an interval; `–` when the value is not a number. */
/** The value and the interval of `estimateText` apart (a unit goes between them: `19.2 ms [15, 23]`). */
export function estimateParts(value: number | undefined, ci: Interval | null | undefined, digits = 3): { value: string; interval: string } {
  const bare = estimateText(value, null, digits);
  return { value: bare, interval: estimateText(value, ci, digits).slice(bare.length).trim() };
}

export function estimateText(value: number | undefined, ci: Interval | null | undefined, digits = 3): string {
  return formatEstimate({ value: value ?? NaN, ci: ci ?? null, n: 0 }, digits);
}

/** `+0.031 [−0.01, 0.07]`; a rounded zero prints as `±0.000`. */
export function diffText(diff: number | undefined, ci: Interval | null | undefined): string {
  return formatDiff({ diff: diff ?? NaN, ci: ci ?? null, winFraction: NaN, n: 0 });
}

export type Tone = 'gain' | 'loss' | 'neutral';

/**
 * Colour of a difference (higher is better): gain or loss only when its interval lies entirely above or below 0;
 * without an interval, or with one that includes 0, neutral — a point estimate alone is never coloured.
 */
export function diffTone(diff: number | undefined, ci: Interval | null | undefined): Tone {
  if (diff === undefined || !Number.isFinite(diff) || !ci || !ciExcludesZero(ci)) return 'neutral';
  return ci.lo > 0 ? 'gain' : 'loss';
}

/** Words for a difference's significance, for screen readers and tooltips. */
export function toneWords(tone: Tone, ci: Interval | null | undefined): string {
  if (!ci) return 'no interval: significance unknown';
  if (tone === 'gain') return 'better than the baseline (the interval lies above 0)';
  if (tone === 'loss') return 'worse than the baseline (the interval lies below 0)';
  return 'no significant difference (the interval includes 0)';
}

export interface CurvePointView {
  /** Labelled training records (x axis). */
  x: number;
  mean: number;
  lo?: number;
  hi?: number;
  budget: number;
  budgetLabel: string;
  ciMethod: CurvePoint['ciMethod'];
  text: string;
}

export interface CurveSeries {
  stage: string;
  kind: string;
  points: CurvePointView[];
}

type BudgetStages = BudgetSummary['stages'];
/** Baselines first, otherwise the order given (a stable sort). */
const baselineFirst = <T extends { kind: string }>(items: T[]): T[] => items.sort((a, b) => Number(b.kind === 'baseline') - Number(a.kind === 'baseline'));

/** One series per baseline/transfer stage (the baseline first), points sorted by training records. */
export function learningCurves(budgets: readonly BudgetSummary[] | undefined, metric: string): CurveSeries[] {
  const byStage = new Map<string, CurveSeries>();
  for (const b of budgets ?? []) {
    for (const [stage, s] of Object.entries(b.stages) as [string, BudgetStages[string]][]) {
      if (s.kind !== 'baseline' && s.kind !== 'transfer') continue;
      const p = s.metrics[metric];
      if (!p || !Number.isFinite(p.mean) || !(s.nTrain > 0)) continue;
      const series = byStage.get(stage) ?? { stage, kind: s.kind, points: [] };
      series.points.push({
        x: s.nTrain,
        mean: p.mean,
        ...(p.ci ? { lo: p.ci.lo, hi: p.ci.hi } : {}),
        budget: b.budget,
        budgetLabel: b.label,
        ciMethod: p.ciMethod,
        text: estimateText(p.mean, p.ci),
      });
      byStage.set(stage, series);
    }
  }
  const out = [...byStage.values()];
  for (const s of out) s.points.sort((a, b) => a.x - b.x);
  return baselineFirst(out);
}

export interface ForestRow {
  key: string;
  transfer: string;
  baseline?: string;
  budget: number;
  budgetLabel: string;
  nTrain: number;
  /** Test records the difference was paired on (repeat 0). */
  nTest?: number;
  repeats: number;
  diff: number;
  ci: Interval | null;
  ciMethod: CurvePoint['ciMethod'];
  winFraction?: number;
  tone: Tone;
  text: string;
  /** The row read aloud: what, how much, and whether it is significant. */
  description: string;
}

/** One row per transfer × budget (budgets in order, transfers in stage order) with its paired difference. */
export function forestRows(
  results: Pick<RunResults, 'budgets' | 'repeats' | 'paired'>,
  metric: string,
): ForestRow[] {
  const rows: ForestRow[] = [];
  const summary = (stage: string, budget: number): RepeatsSummaryRow | undefined => results.repeats?.find((r) => r.stage === stage && r.budget === budget);
  const pair0 = (stage: string, budget: number): PairedComparison | undefined =>
    results.paired?.find((p) => p.transfer === stage && p.budget === budget && p.repeat === 0);
  for (const b of results.budgets ?? []) {
    for (const [stage, s] of Object.entries(b.stages) as [string, BudgetStages[string]][]) {
      const d = s.kind === 'transfer' ? s.diff?.[metric] : undefined;
      if (!d || !Number.isFinite(d.mean)) continue;
      const sum = summary(stage, b.budget);
      const pair = pair0(stage, b.budget);
      const tone = diffTone(d.mean, d.ci);
      const text = diffText(d.mean, d.ci);
      const baseline = sum?.baseline ?? pair?.baseline;
      const repeats = sum?.repeats ?? 1;
      const how = d.ciMethod === 'repeats' ? `mean of ${repeats} repeats` : 'one run';
      rows.push({
        key: `${stage}|${b.budget}`,
        transfer: stage,
        ...(baseline ? { baseline } : {}),
        budget: b.budget,
        budgetLabel: b.label,
        nTrain: s.nTrain,
        ...(pair ? { nTest: pair.n } : {}),
        repeats,
        diff: d.mean,
        ci: d.ci,
        ciMethod: d.ciMethod,
        ...(d.winFraction !== undefined ? { winFraction: d.winFraction } : {}),
        tone,
        text,
        description: `${stage} minus ${baseline ?? 'the baseline'} at ${b.label} of the training records (${Math.round(s.nTrain)} records, ${how}): ${text}, ${toneWords(tone, d.ci)}.`,
      });
    }
  }
  return rows;
}

/** The x-axis span of a forest plot: every interval and 0, padded a little and symmetric enough to read. */
export function forestDomain(rows: readonly Pick<ForestRow, 'diff' | 'ci'>[]): [number, number] {
  let lo = 0;
  let hi = 0;
  for (const r of rows) {
    for (const v of [r.diff, r.ci?.lo, r.ci?.hi]) {
      if (v === undefined || !Number.isFinite(v)) continue;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  if (hi - lo < 1e-9) return [-0.05, 0.05];
  const pad = (hi - lo) * 0.08;
  return [lo - pad, hi + pad];
}

export interface WarningGroup {
  code: RunWarning['code'];
  message: string;
  /** Stages the message was found in, in first-seen order. */
  stages: string[];
}

/** Warnings with the same words said once, naming every stage they concern; `stage` keeps only that stage's. */
export function groupWarnings(warnings: readonly RunWarning[] | undefined, stage?: string): WarningGroup[] {
  const out = new Map<string, WarningGroup>();
  for (const w of warnings ?? []) {
    if (stage !== undefined && w.stage !== stage) continue;
    const g = out.get(w.message) ?? { code: w.code, message: w.message, stages: [] };
    if (w.stage && !g.stages.includes(w.stage)) g.stages.push(w.stage);
    out.set(w.message, g);
  }
  return [...out.values()];
}

export interface CellRow {
  id: string;
  stage: string;
  kind: string;
  /** 1-based, as people count. */
  repeat: number;
  budgetLabel: string;
  nTrain: number;
  nTest: number;
  metric?: string;
  text: string;
  cached?: boolean;
}

/** Which metric a cell's row shows: the chosen classification metric, else the first regression MAE. */
function cellMetric(c: LiveCell, metric: string): string | undefined {
  if (c.test[metric] !== undefined) return metric;
  return Object.keys(c.test).find((k) => k.startsWith('mae_'));
}

/** A label budget as a person reads it: fractions as percentages, counts as records; none: the whole split. */
export function budgetText(b: number | undefined): string {
  return b === undefined ? 'all' : budgetLabel(b);
}

/** The finished cells (in the order they finished) as table rows with the metric and its interval. */
export function cellRows(cells: readonly LiveCell[] | undefined, metric: string): CellRow[] {
  return (cells ?? []).map((c) => {
    const m = cellMetric(c, metric);
    return {
      id: c.id,
      stage: c.stage,
      kind: c.kind,
      repeat: c.repeat + 1,
      budgetLabel: budgetText(c.budget),
      nTrain: c.nTrain,
      nTest: c.nTest,
      ...(m ? { metric: m } : {}),
      text: m ? estimateText(c.test[m], c.ci?.[m], m.startsWith('mae_') ? 2 : 3) : '\u2013',
      ...(c.cached ? { cached: true } : {}),
    };
  });
}

/** Whether results describe a sweep worth the sweep views: more than one budget or more than one repeat. */
export function isSweep(results: Pick<RunResults, 'sweep'> | null | undefined): boolean {
  const s = results?.sweep;
  return !!s && (s.repeats > 1 || s.labelBudgets.length > 1);
}

/**
 * A log-scale axis over training-record counts: the domain padded by a factor; ticks at the counts themselves when
 * there are at most six (a sweep's budgets), else at 1, 2, 5 × 10^k inside the domain.
 */
export function logAxis(values: readonly number[]): { domain: [number, number]; ticks: number[] } {
  const pos = [...new Set(values.filter((v) => Number.isFinite(v) && v > 0).map((v) => Math.round(v)))].sort((a, b) => a - b);
  if (pos.length === 0) return { domain: [1, 10], ticks: [1, 10] };
  const domain: [number, number] = [pos[0] / 1.25, pos[pos.length - 1] * 1.25];
  if (pos.length <= 6) return { domain, ticks: pos };
  const ticks: number[] = [];
  for (let k = Math.floor(Math.log10(domain[0])); k <= Math.ceil(Math.log10(domain[1])); k++)
    for (const m of [1, 2, 5]) {
      const t = m * 10 ** k;
      if (t >= domain[0] && t <= domain[1]) ticks.push(Number(t.toPrecision(6)));
    }
  return { domain, ticks };
}

/** A metric's name inside a sentence: `accuracy`, `macro AUC`. */
export function metricWords(label: string): string {
  return label.charAt(0).toLowerCase() + label.slice(1);
}

/**
 * The learning-curve view of the cells finished so far (a sweep in progress): per budget and stage the mean over
 * the finished repeats with its t-interval when there are two or more, else the cell's own bootstrap interval.
 */
export function liveBudgets(cells: readonly LiveCell[] | undefined, metrics: readonly string[] = CURVE_METRICS): BudgetSummary[] {
  const groups = new Map<number, Map<string, LiveCell[]>>();
  for (const c of cells ?? []) {
    if ((c.kind !== 'baseline' && c.kind !== 'transfer') || c.budget === undefined) continue;
    const byStage = groups.get(c.budget) ?? new Map<string, LiveCell[]>();
    byStage.set(c.stage, [...(byStage.get(c.stage) ?? []), c]);
    groups.set(c.budget, byStage);
  }
  return [...groups.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([budget, byStage]) => {
      const stages: BudgetSummary['stages'] = {};
      for (const [stage, cs] of byStage) {
        const point = (m: string): CurvePoint | undefined => {
          const values = cs.map((c) => c.test[m] ?? NaN);
          if (!values.some(Number.isFinite)) return undefined;
          if (cs.length >= 2) {
            const s = summarizeRepeats(values);
            return { mean: s.mean, ci: s.ci, ciMethod: 'repeats' };
          }
          return { mean: values[0], ci: cs[0].ci?.[m] ?? null, ciMethod: 'bootstrap' };
        };
        const ms: Record<string, CurvePoint> = {};
        for (const m of metrics) {
          const p = point(m);
          if (p) ms[m] = p;
        }
        stages[stage] = { kind: cs[0].kind as BudgetSummary['stages'][string]['kind'], nTrain: cs.reduce((a, c) => a + c.nTrain, 0) / cs.length, metrics: ms };
      }
      return { budget, label: budgetText(budget), stages };
    });
}
