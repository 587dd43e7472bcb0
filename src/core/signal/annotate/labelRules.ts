/**
 * Record labels under an annotation convention (docs/synthesis.md, "Label rules"):
 *  - 'support': the exact lobe supports of the generator (EcgLabels, unchanged);
 *  - 'annotated-lead': every beat delineated on the signal of one lead (lead II, the lead LUDB interval
 *    labels and the lab's real-intervals evaluation read), as LUDB annotates each lead on its own;
 *  - 'annotated-ludb': 'annotated-lead' with every T offset moved LUDB_T_END_LATE_MS later: on LUDB's lead II
 *    the cardiologists end the T wave that much after the tangent meets the line (bench/labelGap.ts, (e));
 *  - 'annotated-global': per beat, the earliest onset and the latest offset over the leads that show the
 *    wave (the CSE / PTB-XL+ 12SL global convention); leads whose P (< 30 µV) or T (< 50 µV) is too small to
 *    delineate do not vote for that wave.
 * Intervals are means over beats: PR = QRS on − P on, QRS = QRS off − QRS on, QT = T off − QRS on.
 */
import type { AnnotatedBeat, AnnotatedLabels, BeatFiducials, EcgLabels, LabelRule, LeadName } from '../types';
import { delineateBeat, type BeatWindow, type LeadFiducials } from './delineate';

const MIN_P_MV = 0.03;

/**
 * LUDB's T-end convention relative to the tangent method: mean over LUDB records 1–40 of (cardiologists' lead-II
 * QT − the tangent rule's QT on the same lead II as the lab reads it, 100 Hz), ms: +19.4 [95 % CI +6.3, +32.5],
 * n = 40 (bench/labelGap.ts prints it; the QRS and PR of the rule agree with the cardiologists within their
 * intervals there, so only the T end is moved).
 */
export const LUDB_T_END_LATE_MS = 19.4;
const MIN_T_MV = 0.05;

/** Search windows for a synthetic beat: its supports widened by margins (the boundaries come from the signal). */
export function windowFromSupport(b: BeatFiducials, fs: number, n: number): BeatWindow {
  const ms = (v: number) => Math.round((v * fs) / 1000);
  const first = b.pOn >= 0 ? b.pOn : b.qrsOn;
  return {
    r: b.rPeak,
    lo: Math.max(0, first - ms(40)),
    hi: Math.min(n - 1, b.tOff + ms(60)),
    pLo: b.pOn >= 0 ? Math.max(0, b.pOn - ms(20)) : undefined,
    pHi: b.pOn >= 0 ? b.pOff + ms(20) : undefined,
    tLo: b.tOn,
    tHi: b.tOff,
  };
}

function leadBeat(f: LeadFiducials): AnnotatedBeat {
  return { pOn: f.pOn, qrsOn: f.qrsOn, qrsOff: f.qrsOff, tOff: f.tOff };
}

/** Combines one beat's per-lead fiducials by the global rule (earliest onset, latest offset). */
export function globalBeat(per: LeadFiducials[]): AnnotatedBeat {
  let pOn = Infinity;
  let qrsOn = Infinity;
  let qrsOff = -Infinity;
  let tOff = -Infinity;
  for (const f of per) {
    if (f.qrsOn >= 0) qrsOn = Math.min(qrsOn, f.qrsOn);
    if (f.qrsOff >= 0) qrsOff = Math.max(qrsOff, f.qrsOff);
    if (f.pOn >= 0 && f.pAmp >= MIN_P_MV) pOn = Math.min(pOn, f.pOn);
    if (f.tOff >= 0 && f.tAmp >= MIN_T_MV) tOff = Math.max(tOff, f.tOff);
  }
  const fin = (v: number) => (Number.isFinite(v) ? v : -1);
  return { pOn: fin(pOn), qrsOn: fin(qrsOn), qrsOff: fin(qrsOff), tOff: fin(tOff) };
}

/** Interval means (ms) over beats; pr_ms null when no beat has a P onset. */
export function intervalsOf(beats: AnnotatedBeat[], fs: number, hr: number): EcgLabels {
  let pr = 0, np = 0, qrs = 0, nq = 0, qt = 0, nt = 0;
  for (const b of beats) {
    if (b.qrsOn < 0) continue;
    if (b.pOn >= 0) (pr += b.qrsOn - b.pOn), np++;
    if (b.qrsOff >= 0) (qrs += b.qrsOff - b.qrsOn), nq++;
    if (b.tOff >= 0) (qt += b.tOff - b.qrsOn), nt++;
  }
  const ms = 1000 / fs;
  return {
    hr_bpm: hr,
    pr_ms: np > 0 ? (pr / np) * ms : null,
    qrs_ms: nq > 0 ? (qrs / nq) * ms : NaN,
    qt_ms: nt > 0 ? (qt / nt) * ms : NaN,
  };
}

/**
 * Labels of a (clean) synthetic record under an annotated rule. `leads` are the record's clean leads in
 * `leadNames` order; `beats` its support fiducials, used only to place the search windows and to know
 * whether a beat has a P wave; `support` its exact labels (HR is kept: R peaks are unambiguous).
 */
export function annotateRecord(
  leads: ArrayLike<number>[],
  leadNames: readonly LeadName[],
  fs: number,
  beats: BeatFiducials[],
  support: EcgLabels,
  rule: Exclude<LabelRule, 'support'>,
): AnnotatedLabels {
  const n = leads[0].length;
  const ii = Math.max(0, leadNames.indexOf('II'));
  const dBuf = new Float64Array(n);
  const out: AnnotatedBeat[] = [];
  const tLate = rule === 'annotated-ludb' ? (LUDB_T_END_LATE_MS * fs) / 1000 : 0;
  for (const b of beats) {
    const win = windowFromSupport(b, fs, n);
    if (rule !== 'annotated-global' || leads.length === 1) {
      const f = leadBeat(delineateBeat(leads[ii], fs, win, dBuf));
      if (tLate > 0 && f.tOff >= 0) f.tOff += tLate;
      out.push(f);
    } else out.push(globalBeat(leads.map((x) => delineateBeat(x, fs, win, dBuf))));
  }
  const labels = intervalsOf(out, fs, support.hr_bpm);
  if (support.pr_ms === null) labels.pr_ms = null;
  if (!Number.isFinite(labels.qrs_ms)) labels.qrs_ms = support.qrs_ms;
  if (!Number.isFinite(labels.qt_ms)) labels.qt_ms = support.qt_ms;
  return { rule, labels, beats: out };
}
