/**
 * Designer-parameter priors from the fit to real records (fitted.ts, written by bench/fitPriors.ts; method in
 * docs/synthesis.md, "Priors fitted to real records"). Each prior is a normal distribution with the real records'
 * mean and SD, truncated to their 5th–95th percentile range widened by half an SD on each side.
 *
 * Intervals come from LUDB's lead-II annotations, amplitudes from PTB-XL median beats (physical mV; the shared
 * LUDB copy is scaled per lead). Interval priors are shifted by `offsets` (support − annotated, ms): with the
 * 'annotated-lead' label rule the labels are read on the signal as LUDB's cardiologists read lead II, and the
 * generator's support intervals are that much longer, so support = real + offset gives labels with the real
 * distribution. Offsets of 0 give support intervals with the real distribution.
 */
import { FITTED, type FittedSummary } from './fitted';
import { LUDB_T_END_LATE_MS } from '../annotate/labelRules';
import type { LabelRule } from '../types';
export { FITTED_NOISE_MAX } from './noise';

/** Structurally the data layer's normal Distribution (kept local: signal/ does not import data/). */
export interface NormalPrior {
  kind: 'normal';
  mean: number;
  sd: number;
  min: number;
  max: number;
}

export type PriorParam = 'hrBpm' | 'prMs' | 'qrsMs' | 'qtMs' | 'axisDeg' | 'pAmpMv' | 'rAmpMv' | 'sAmpMv' | 'tAmpMv';

interface FittedLike {
  intervals: Record<'hrBpm' | 'prMs' | 'qtcMs', FittedSummary>;
  qrsNarrowMs: FittedSummary;
  axisNormalDeg: FittedSummary;
  amplitudesMv: Record<string, Record<'p' | 'r', FittedSummary>>;
  ptbxlAmplitudesMv: Record<string, Record<'r' | 's' | 't', FittedSummary>>;
}

const r2 = (v: number) => Math.round(v * 100) / 100;
/** Truncated normal of the real values (bounds lo/hi on the real scale), moved by `shift`. */
function prior(s: Pick<FittedSummary, 'mean' | 'sd' | 'p5' | 'p95'>, shift = 0, lo = -Infinity, hi = Infinity): NormalPrior {
  const min = Math.max(lo, s.p5 - s.sd / 2) + shift;
  const max = Math.min(hi, s.p95 + s.sd / 2) + shift;
  return { kind: 'normal', mean: r2(Math.min(max, Math.max(min, s.mean + shift))), sd: r2(s.sd), min: r2(min), max: r2(max) };
}

/**
 * Priors of the normal-morphology records (QRS from narrow-QRS records, axis from records with a −30…90° axis;
 * wide QRS, left axis and rate extremes come from their presets). qtMs is the QTc (Bazett).
 */
export function priorDistributions(f: FittedLike = FITTED, offsets: Record<'prMs' | 'qrsMs' | 'qtMs', number> = defaultOffsets()): Record<PriorParam, NormalPrior> {
  const ii = f.ptbxlAmplitudesMv.II;
  const ludbII = f.amplitudesMv.II;
  // P: LUDB's within-lead P/R ratio times PTB-XL's lead-II R (LUDB amplitudes are not in mV)
  const pr = ludbII.p.median / ludbII.r.median;
  const p = { mean: pr * ii.r.mean, sd: pr * ii.r.sd * 0.5, p5: pr * ii.r.p5, p95: pr * ii.r.p95 };
  // T: magnitude of the lead-II T of records with an upright T (inverted T comes from its presets)
  const t = { mean: Math.max(0.1, ii.t.median), sd: ii.t.sd * 0.75, p5: 0.08, p95: ii.t.p95 };
  return {
    hrBpm: prior(f.intervals.hrBpm, 0, 50, 100),
    prMs: prior(f.intervals.prMs, offsets.prMs, 110, 220),
    qrsMs: prior(f.qrsNarrowMs, offsets.qrsMs, 60, 112),
    qtMs: prior(f.intervals.qtcMs, offsets.qtMs, 340, 480),
    axisDeg: prior(f.axisNormalDeg, 0, -30, 90),
    pAmpMv: prior(p, 0, 0.03, 0.3),
    rAmpMv: prior(ii.r, 0, 0.3, 2),
    sAmpMv: prior(ii.s, 0, 0, 0.5),
    tAmpMv: prior(t, 0, 0.05, 0.8),
  };
}

/**
 * Support − label offsets for a label rule: the fitted annotated-lead ones (defaultOffsets); 'annotated-ludb'
 * puts every T offset LUDB_T_END_LATE_MS later than 'annotated-lead' and nothing else, so its QT offset is that
 * much smaller and its QT labels keep LUDB's distribution.
 */
export function offsetsFor(rule: LabelRule): Record<'prMs' | 'qrsMs' | 'qtMs', number> {
  const o = defaultOffsets();
  return rule === 'annotated-ludb' ? { ...o, qtMs: o.qtMs - LUDB_T_END_LATE_MS } : o;
}

/** The fitted support − annotated offsets (means), when fitted.ts has them. */
export function defaultOffsets(): Record<'prMs' | 'qrsMs' | 'qtMs', number> {
  const o = (FITTED as { supportMinusAnnotatedMs?: Record<'prMs' | 'qrsMs' | 'qtMs', FittedSummary> }).supportMinusAnnotatedMs;
  return o ? { prMs: o.prMs.mean, qrsMs: o.qrsMs.mean, qtMs: o.qtMs.mean } : { prMs: 0, qrsMs: 0, qtMs: 0 };
}

export { FITTED };
