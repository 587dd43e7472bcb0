/**
 * The Bland–Altman plot's view model (pure, tested in Node): per record the mean of the two methods against
 * their difference pred − true, the bias line, the limits of agreement, the IEC tolerance band on the bias
 * (|mean difference| ≤ tolerance) and the axis ranges that hold them all.
 */
import type { Prediction, TargetAgreement } from '../../core/experiment/contract';
import { niceTicks } from './chartKit';

export interface BlandAltmanView {
  points: { x: number; y: number }[];
  bias: number;
  loa: [number, number];
  /** ±tolerance of the mean difference (IEC), when the target has one. */
  band?: [number, number];
  x: { domain: [number, number]; ticks: number[] };
  y: { domain: [number, number]; ticks: number[] };
}

export const MAX_BA_POINTS = 400;

export function blandAltmanView(p: Prediction, a: TargetAgreement): BlandAltmanView {
  const points: { x: number; y: number }[] = [];
  for (let i = 0; i < p.true.length; i++) {
    const t = p.true[i];
    const q = p.pred[i];
    if (t === null || q === null || !Number.isFinite(t) || !Number.isFinite(q)) continue;
    points.push({ x: (t + q) / 2, y: q - t });
  }
  const kept = points.length <= MAX_BA_POINTS ? points : Array.from({ length: MAX_BA_POINTS }, (_, i) => points[Math.floor((i * points.length) / MAX_BA_POINTS)]);
  const band: [number, number] | undefined = a.iec ? [-a.iec.tolerance.maxAbsMean, a.iec.tolerance.maxAbsMean] : undefined;
  const loa: [number, number] = [a.loaLower, a.loaUpper];
  const ys = [...kept.map((q) => q.y), a.meanDiff, ...loa.filter(Number.isFinite), ...(band ?? []), 0];
  const xs = kept.map((q) => q.x);
  const x = niceTicks(xs.length ? Math.min(...xs) : 0, xs.length ? Math.max(...xs) : 1, 5);
  const y = niceTicks(Math.min(...ys), Math.max(...ys), 5);
  return { points: kept, bias: a.meanDiff, loa, ...(band ? { band } : {}), x, y };
}
