/**
 * Bootstrap confidence intervals over test records and paired differences between two models on the same
 * records (method and references: docs/statistics.md).
 *
 * - Resampling: n records drawn with replacement, seeded; single-label classification is stratified by true
 *   class (each class resampled within itself, so class counts stay as in the test split); multi-label and
 *   regression resample all records together.
 * - Interval: percentile interval of the resampled metric (Efron & Tibshirani 1993, ch. 13).
 * - A metric undefined in a resample (e.g. AUC of a class absent from it) is skipped for that resample; when
 *   fewer than half of the resamples define it, the interval is null.
 * - The point value is the metric on the full test split (identical to singleLabelMetrics / multiLabelMetrics /
 *   regressionMetrics), not the mean of the resamples.
 */
import { makeResampler, quantileSorted } from './resample';
import {
  multiLabelEvaluator, regressionEvaluator, singleLabelEvaluator, type RegressionMetricName, type WeightedEvaluator,
} from './weighted';

export interface Interval {
  lo: number;
  hi: number;
}

/** A metric on the test split with its bootstrap interval; value NaN and ci null when the metric is undefined. */
export interface Estimate {
  value: number;
  ci: Interval | null;
  /** Test records the metric was computed on. */
  n: number;
}

export interface BootstrapOptions {
  /** Number of resamples; default 2000, at least 1000. */
  resamples?: number;
  /** Seed of the resampling stream; default 1. */
  seed?: number;
  /** Confidence level; default 0.95. */
  level?: number;
}

export interface ClassificationCase {
  nClasses: number;
  /** Class names, used in the per-class metric names `auc_<name>` (the index when absent). */
  classes?: string[];
  /** n × nClasses row-major class probabilities (or scores). */
  probs: ArrayLike<number>;
  /** Single-label truth: class index per record. */
  labels?: ArrayLike<number>;
  /** Multi-label truth: n × nClasses 0/1. */
  multiHot?: ArrayLike<number>;
}

/**
 * Difference A − B of one metric on the same records, with the percentile interval of the per-resample
 * differences (both models scored on the same resamples). `winFraction` is the share of resamples where A is
 * better: A > B for metrics where higher is better, A < B for error metrics (MAE, RMSE). Ties are not wins;
 * `tieFraction` gives their share (accuracy often ties on small splits).
 */
export interface PairedDiff {
  diff: number;
  ci: Interval | null;
  winFraction: number;
  n: number;
  tieFraction?: number;
}

interface ResolvedOptions {
  resamples: number;
  seed: number;
  level: number;
}

function resolve(o: BootstrapOptions | undefined): ResolvedOptions {
  const resamples = o?.resamples ?? 2000;
  const seed = o?.seed ?? 1;
  const level = o?.level ?? 0.95;
  if (!Number.isInteger(resamples) || resamples < 1000) throw new Error(`resamples must be an integer ≥ 1000, got ${resamples}`);
  if (!(level > 0 && level < 1)) throw new Error(`level must lie strictly between 0 and 1, got ${level}`);
  if (!Number.isFinite(seed)) throw new Error(`seed must be a finite number, got ${seed}`);
  return { resamples, seed, level };
}

/** Metric values of the full split (row 0 of the result) and of each resample, for several evaluators at once. */
interface Draws {
  full: Float64Array[];
  /** samples[e][r * m + k]: evaluator e, resample r, metric k. */
  samples: Float64Array[];
}

function draw(n: number, strata: ArrayLike<number> | null, evaluators: WeightedEvaluator[], o: ResolvedOptions): Draws {
  const m = evaluators[0].names.length;
  const ones = new Int32Array(n).fill(1);
  const full = evaluators.map((ev) => {
    const out = new Float64Array(m);
    ev.evaluate(ones, out);
    return out;
  });
  const samples = evaluators.map(() => new Float64Array(o.resamples * m));
  const next = makeResampler(n, o.seed, strata);
  const counts = new Int32Array(n);
  const row = new Float64Array(m);
  for (let r = 0; r < o.resamples; r++) {
    next(counts);
    for (let e = 0; e < evaluators.length; e++) {
      evaluators[e].evaluate(counts, row);
      samples[e].set(row, r * m);
    }
  }
  return { full, samples };
}

/** Percentile interval of the defined values; null when fewer than half of all resamples define the metric. */
function percentile(values: Float64Array, total: number, level: number): Interval | null {
  if (values.length === 0 || values.length * 2 < total) return null;
  values.sort(); // typed-array sort is numeric
  const a = (1 - level) / 2;
  return { lo: quantileSorted(values, a), hi: quantileSorted(values, 1 - a) };
}

function estimates(names: readonly string[], full: Float64Array, samples: Float64Array, n: number, o: ResolvedOptions): Record<string, Estimate> {
  const m = names.length;
  const res: Record<string, Estimate> = {};
  for (let k = 0; k < m; k++) {
    const value = full[k];
    if (!Number.isFinite(value)) {
      res[names[k]] = { value: NaN, ci: null, n };
      continue;
    }
    const vals = new Float64Array(o.resamples);
    let defined = 0;
    for (let r = 0; r < o.resamples; r++) {
      const v = samples[r * m + k];
      if (Number.isFinite(v)) vals[defined++] = v;
    }
    res[names[k]] = { value, ci: percentile(vals.subarray(0, defined), o.resamples, o.level), n };
  }
  return res;
}

