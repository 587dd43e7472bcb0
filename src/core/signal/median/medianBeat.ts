/**
 * Median beat and fiducial points of a recording (all leads together).
 *
 * 1. Baseline removal per lead (./baseline), R peaks on the combined QRS energy (./rpeaks).
 * 2. Beat selection: a beat is kept when both RR intervals around it are within ±20 % of the median RR
 *    (drops premature beats and the beats after them) and its window lies inside the record.
 * 3. Alignment: each kept beat is shifted by up to ±20 ms to best match (least squares over all leads, QRS
 *    part ±100 ms) the first median; the median beat is the sample-wise median over the aligned beats, per lead,
 *    on the window −pre … +post around R (pre = min(300 ms, 0.45 RR), post = clamp(0.65 RR, 400, 650 ms)).
 * 4. Fiducials on the median beat, with v(t) = √Σ_leads (dx/dt)² (the spatial velocity) and
 *    vmax = max v within ±100 ms of R:
 *    - QRS onset: from the earliest sample within 60 ms before R where v ≥ 0.5·vmax, walking back, the start of
 *      the first run of 16 ms with v < 0.08·vmax; QRS offset: the same forwards from the latest sample within
 *      80 ms after R with v ≥ 0.5·vmax (searched up to 140 ms before / 200 ms after R). Thresholds: DEFAULT_RULES.
 *    - Isoelectric level per lead: the median beat's mean over the 10 ms before QRS onset.
 *    - T offset, tangent method: in the lead with the largest |T| (extremum from QRS offset + 60 ms to the
 *      window end), the tangent at the steepest point of the T wave's descending limb (up to 200 ms after
 *      the peak) crosses the isoelectric level at T offset.
 *    - P onset, tangent method mirrored: in the lead with the largest |P| (extremum from QRS onset − 300 ms
 *      to − 40 ms), the tangent at the steepest point of the ascending limb (up to 120 ms before the peak)
 *      crosses the isoelectric level at P onset. No P (absent when its amplitude is under 4 % of the QRS
 *      peak-to-peak amplitude, e.g. atrial fibrillation) → no pOn and no PR.
 * 5. Intervals: HR = 60 000 / mean RR over all RR intervals (a gap over 1.8× the median, a missed beat, is
 *    not one); PR = QRS on − P on; QRS = QRS off − QRS on; QT = T off − QRS on.
 */
import { removeBaseline } from './baseline';
import { detectBeats } from './rpeaks';

/** What medianBeat needs of a recording (Recording of src/core/formats has both fields). */
export interface MultiLeadSignal {
  fs: number;
  /** One array per lead, equal lengths (NaN = invalid sample). */
  signals: ArrayLike<number>[];
}

export interface MedianFiducials {
  pOn?: number;
  qrsOn: number;
  qrsOff: number;
  tOff?: number;
}

export interface MedianIntervals {
  hr_bpm: number;
  pr_ms?: number;
  qrs_ms: number;
  qt_ms?: number;
}

export interface MedianBeatResult {
  fs: number;
  /** R-peak sample indices of the recording (all detected beats). */
  beats: number[];
  /** RR intervals between consecutive detected beats, ms. */
  rr_ms: number[];
  /** Indices into `beats` of the beats averaged into the median. */
  used: number[];
  /** Samples of the median-beat window before R; R is at index `rIndex` of each median array. */
  rIndex: number;
  /** The median beat per lead (baseline removed), in the recording's units. */
  median: Float32Array[];
  /** Sample indices in the median beat. */
  fiducials: MedianFiducials;
  intervals: MedianIntervals;
}

export interface MedianBeatOptions {
  /** Leads whose median beats the fiducials are read from (default: all). */
  fiducialLeads?: number[];
  /** Thresholds of the QRS onset/offset rule (defaults in DEFAULT_RULES). */
  rules?: FiducialRules;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n ? (n % 2 ? s[n >> 1] : 0.5 * (s[n / 2 - 1] + s[n / 2])) : NaN;
};

