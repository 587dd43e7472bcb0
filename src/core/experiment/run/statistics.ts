/**
 * The run's statistics (methods: src/core/ml/metrics, docs/statistics.md): per-cell 95 % bootstrap intervals of the
 * test metrics, paired differences transfer − baseline on the same test records (same repeat and budget), summaries
 * over repeats (mean, SD, t-interval of the mean and of the mean difference), the learning-curve view per label
 * budget, and plain-language warnings about test splits and predictions.
 */
import { budgetLabel } from '../../data/budgets';
import {
  bootstrapClassification,
  bootstrapRegression,
  pairedClassificationDiff,
  summarizeRepeats,
  testSetWarnings,
  type Estimate,
  type Interval,
  type PairedDiff,
  type RepeatSummary,
} from '../../ml/metrics';
import { seedForTask } from '../../ml/random';
import type { PreparedTask } from '../../ml/task';
import type { BudgetSummary, CurvePoint, PairedComparison, RepeatsSummaryRow, RunWarning, StagePredictions, StageResult } from '../results';

/** Resamples per interval (the metrics module asks for ≥ 1000). */
export const BOOTSTRAP_RESAMPLES = 2000;
/** Metrics summarised over repeats and budgets, and compared transfer − baseline. */
export const HEADLINE_METRICS = ['accuracy', 'balanced_accuracy', 'macro_auc', 'macro_f1'] as const;

const NAME: Record<string, string> = { accuracy: 'accuracy', balancedAccuracy: 'balanced_accuracy', macroAuc: 'macro_auc', macroF1: 'macro_f1' };
const metricName = (k: string) => NAME[k] ?? k;

/** All cells of one repeat resample the same records the same way (the bootstrap seed depends on the repeat only). */
export function bootstrapSeed(repeatSeed: number): number {
  return seedForTask(repeatSeed, 'bootstrap');
}

function intervals(est: Record<string, Estimate>, rename: (k: string) => string): Record<string, Interval | null> {
  return Object.fromEntries(Object.entries(est).map(([k, e]) => [rename(k), e.ci]));
}

function caseOf(p: StagePredictions) {
  const k = p.classes.length;
  return p.task === 'single-label'
    ? { nClasses: k, classes: p.classes, labels: p.labels as number[] }
    : { nClasses: k, classes: p.classes, multiHot: (p.labels as number[][]).flat() };
}

/** Bootstrap intervals of a classification cell's test metrics, keyed like StageMetrics (macro_auc, auc_<class>, …). */
export function classificationCi(p: StagePredictions, seed: number): Record<string, Interval | null> {
  if (p.ids.length === 0) return {};
  return intervals(bootstrapClassification({ ...caseOf(p), probs: p.probs.flat() }, { resamples: BOOTSTRAP_RESAMPLES, seed }), metricName);
}

/** Bootstrap intervals of a regression cell's test metrics per target (mae_hr_bpm, rmse_hr_bpm, r2_hr_bpm). */
export function regressionCi(task: PreparedTask, idx: ArrayLike<number>, outputs: Float32Array, seed: number): Record<string, Interval | null> {
  if (task.spec.kind !== 'regression' || idx.length === 0) return {};
  const C = task.nOut;
  const out: Record<string, Interval | null> = {};
  task.spec.targets.forEach((t, k) => {
    const yt = Float64Array.from(Array.from(idx), (r) => task.y[r * C + k] * task.std![k] + task.mean![k]);
    const yp = Float64Array.from(Array.from(idx), (_, i) => outputs[i * C + k]);
    const est = bootstrapRegression(yt, yp, { resamples: BOOTSTRAP_RESAMPLES, seed });
    for (const m of ['mae', 'rmse', 'r2'] as const) out[`${m}_${t}`] = est[m].ci;
  });
  return out;
}


/**
 * Paired differences A − B of two classification cells' test predictions (accuracy, balanced accuracy, macro AUC,
 * macro F1, …, keyed like StageMetrics), or null when they were not made on the same records and classes — e.g.
 * two runs compared from the history.
 */
export function pairedPredictionsDiff(a: StagePredictions, b: StagePredictions, seed: number): Record<string, PairedDiff> | null {
  if (a.ids.length === 0 || a.task !== b.task || a.ids.join('\n') !== b.ids.join('\n') || a.classes.join('\n') !== b.classes.join('\n')) return null;
  if (JSON.stringify(a.labels) !== JSON.stringify(b.labels)) return null;
  const d = pairedClassificationDiff(caseOf(b), a.probs.flat(), b.probs.flat(), { resamples: BOOTSTRAP_RESAMPLES, seed });
  return Object.fromEntries(Object.entries(d).map(([k, v]) => [metricName(k), v]));
}

const sameTask = (a: StageResult, b: StageResult) => a.source === b.source && a.task === b.task;

