/**
 * Interval-measurement tolerances of IEC 60601-2-51 for analysing electrocardiographs (on the CSE database), as
 * commonly quoted: PR and QRS duration mean difference within ±10 ms with SD of the differences ≤ 10 ms; QT within
 * ±25 ms with SD ≤ 30 ms. Heart rate has no tolerance in this list (verdict null).
 */
import type { Agreement } from './blandAltman';

export interface Tolerance {
  /** Largest allowed |mean difference| (ms). */
  maxAbsMean: number;
  /** Largest allowed SD of the differences (ms). */
  maxSd: number;
}

export const IEC_60601_2_51: Readonly<Record<string, Tolerance>> = {
  pr_ms: { maxAbsMean: 10, maxSd: 10 },
  qrs_ms: { maxAbsMean: 10, maxSd: 10 },
  qt_ms: { maxAbsMean: 25, maxSd: 30 },
};

export const IEC_SOURCE = 'IEC 60601-2-51 (as commonly quoted)';

export interface ToleranceVerdict {
  tolerance: Tolerance;
  meanOk: boolean;
  sdOk: boolean;
  /** Both within tolerance. */
  pass: boolean;
}

/** The verdict for one target's agreement; null when the target has no tolerance or the SD is undefined. */
export function iecVerdict(target: string, a: Pick<Agreement, 'meanDiff' | 'sdDiff'>): ToleranceVerdict | null {
  const tol = IEC_60601_2_51[target];
  if (!tol || !Number.isFinite(a.meanDiff) || !Number.isFinite(a.sdDiff)) return null;
  const meanOk = Math.abs(a.meanDiff) <= tol.maxAbsMean;
  const sdOk = a.sdDiff <= tol.maxSd;
  return { tolerance: tol, meanOk, sdOk, pass: meanOk && sdOk };
}