/** Throws when fewer than 2 beats are found (no RR, no median beat). */
export function medianBeat(rec: MultiLeadSignal, opts: MedianBeatOptions = {}): MedianBeatResult {
  const { fs } = rec;
  const nLeads = rec.signals.length;
  if (!nLeads) throw new Error('medianBeat: the recording has no leads');
  const clean = rec.signals.map((s) => removeBaseline(s, fs));
  const n = clean[0].length;
  const beats = detectBeats(clean, fs);
  if (beats.length < 2) throw new Error(`medianBeat: ${beats.length} beat(s) found, need 2`);
  const rr = beats.slice(1).map((b, i) => b - beats[i]);
  const rrMed = median(rr);
  const ms = (samples: number) => Math.round((samples * fs) / 1000);
  const pre = Math.min(ms(300), Math.round(0.45 * rrMed));
  const post = Math.max(ms(400), Math.min(ms(650), Math.round(0.65 * rrMed)));
  const len = pre + post + 1;
  const shiftMax = ms(20);
  const ok = (r: number | undefined) => r !== undefined && Math.abs(r - rrMed) <= 0.2 * rrMed;
  let used: number[] = [];
  for (let i = 0; i < beats.length; i++) {
    const inside = beats[i] - pre - shiftMax >= 0 && beats[i] + post + shiftMax < n;
    const rrOk = (i === 0 || ok(rr[i - 1])) && (i === beats.length - 1 || ok(rr[i]));
    if (inside && rrOk) used.push(i);
  }
  if (!used.length) used = beats.map((_, i) => i).filter((i) => beats[i] - pre - shiftMax >= 0 && beats[i] + post + shiftMax < n);
  if (!used.length) throw new Error('medianBeat: no beat has a full window inside the recording');

  const medianOf = (shifts: number[]) =>
    clean.map((sig) => {
      const out = new Float32Array(len);
      const col: number[] = new Array(used.length);
      for (let t = 0; t < len; t++) {
        for (let k = 0; k < used.length; k++) col[k] = sig[beats[used[k]] + shifts[k] - pre + t];
        out[t] = median(col);
      }
      return out;
    });
  const zero = used.map(() => 0);
  const first = medianOf(zero);
  const qw = ms(100);
  const shifts = used.map((bi) => {
    let best = 0, bestErr = Infinity;
    for (let s = -shiftMax; s <= shiftMax; s++) {
      let err = 0;
      for (let l = 0; l < nLeads; l++) {
        const sig = clean[l], tpl = first[l];
        for (let t = pre - qw; t <= pre + qw; t++) {
          const d = sig[beats[bi] + s - pre + t] - tpl[t];
          err += d * d;
        }
      }
      if (err < bestErr) (bestErr = err), (best = s);
    }
    return best;
  });
  const med = medianOf(shifts);
  const leadsForFid = (opts.fiducialLeads ?? med.map((_, i) => i)).filter((i) => i >= 0 && i < nLeads);
  const fiducials = findFiducials(leadsForFid.map((i) => med[i]), fs, pre, opts.rules);

  const rrMs = rr.map((r) => (r * 1000) / fs);
  const rrValid = rr.filter((r) => r <= 1.8 * rrMed);
  const hr = 60000 / ((rrValid.reduce((a, b) => a + b, 0) / rrValid.length) * (1000 / fs));
  const toMs = (s: number) => (s * 1000) / fs;
  const intervals: MedianIntervals = { hr_bpm: hr, qrs_ms: toMs(fiducials.qrsOff - fiducials.qrsOn) };
  if (fiducials.pOn !== undefined) intervals.pr_ms = toMs(fiducials.qrsOn - fiducials.pOn);
  if (fiducials.tOff !== undefined) intervals.qt_ms = toMs(fiducials.tOff - fiducials.qrsOn);
  return { fs, beats, rr_ms: rrMs, used: used.map((u) => u), rIndex: pre, median: med, fiducials, intervals };
}

/** The rules of step 4 on median beats (R at index r). Fractional sample indices where a tangent is used. */
export interface FiducialRules {
  /** Steep part of the QRS: v ≥ hi·vmax (default 0.5). */
  hi: number;
  /** Quiet: v < lo·vmax (default 0.08). */
  lo: number;
  /** Length of the quiet run that ends the QRS, ms (default 16). */
  runMs: number;
}
export const DEFAULT_RULES: FiducialRules = { hi: 0.5, lo: 0.08, runMs: 16 };