export function pairedComparisons(cells: StageResult[], predictions: StagePredictions[]): PairedComparison[] {
  const pred = new Map(predictions.map((p) => [p.cell, p]));
  const out: PairedComparison[] = [];
  for (const t of cells) {
    if (t.kind !== 'transfer' || !t.cell) continue;
    const b = cells.find((x) => x.kind === 'baseline' && x.cell && sameTask(x, t) && x.cell.repeat === t.cell!.repeat && x.cell.budget === t.cell!.budget);
    const pt = pred.get(t.cell.id);
    const pb = b?.cell && pred.get(b.cell.id);
    if (!b?.cell || !pt || !pb || pt.ids.length === 0 || pt.ids.join('\n') !== pb.ids.join('\n') || pt.classes.join('\n') !== pb.classes.join('\n')) continue;
    const d = pairedClassificationDiff(caseOf(pb), pt.probs.flat(), pb.probs.flat(), { resamples: BOOTSTRAP_RESAMPLES, seed: bootstrapSeed(t.cell.seed) });
    out.push({
      transfer: t.name,
      baseline: b.name,
      transferCell: t.cell.id,
      baselineCell: b.cell.id,
      repeat: t.cell.repeat,
      ...(t.cell.budget !== undefined ? { budget: t.cell.budget } : {}),
      n: pt.ids.length,
      metrics: Object.fromEntries(Object.entries(d).map(([k, v]) => [metricName(k), v])),
    });
  }
  return out;
}


function metricKeys(c: StageResult): string[] {
  if (c.task !== 'regression') return [...HEADLINE_METRICS];
  return (c.targets ?? []).flatMap((t) => [`mae_${t}`, `rmse_${t}`, `r2_${t}`]);
}

/** Classification headline metrics (accuracy, AUC, F1) lie in [0, 1], their differences in [−1, 1]. */
const UNIT: readonly [number, number] = [0, 1];
const UNIT_DIFF: readonly [number, number] = [-1, 1];

export function repeatSummaries(cells: StageResult[], paired: PairedComparison[]): RepeatsSummaryRow[] {
  const groups = new Map<string, StageResult[]>();
  for (const c of cells) {
    const key = `${c.name}|${c.cell?.budget ?? ''}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(c);
  }
  const rows: RepeatsSummaryRow[] = [];
  for (const g of groups.values()) {
    const c0 = g[0];
    const m = c0.metrics.test;
    if (!m) continue;
    const metrics: Record<string, RepeatSummary> = {};
    for (const k of metricKeys(c0)) {
      const values = g.map((c) => c.metrics.test?.[k as keyof typeof m] as number | undefined).map((v) => (typeof v === 'number' ? v : NaN));
      if (values.some(Number.isFinite)) metrics[k] = summarizeRepeats(values, 0.95, c0.task !== 'regression' ? UNIT : undefined);
    }
    const row: RepeatsSummaryRow = {
      stage: c0.name,
      kind: c0.kind,
      ...(c0.cell?.budget !== undefined ? { budget: c0.cell.budget } : {}),
      repeats: g.length,
      nTrain: g.reduce((a, c) => a + c.split.nTrain, 0) / g.length,
      metrics,
    };
    const pairs = paired.filter((p) => p.transfer === c0.name && p.budget === c0.cell?.budget);
    if (pairs.length) {
      row.baseline = pairs[0].baseline;
      row.diff = Object.fromEntries(Object.keys(pairs[0].metrics).filter((k) => (HEADLINE_METRICS as readonly string[]).includes(k)).map((k) => [k, summarizeRepeats(pairs.map((p) => p.metrics[k].diff), 0.95, UNIT_DIFF)]));
    }
    rows.push(row);
  }
  return rows;
}



export function budgetSummaries(budgets: number[], rows: RepeatsSummaryRow[], cells: StageResult[], paired: PairedComparison[]): BudgetSummary[] {
  return budgets.map((b) => {
    const stages: BudgetSummary['stages'] = {};
    for (const r of rows.filter((x) => x.budget === b)) {
      const first = cells.find((c) => c.name === r.stage && c.cell?.budget === b && c.cell.repeat === 0);
      const pair0 = paired.find((p) => p.transfer === r.stage && p.budget === b && p.repeat === 0);
      const point = (s: RepeatSummary, single: Interval | null | undefined): CurvePoint =>
        r.repeats >= 2 ? { mean: s.mean, ci: s.ci, ciMethod: 'repeats' } : { mean: s.mean, ci: single ?? null, ciMethod: 'bootstrap' };
      stages[r.stage] = {
        kind: r.kind,
        nTrain: r.nTrain,
        metrics: Object.fromEntries(Object.entries(r.metrics).map(([k, s]) => [k, point(s, first?.ci?.[k])])),
        ...(r.diff
          ? { diff: Object.fromEntries(Object.entries(r.diff).map(([k, s]) => [k, { ...point(s, pair0?.metrics[k]?.ci), ...(r.repeats < 2 && pair0 ? { winFraction: pair0.metrics[k].winFraction } : {}) }])) }
          : {}),
      };
    }
    return { budget: b, label: budgetLabel(b), stages };
  });
}

/** Warnings of every classification cell, each kept once per stage. */
export function runWarnings(predictions: StagePredictions[]): RunWarning[] {
  const seen = new Set<string>();
  const out: RunWarning[] = [];
  for (const p of predictions) {
    if (p.ids.length === 0) continue;
    const c = caseOf(p);
    for (const w of testSetWarnings({ stage: p.stage, classes: p.classes, ...('labels' in c ? { labels: c.labels } : { multiHot: c.multiHot }), probs: p.probs.flat() })) {
      const key = `${w.stage}|${w.code}|${w.className ?? ''}|${w.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ ...w, cell: p.cell });
    }
  }
  return out;
}
