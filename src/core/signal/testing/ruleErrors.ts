/**
 * Errors of the annotated label rule against manual wave boundaries on a real recording: beats from the
 * Pan–Tompkins detector (on the first lead given), each matched to the annotated QRS whose peak is within
 * 100 ms; the rule's fiducials minus the annotator's, in ms, per fiducial. With several leads the rule's
 * fiducials are combined by the global rule (earliest onset, latest offset), as for a single annotation set
 * drawn on all leads (QT database).
 */
import type { Annotation } from '../../formats/recording';
import { extractWaves, type Wave } from '../../formats/labels/intervals';
import { delineateBeat, windowFromRPeaks, type LeadFiducials } from '../annotate/delineate';
import { globalBeat, intervalsOf } from '../annotate/labelRules';
import type { EcgLabels } from '../types';
import { detectRPeaks } from './panTompkins';

export const FIDUCIALS = ['pOn', 'qrsOn', 'qrsOff', 'tOff'] as const;
export type Fiducial = (typeof FIDUCIALS)[number];
export type FiducialErrors = Record<Fiducial, number[]>;

export function emptyErrors(): FiducialErrors {
  return { pOn: [], qrsOn: [], qrsOff: [], tOff: [] };
}

/** Manual fiducials of each annotated QRS (sample indices; undefined where not marked). */
export function manualBeats(anns: Annotation[]): { peak: number; pOn?: number; qrsOn?: number; qrsOff?: number; tOff?: number }[] {
  const waves = extractWaves(anns);
  const qrs = waves.filter((w) => w.kind === 'QRS');
  return qrs.map((q, i) => {
    const prev = i > 0 ? qrs[i - 1].peak : -Infinity;
    const next = i + 1 < qrs.length ? qrs[i + 1].peak : Infinity;
    let p: Wave | undefined;
    for (const w of waves) if (w.kind === 'P' && w.peak > prev && w.peak < (q.onset ?? q.peak)) p = w;
    const t = waves.find((w) => w.kind === 'T' && w.peak > q.peak && w.peak < next);
    return { peak: q.peak, pOn: p?.onset, qrsOn: q.onset, qrsOff: q.offset, tOff: t?.offset };
  });
}

export function ruleErrors(leads: ArrayLike<number>[], fs: number, anns: Annotation[], into = emptyErrors()): FiducialErrors {
  const manual = manualBeats(anns);
  const n = leads[0].length;
  const peaks = detectRPeaks(leads[0], fs);
  const ms = 1000 / fs;
  for (let k = 0; k < peaks.length; k++) {
    const m = manual.find((b) => Math.abs(b.peak - peaks[k]) <= 0.1 * fs);
    if (!m) continue;
    const win = windowFromRPeaks(peaks[k], peaks[k - 1], peaks[k + 1], fs, n);
    const per: LeadFiducials[] = leads.map((x) => delineateBeat(x, fs, win));
    const f = per.length === 1 ? per[0] : globalBeat(per);
    for (const key of FIDUCIALS) {
      const ref = m[key];
      if (ref !== undefined && f[key] >= 0) into[key].push((f[key] - ref) * ms);
    }
  }
  return into;
}

export interface ErrorStats {
  n: number;
  mean: number;
  sd: number;
  median: number;
  /** share of |error| within the CSE tolerance of the fiducial */
  withinTol: number;
}

/** CSE tolerances (2 SD of the referees' spread; Willems et al. 1985), ms. P onset: 10.2 ms. */
export const CSE_TOLERANCE_MS: Record<Fiducial, number> = { pOn: 10.2, qrsOn: 6.5, qrsOff: 11.6, tOff: 30.6 };

export function errorStats(e: number[], tol: number): ErrorStats {
  const n = e.length;
  const mean = e.reduce((a, b) => a + b, 0) / Math.max(1, n);
  const sd = Math.sqrt(e.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, n - 1));
  const s = [...e].sort((a, b) => a - b);
  return { n, mean, sd, median: n ? s[n >> 1] : NaN, withinTol: e.filter((v) => Math.abs(v) <= tol).length / Math.max(1, n) };
}

/** Record intervals (ms) measured by the rule alone on a real recording: every detected beat, global over the leads given. */
export function ruleIntervals(leads: ArrayLike<number>[], fs: number): EcgLabels {
  const n = leads[0].length;
  const peaks = detectRPeaks(leads[0], fs);
  const beats = peaks.map((r, k) => {
    const win = windowFromRPeaks(r, peaks[k - 1], peaks[k + 1], fs, n);
    const per = leads.map((x) => delineateBeat(x, fs, win));
    return per.length === 1 ? per[0] : globalBeat(per);
  });
  const hr = peaks.length > 1 ? (60 * fs * (peaks.length - 1)) / (peaks[peaks.length - 1] - peaks[0]) : NaN;
  return intervalsOf(beats, fs, hr);
}