export function findFiducials(med: Float32Array[], fs: number, r: number, rules: FiducialRules = DEFAULT_RULES): MedianFiducials {
  const len = med[0].length;
  const ms = (x: number) => Math.max(1, Math.round((x * fs) / 1000));
  const v = new Float64Array(len);
  for (let t = 1; t < len - 1; t++) {
    let s = 0;
    for (const m of med) {
      const d = (m[t + 1] - m[t - 1]) * 0.5;
      s += d * d;
    }
    v[t] = Math.sqrt(s);
  }
  let vmax = 0;
  for (let t = Math.max(1, r - ms(100)); t <= Math.min(len - 2, r + ms(100)); t++) vmax = Math.max(vmax, v[t]);
  const hi = rules.hi * vmax, lo = rules.lo * vmax, run = ms(rules.runMs);
  const onLimit = Math.max(1, r - ms(140)), offLimit = Math.min(len - 2, r + ms(200));
  // the outermost steep samples near R, then outwards to the first quiet run
  let a = r, b = r;
  for (let t = Math.max(1, r - ms(60)); t <= r; t++) if (v[t] >= hi) { a = t; break; }
  for (let t = Math.min(len - 2, r + ms(80)); t >= r; t--) if (v[t] >= hi) { b = t; break; }
  let qrsOn = onLimit;
  for (let t = a, quiet = 0; t >= onLimit; t--) {
    quiet = v[t] < lo ? quiet + 1 : 0;
    if (quiet >= run) {
      qrsOn = t + run - 1;
      break;
    }
  }
  let qrsOff = offLimit;
  for (let t = b, quiet = 0; t <= offLimit; t++) {
    quiet = v[t] < lo ? quiet + 1 : 0;
    if (quiet >= run) {
      qrsOff = t - run + 1;
      break;
    }
  }
  const iso = med.map((m) => {
    let s = 0, k = 0;
    for (let t = Math.max(0, qrsOn - ms(10)); t <= qrsOn; t++) (s += m[t]), k++;
    return s / k;
  });
  let qrsPp = 0;
  for (const m of med) {
    let mn = Infinity, mx = -Infinity;
    for (let t = qrsOn; t <= qrsOff; t++) (mn = Math.min(mn, m[t])), (mx = Math.max(mx, m[t]));
    qrsPp = Math.max(qrsPp, mx - mn);
  }
  const out: MedianFiducials = { qrsOn, qrsOff };
  const tOff = tangentCrossing(med, iso, qrsOff + ms(60), len - 2, ms(200), +1);
  if (tOff !== undefined) out.tOff = tOff.at;
  const p = tangentCrossing(med, iso, Math.max(1, qrsOn - ms(300)), qrsOn - ms(40), ms(120), -1);
  if (p !== undefined && p.amp >= 0.04 * qrsPp) out.pOn = p.at;
  return out;
}

/**
 * In the lead with the largest |x − iso| on [from, to], the tangent at the steepest point on the wave's far
 * limb (after the peak for dir +1, before it for dir −1, within `reach` samples) crosses iso at `at`.
 */
function tangentCrossing(med: Float32Array[], iso: number[], from: number, to: number, reach: number, dir: 1 | -1): { at: number; amp: number } | undefined {
  if (to - from < 4) return undefined;
  let bestLead = -1, peak = -1, amp = 0;
  med.forEach((m, l) => {
    for (let t = from; t <= to; t++) {
      const d = Math.abs(m[t] - iso[l]);
      if (d > amp) (amp = d), (peak = t), (bestLead = l);
    }
  });
  if (bestLead < 0) return undefined;
  const m = med[bestLead];
  const sign = Math.sign(m[peak] - iso[bestLead]);
  // steepest return towards the baseline on the far limb
  let tS = -1, sBest = 0;
  const end = dir > 0 ? Math.min(m.length - 2, peak + reach) : Math.max(1, peak - reach);
  for (let t = peak + dir; dir > 0 ? t <= end : t >= end; t += dir) {
    const slope = (m[t + 1] - m[t - 1]) * 0.5;
    const towards = -sign * slope * dir; // > 0 when moving back to the baseline away from the peak
    if (towards > sBest) (sBest = towards), (tS = t);
  }
  if (tS < 0 || sBest <= 0) return undefined;
  const slope = (m[tS + 1] - m[tS - 1]) * 0.5;
  const at = tS + (iso[bestLead] - m[tS]) / slope;
  if (!Number.isFinite(at)) return undefined;
  const lim = dir > 0 ? Math.min(m.length - 1, Math.max(peak, at)) : Math.max(0, Math.min(peak, at));
  return { at: lim, amp };
}
