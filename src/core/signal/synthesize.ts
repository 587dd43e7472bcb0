/**
 * The designer engine: beat-by-beat sums of finite-support asymmetric waves (P, Q, R, S, R', ST, T) placed
 * on an RR tachogram, rendered as a 3-D heart vector and projected on the leads. See docs/synthesis.md.
 *
 * Every wave w is a "lobe" with support [on, off]: a raised-cosine rise on [on, pk1], a plateau on
 * [pk1, pk2] (only the ST component has one) and a raised-cosine fall on [pk2, off]; it is exactly zero
 * outside its support. Fiducials are the support ends, so labels are exact by construction:
 *   P on/off = P wave support; QRS on = Q wave onset; QRS off = offset of the last QRS wave (S, or R');
 *   T off = T wave offset (the ST component ends there too); R peak = peak of the R wave.
 */
import { deriveLimbLeads, frontalVec, INDEPENDENT_12, LEAD_II, LEADS_1, LEADS_12, type Vec3 } from './leads';
import { addNoise, hasNoise } from './noise';
import { completeParams, qtForRr, validateParams } from './params';
import { makeRhythm } from './rhythm';
import { deriveSeed, Rng } from './rng';
import { annotateRecord } from './annotate/labelRules';
import type { AnnotatedLabels, BeatFiducials, EcgLabels, LabelRule, RecordOptions, SynthParams, SynthRecord } from './types';

/** QRS wave layouts as fractions of the QRS duration: [on, peak, off]. */
const QRS_PLAIN = { q: [0, 0.15, 0.3], r: [0.12, 0.42, 0.68], s: [0.5, 0.72, 1] } as const;
const QRS_RSR = { q: [0, 0.1, 0.22], r: [0.08, 0.28, 0.5], s: [0.36, 0.52, 0.7], r2: [0.56, 0.8, 1] } as const;
/** T wave width as a fraction of (QT − QRS); the rest is the isoelectric ST segment. T peak at 60 % of it. */
const T_FRACTION = 0.62;
const T_PEAK = 0.6;
/** ST component rises from this fraction of the QRS, so the J point carries the shift. */
const ST_RISE_FROM = 0.6;

let scratch = new Float64Array(0);
let cleanScratch: Float32Array[] = [];

/** Channels the waves are rendered into: lead II only (1 channel) or the heart vector (x, y, z). */
interface Canvas {
  ch: Float64Array[];
  n: number;
  fs: number;
  /** Maps a heart-vector direction to per-channel weights. */
  weights(v: Vec3): number[];
}

function addLobe(cv: Canvas, w: number[], on: number, pk1: number, pk2: number, off: number): void {
  const fs = cv.fs;
  const last = cv.n - 1;
  let n = Math.max(0, Math.ceil(on * fs));
  const nPk1 = Math.min(last, Math.floor(pk1 * fs));
  const nPk2 = Math.min(last, Math.floor(pk2 * fs));
  const nOff = Math.min(last, Math.floor(off * fs));
  const nc = w.length;
  const c0 = cv.ch[0];
  const c1 = nc > 1 ? cv.ch[1] : c0;
  const c2 = nc > 2 ? cv.ch[2] : c0;
  const w0 = w[0];
  const w1 = nc > 1 ? w[1] : 0;
  const w2 = nc > 2 ? w[2] : 0;
  const kRise = Math.PI / ((pk1 - on) * fs);
  const kFall = Math.PI / ((off - pk2) * fs);
  const onS = on * fs;
  const pk2S = pk2 * fs;
  for (; n <= nPk1 && n <= last; n++) {
    const s = 0.5 - 0.5 * Math.cos(kRise * (n - onS));
    if (nc === 1) c0[n] += w0 * s;
    else {
      c0[n] += w0 * s;
      c1[n] += w1 * s;
      c2[n] += w2 * s;
    }
  }
  for (; n <= nPk2; n++) {
    if (nc === 1) c0[n] += w0;
    else {
      c0[n] += w0;
      c1[n] += w1;
      c2[n] += w2;
    }
  }
  for (; n <= nOff; n++) {
    const s = 0.5 + 0.5 * Math.cos(kFall * (n - pk2S));
    if (nc === 1) c0[n] += w0 * s;
    else {
      c0[n] += w0 * s;
      c1[n] += w1 * s;
      c2[n] += w2 * s;
    }
  }
}