function pairedDiffs(ev: WeightedEvaluator, d: Draws, n: number, o: ResolvedOptions): Record<string, PairedDiff> {
  const m = ev.names.length;
  const [fullA, fullB] = d.full;
  const [sa, sb] = d.samples;
  const res: Record<string, PairedDiff> = {};
  for (let k = 0; k < m; k++) {
    const diff = fullA[k] - fullB[k];
    const higher = ev.higherIsBetter[k];
    const vals = new Float64Array(o.resamples);
    let defined = 0;
    let wins = 0;
    let ties = 0;
    for (let r = 0; r < o.resamples; r++) {
      const a = sa[r * m + k];
      const b = sb[r * m + k];
      if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
      vals[defined++] = a - b;
      if (a === b) ties++;
      else if (higher ? a > b : a < b) wins++;
    }
    res[ev.names[k]] = Number.isFinite(diff)
      ? { diff, ci: percentile(vals.subarray(0, defined), o.resamples, o.level), winFraction: defined ? wins / defined : NaN, tieFraction: defined ? ties / defined : NaN, n }
      : { diff: NaN, ci: null, winFraction: NaN, tieFraction: NaN, n };
  }
  return res;
}

function classificationSetup(c: Omit<ClassificationCase, 'probs'>): { n: number; strata: ArrayLike<number> | null; make: (probs: ArrayLike<number>) => WeightedEvaluator } {
  if (c.labels && c.multiHot) throw new Error('give either labels (single-label) or multiHot (multi-label), not both');
  if (c.classes && c.classes.length !== c.nClasses) throw new Error(`${c.classes.length} class names for ${c.nClasses} classes`);
  if (c.labels) {
    const labels = c.labels;
    return { n: labels.length, strata: labels, make: (p) => singleLabelEvaluator(labels, p, c.nClasses, c.classes) };
  }
  if (c.multiHot) {
    const multiHot = c.multiHot;
    return { n: Math.floor(multiHot.length / c.nClasses), strata: null, make: (p) => multiLabelEvaluator(multiHot, p, c.nClasses, c.classes) };
  }
  throw new Error('a classification case needs labels (single-label) or multiHot (multi-label)');
}

/**
 * Bootstrap estimates of accuracy, balancedAccuracy (single-label only; NaN for multi-label), macroAuc, macroF1
 * and auc_<class> for every class. The same labels, seed and resample count always give the same resamples,
 * so estimates of two models called separately are still on identical resamples.
 */
export function bootstrapClassification(c: ClassificationCase, o?: BootstrapOptions): Record<string, Estimate> {
  const opts = resolve(o);
  const s = classificationSetup(c);
  const ev = s.make(c.probs);
  const d = draw(s.n, s.strata, [ev], opts);
  return estimates(ev.names, d.full[0], d.samples[0], s.n, opts);
}

/** Drops pairs where the truth or any prediction is not finite (NaN = unknown label), as regression.ts does. */
function finiteRows(yTrue: ArrayLike<number>, preds: ArrayLike<number>[]): { t: Float64Array; p: Float64Array[] } {
  for (const p of preds) if (p.length !== yTrue.length) throw new Error(`length mismatch: ${yTrue.length} true vs ${p.length} predicted`);
  const keep: number[] = [];
  for (let i = 0; i < yTrue.length; i++) if (Number.isFinite(yTrue[i]) && preds.every((p) => Number.isFinite(p[i]))) keep.push(i);
  return { t: Float64Array.from(keep, (i) => yTrue[i]), p: preds.map((p) => Float64Array.from(keep, (i) => p[i])) };
}

/** Bootstrap estimates of MAE, RMSE, R², mean error (predicted − true) and SD of the error, over finite pairs. */
export function bootstrapRegression(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, o?: BootstrapOptions): Record<RegressionMetricName, Estimate> {
  const opts = resolve(o);
  const { t, p } = finiteRows(yTrue, [yPred]);
  const ev = regressionEvaluator(t, p[0]);
  const d = draw(t.length, null, [ev], opts);
  return estimates(ev.names, d.full[0], d.samples[0], t.length, opts) as Record<RegressionMetricName, Estimate>;
}

/** Paired differences A − B of every classification metric (names as bootstrapClassification). */
export function pairedClassificationDiff(labelsCase: Omit<ClassificationCase, 'probs'>, probsA: ArrayLike<number>, probsB: ArrayLike<number>, o?: BootstrapOptions): Record<string, PairedDiff> {
  const opts = resolve(o);
  const s = classificationSetup(labelsCase);
  const evA = s.make(probsA);
  const d = draw(s.n, s.strata, [evA, s.make(probsB)], opts);
  return pairedDiffs(evA, d, s.n, opts);
}

/**
 * Paired differences A − B of MAE, RMSE and R² on the records where the truth and both predictions are
 * finite. For MAE and RMSE a negative diff means A is better and winFraction counts resamples with A < B.
 */
export function pairedRegressionDiff(yTrue: ArrayLike<number>, predA: ArrayLike<number>, predB: ArrayLike<number>, o?: BootstrapOptions): Record<'mae' | 'rmse' | 'r2', PairedDiff> {
  const opts = resolve(o);
  const { t, p } = finiteRows(yTrue, [predA, predB]);
  const evA = regressionEvaluator(t, p[0]);
  const d = draw(t.length, null, [evA, regressionEvaluator(t, p[1])], opts);
  const all = pairedDiffs(evA, d, t.length, opts);
  return { mae: all.mae, rmse: all.rmse, r2: all.r2 };
}