/** Heart-vector directions (frontal angle, anterior component) of each wave; amplitude = frontal magnitude. */
function waveVectors(p: Required<SynthParams>) {
  const ax = p.axisDeg;
  return {
    p: frontalVec(55, -0.3, p.pAmpMv),
    q: frontalVec(ax + 200, 0.5, p.qAmpMv),
    r: frontalVec(ax, -0.15, p.rAmpMv),
    s: frontalVec(ax + 150, -0.6, p.sAmpMv),
    r2: frontalVec(200, 0.9, p.rPrimeMv),
    st: frontalVec(60, 0, p.stShiftMv),
    t: frontalVec(ax - 15, 0.35, p.tAmpMv * p.tPolarity),
    f: frontalVec(60, 0.6, p.fWaveMv),
  };
}

export interface RenderResult {
  beats: BeatFiducials[];
  labels: EcgLabels;
  /** Labels under the annotated rule asked for (absent for 'support'). */
  annotated?: AnnotatedLabels;
}

/** Number of samples of a record. */
export function recordLength(opts: Pick<RecordOptions, 'fs' | 'seconds'>): number {
  return Math.round(opts.seconds * opts.fs);
}

/** Lead names of a layout. */
export function leadNamesFor(leads: RecordOptions['leads']) {
  return leads === '12' ? [...LEADS_12] : [...LEADS_1];
}

/**
 * Renders one record into caller-provided Float32Arrays (one per lead, each recordLength(opts) long; they are
 * overwritten). Used by synthesize() and by the dataset generator to write straight into its big array.
 * With an annotated labelRule, the clean leads (no noise, no fibrillatory baseline: what the annotator reads
 * through) are projected once more and delineated; the output signals are bit-identical for every rule.
 */
export function synthesizeInto(params: SynthParams, opts: RecordOptions, out: Float32Array[], validate = true, labelRule: LabelRule = 'support'): RenderResult {
  if (validate) validateParams(params, opts);
  const p = completeParams(params);
  const fs = opts.fs;
  const N = recordLength(opts);
  const twelve = opts.leads === '12';
  const nCh = twelve ? 3 : 1;
  if (out.length !== (twelve ? 12 : 1)) throw new Error(`synthesizeInto: expected ${twelve ? 12 : 1} output leads, got ${out.length}`);
  if (scratch.length < nCh * N) scratch = new Float64Array(nCh * N);
  const ch: Float64Array[] = [];
  for (let c = 0; c < nCh; c++) {
    const a = scratch.subarray(c * N, (c + 1) * N);
    a.fill(0);
    ch.push(a);
  }
  const cv: Canvas = {
    ch,
    n: N,
    fs,
    weights: twelve ? (v) => [v[0], v[1], v[2]] : (v) => [v[0] * LEAD_II[0] + v[1] * LEAD_II[1] + v[2] * LEAD_II[2]],
  };

  const rhythmRng = new Rng(deriveSeed(opts.seed, 1));
  const morphRng = new Rng(deriveSeed(opts.seed, 2));
  const respPhase = 2 * Math.PI * morphRng.next();
  const seconds = N / fs;
  const afib = p.preset === 'afib';
  const meanRr = 60 / p.hrBpm;
  // Fixed margins (independent of morphology, so changing QT or PR never moves the beats): a beat's QT is
  // < 2 mean RR and its PR < 0.5 s, so beats starting in [-2 RR, seconds + 0.5] cover the whole record.
  const rhythm = makeRhythm(p, -2 * meanRr - 0.05, seconds + 0.5, rhythmRng, respPhase, (rrPrev) => qtForRr(p, rrPrev * 1000) / 1000 + 0.06);

  const vec = waveVectors(p);
  const wP = cv.weights(vec.p);
  const wQ = cv.weights(vec.q);
  const wR = cv.weights(vec.r);
  const wS = cv.weights(vec.s);
  const wR2 = cv.weights(vec.r2);
  const wSt = cv.weights(vec.st);
  const wT = cv.weights(vec.t);
  const layout = p.rPrimeMv > 0 ? QRS_RSR : QRS_PLAIN;
  const qrs = p.qrsMs / 1000;
  const pr = p.prMs / 1000;
  const pw = p.pWidthMs / 1000;
  const hasP = !afib && p.pAmpMv > 0;
  const hasSt = p.stShiftMv !== 0;

  const beats: BeatFiducials[] = [];
  let qtSum = 0;
  let rFirst = -1;
  let rLast = -1;
  let rCount = 0;
  const idx = (t: number) => Math.round(t * fs);
  const lastIdx = N - 1;
  const fallbackQt: number[] = [];
  for (let i = 0; i < rhythm.count; i++) {
    const q = rhythm.qrsOn[i];
    const rrPrev = i > 0 ? q - rhythm.qrsOn[i - 1] : meanRr;
    const qt = qtForRr(p, rrPrev * 1000) / 1000;
    const pOn = q - pr;
    const tOff = q + qt;
    if (tOff < 0 || (hasP ? pOn : q) > seconds) continue;
    // P wave
    if (hasP) addLobe(cv, wP, pOn, pOn + 0.5 * pw, pOn + 0.5 * pw, pOn + pw);
    // QRS
    addLobe(cv, wQ, q + layout.q[0] * qrs, q + layout.q[1] * qrs, q + layout.q[1] * qrs, q + layout.q[2] * qrs);
    addLobe(cv, wR, q + layout.r[0] * qrs, q + layout.r[1] * qrs, q + layout.r[1] * qrs, q + layout.r[2] * qrs);
    addLobe(cv, wS, q + layout.s[0] * qrs, q + layout.s[1] * qrs, q + layout.s[1] * qrs, q + layout.s[2] * qrs);
    if ('r2' in layout) addLobe(cv, wR2, q + layout.r2[0] * qrs, q + layout.r2[1] * qrs, q + layout.r2[1] * qrs, q + layout.r2[2] * qrs);
    // ST-T
    const tDur = T_FRACTION * (qt - qrs);
    const tOn = tOff - tDur;
    const tPk = tOn + T_PEAK * tDur;
    if (hasSt) addLobe(cv, wSt, q + ST_RISE_FROM * qrs, q + qrs, tPk, tOff);
    addLobe(cv, wT, tOn, tPk, tPk, tOff);

    const rPk = q + layout.r[1] * qrs;
    const ri = idx(rPk);
    if (rPk >= 0 && rPk <= lastIdx / fs) {
      if (rCount === 0) rFirst = rPk;
      rLast = rPk;
      rCount++;
    }
    fallbackQt.push(qt);
    const first = hasP ? pOn : q;
    if (idx(first) >= 0 && idx(tOff) <= lastIdx) {
      beats.push({
        pOn: hasP ? idx(pOn) : -1,
        pPeak: hasP ? idx(pOn + 0.5 * pw) : -1,
        pOff: hasP ? idx(pOn + pw) : -1,
        qrsOn: idx(q),
        rPeak: ri,
        qrsOff: idx(q + qrs),
        tOn: idx(tOn),
        tPeak: idx(tPk),
        tOff: idx(tOff),
      });
      qtSum += qt;
    }
  }
  const annotateClean = labelRule !== 'support' ? (support: EcgLabels) => annotateCleanLeads(ch, N, fs, twelve, beats, support, labelRule) : null;
  if (afib && p.fWaveMv > 0 && !annotateClean) addFibrillation(cv, cv.weights(vec.f), morphRng);

  // Labels: means over beats (see docs/synthesis.md).
  let hr: number;
  if (rCount >= 2) hr = (60 * (rCount - 1)) / (rLast - rFirst);
  else {
    const q = rhythm.qrsOn;
    hr = (60 * (rhythm.count - 1)) / (q[rhythm.count - 1] - q[0]);
  }
  const qtMean = beats.length > 0 ? qtSum / beats.length : fallbackQt.reduce((a, b) => a + b, 0) / Math.max(1, fallbackQt.length);
  const labels: EcgLabels = {
    hr_bpm: hr,
    pr_ms: hasP ? p.prMs : null,
    qrs_ms: p.qrsMs,
    qt_ms: qtMean * 1000,
  };
  let annotated: AnnotatedLabels | undefined;
  if (annotateClean) {
    annotated = annotateClean(labels);
    if (afib && p.fWaveMv > 0) addFibrillation(cv, cv.weights(vec.f), morphRng);
  }

  // Project to leads and add noise.
  const noisy = hasNoise(opts.noise);
  const noiseRng = noisy ? new Rng(deriveSeed(opts.seed, 3)) : null;
  if (!twelve) {
    const o = out[0];
    const c0 = ch[0];
    for (let n = 0; n < N; n++) o[n] = c0[n];
    if (noiseRng) addNoise(o, fs, opts.noise, noiseRng, p.respHz, respPhase);
  } else {
    const [X, Y, Z] = ch;
    for (const { name, vec: lv } of INDEPENDENT_12) {
      const o = out[LEADS_12.indexOf(name)];
      const a = lv[0];
      const b = lv[1];
      const c = lv[2];
      for (let n = 0; n < N; n++) o[n] = a * X[n] + b * Y[n] + c * Z[n];
      if (noiseRng) addNoise(o, fs, opts.noise, noiseRng, p.respHz, respPhase);
    }
    deriveLimbLeads(out);
  }
  return annotated ? { beats, labels, annotated } : { beats, labels };
}

/** Projects the clean channels on the record's leads (scratch buffers) and applies the annotated rule. */
function annotateCleanLeads(
  ch: Float64Array[],
  N: number,
  fs: number,
  twelve: boolean,
  beats: BeatFiducials[],
  support: EcgLabels,
  rule: Exclude<LabelRule, 'support'>,
): AnnotatedLabels {
  const nLeads = twelve ? 12 : 1;
  if (cleanScratch.length !== nLeads || cleanScratch[0].length !== N) cleanScratch = Array.from({ length: nLeads }, () => new Float32Array(N));
  const leads = cleanScratch;
  if (!twelve) {
    const c0 = ch[0];
    for (let n = 0; n < N; n++) leads[0][n] = c0[n];
  } else {
    const [X, Y, Z] = ch;
    for (const { name, vec: lv } of INDEPENDENT_12) {
      const o = leads[LEADS_12.indexOf(name)];
      for (let n = 0; n < N; n++) o[n] = lv[0] * X[n] + lv[1] * Y[n] + lv[2] * Z[n];
    }
    deriveLimbLeads(leads);
  }
  return annotateRecord(leads, twelve ? LEADS_12 : LEADS_1, fs, beats, support, rule);
}

/** AF-like fibrillatory baseline: two 4–9 Hz components with a slow amplitude modulation (part of the ECG). */
function addFibrillation(cv: Canvas, w: number[], rng: Rng): void {
  const f1 = rng.uniform(4.5, 7.5);
  const f2 = f1 * rng.uniform(1.3, 1.6);
  const ph1 = 2 * Math.PI * rng.next();
  const ph2 = 2 * Math.PI * rng.next();
  const ph3 = 2 * Math.PI * rng.next();
  const fs = cv.fs;
  for (let n = 0; n < cv.n; n++) {
    const t = n / fs;
    const s =
      (0.75 * Math.sin(2 * Math.PI * f1 * t + ph1) + 0.35 * Math.sin(2 * Math.PI * f2 * t + ph2)) *
      (0.8 + 0.2 * Math.sin(2 * Math.PI * 0.2 * t + ph3));
    for (let c = 0; c < w.length; c++) cv.ch[c][n] += w[c] * s;
  }
}

/** Synthesises one record (validated; throws ParamError for impossible parameters). */
export function synthesize(params: SynthParams, opts: RecordOptions, labelRule: LabelRule = 'support'): SynthRecord {
  validateParams(params, opts);
  const N = recordLength(opts);
  const leadNames = leadNamesFor(opts.leads);
  const signals = leadNames.map(() => new Float32Array(N));
  const { beats, labels, annotated } = synthesizeInto(params, opts, signals, false, labelRule);
  const rec: SynthRecord = { fs: opts.fs, nSamples: N, leadNames, signals, beats, labels, params: completeParams(params) };
  if (annotated) rec.annotated = annotated;
  return rec;
}
