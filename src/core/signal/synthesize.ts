/**
 * The designer engine: beat-by-beat sums of finite-support waves placed on an RR tachogram, rendered as a 3-D
 * heart vector and projected on the leads. The waves of a beat come from the record's beat template
 * (morphology/template.ts: normal waves, then the preset's pathology), each a lobe (morphology/lobe.ts) that is
 * exactly zero outside its support. See docs/synthesis.md.
 *
 * Fiducials are the support ends of each group, so the support labels are exact by construction:
 *   P on/off = P group support; QRS on/off = QRS group support (its waves span exactly [0, 1] of the beat's QRS
 *   duration); T on/off = T group support (the ST component ends at T off too); R peak = peak of the R wave.
 * Beat-to-beat jitter (params.jitter) scales each beat's QRS width, QT, PR and wave amplitudes by seeded
 * factors; the fiducials and labels follow each beat's own values.
 */
import { deriveLimbLeads, LEAD_II, LEADS_1, LEADS_12, INDEPENDENT_12, frontalVec, type Vec3 } from './leads';
import { addNoise, hasNoise } from './noise';
import { completeParams, qtForRr, validateParams } from './params';
import { makeRhythm } from './rhythm';
import { deriveSeed, Rng } from './rng';
import { annotateRecord } from './annotate/labelRules';
import { addLobe, type Canvas } from './morphology/lobe';
import { beatTemplate } from './morphology/template';
import type { Wave } from './morphology/types';
import type { AnnotatedLabels, BeatFiducials, EcgLabels, LabelRule, RecordOptions, SynthParams, SynthRecord } from './types';

/** ST component rises from this fraction of the QRS, so the J point carries the shift. */
const ST_RISE_FROM = 0.6;
/** Jitter factors are clipped to ±3 SD. */
const JITTER_CLIP = 3;

let scratch = new Float64Array(0);
let cleanScratch: Float32Array[] = [];

interface WeightedWave {
  w: number[];
  t: Wave['t'];
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
  const cv: Canvas = { ch, n: N, fs };

  const rhythmRng = new Rng(deriveSeed(opts.seed, 1));
  const morphRng = new Rng(deriveSeed(opts.seed, 2));
  const respPhase = 2 * Math.PI * morphRng.next();
  const seconds = N / fs;
  const afib = p.preset === 'afib';
  const meanRr = 60 / p.hrBpm;
  // Fixed margins (independent of morphology, so changing QT or PR never moves the beats): a beat's QT is
  // < 2 mean RR and its PR < 0.5 s, so beats starting in [-2 RR, seconds + 0.5] cover the whole record.
  const rhythm = makeRhythm(p, -2 * meanRr - 0.05, seconds + 0.5, rhythmRng, respPhase, (rrPrev) => qtForRr(p, rrPrev * 1000) / 1000 + 0.06);

  const tpl = beatTemplate(p);
  const wavesP = weigh(tpl.p, twelve);
  const wavesQrs = weigh(tpl.qrs, twelve);
  const wavesT = weigh(tpl.t, twelve);
  const wU = tpl.u ? weights(tpl.u.v, twelve) : null;
  const wSt = tpl.st ? weights(tpl.st, twelve) : null;
  const rT = tpl.qrs[tpl.rWave].t[1];
  const qrs = p.qrsMs / 1000;
  const pr = p.prMs / 1000;
  const pw = p.pWidthMs / 1000;
  const hasP = !afib && wavesP.length > 0;
  const jit = p.jitter;
  const jitRng = jit > 0 ? new Rng(deriveSeed(opts.seed, 4)) : null;
  const uDur = tpl.uMs / 1000;

  const beats: BeatFiducials[] = [];
  let qtSum = 0;
  let qrsSum = 0;
  let prSum = 0;
  let rFirst = -1;
  let rLast = -1;
  let rCount = 0;
  const lastIdx = N - 1;
  const fallbackQt: number[] = [];
  for (let i = 0; i < rhythm.count; i++) {
    const q = rhythm.qrsOn[i];
    const rrPrev = i > 0 ? q - rhythm.qrsOn[i - 1] : meanRr;
    // per-beat jitter (drawn for every beat, so a beat's waveform never depends on which beats are rendered)
    const gP = jitterFactor(jitRng, 2, jit);
    const gQrs = jitterFactor(jitRng, 2, jit);
    const gT = jitterFactor(jitRng, 2, jit);
    const qrsB = qrs * jitterFactor(jitRng, 1, jit);
    const qt = (qtForRr(p, rrPrev * 1000) / 1000) * jitterFactor(jitRng, 0.5, jit);
    const prB = Math.max(pw + 0.002, pr * jitterFactor(jitRng, 0.5, jit));
    const pOn = q - prB;
    const tOff = q + qt;
    if (tOff < 0 || (hasP ? pOn : q) > seconds) continue;
    if (hasP) render(cv, wavesP, pOn, pw, gP);
    render(cv, wavesQrs, q, qrsB, gQrs);
    const tDur = tpl.tFraction * Math.max(0.03, qt - qrsB);
    const tOn = tOff - tDur;
    const tPk = tOn + tpl.tPeak * tDur;
    if (wSt) addLobe(cv, wSt, 1, q + ST_RISE_FROM * qrsB, q + qrsB, tPk, tOff);
    render(cv, wavesT, tOn, tDur, gT);
    if (wU && tpl.u) addLobe(cv, wU, gT, tOff + tpl.u.t[0] * uDur, tOff + tpl.u.t[1] * uDur, tOff + tpl.u.t[2] * uDur, tOff + tpl.u.t[3] * uDur);

    const rPk = q + rT * qrsB;
    const ri = Math.round(rPk * fs);
    if (rPk >= 0 && rPk <= lastIdx / fs) {
      if (rCount === 0) rFirst = rPk;
      rLast = rPk;
      rCount++;
    }
    fallbackQt.push(qt);
    const first = hasP ? pOn : q;
    if (Math.round(first * fs) >= 0 && Math.round(tOff * fs) <= lastIdx) {
      beats.push({
        pOn: hasP ? Math.round(pOn * fs) : -1,
        pPeak: hasP ? Math.round((pOn + 0.5 * pw) * fs) : -1,
        pOff: hasP ? Math.round((pOn + pw) * fs) : -1,
        qrsOn: Math.round(q * fs),
        rPeak: ri,
        qrsOff: Math.round((q + qrsB) * fs),
        tOn: Math.round(tOn * fs),
        tPeak: Math.round(tPk * fs),
        tOff: Math.round(tOff * fs),
      });
      qtSum += qt;
      qrsSum += qrsB;
      prSum += prB;
    }
  }
  const annotate = labelRule !== 'support';
  const wF = weights(frontalVec(60, 0.6, p.fWaveMv), twelve);
  if (afib && p.fWaveMv > 0 && !annotate) addFibrillation(cv, wF, morphRng);

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
    pr_ms: hasP ? (beats.length > 0 ? (prSum / beats.length) * 1000 : p.prMs) : null,
    qrs_ms: beats.length > 0 ? (qrsSum / beats.length) * 1000 : p.qrsMs,
    qt_ms: qtMean * 1000,
  };
  let annotated: AnnotatedLabels | undefined;
  if (labelRule !== 'support') {
    annotated = annotateCleanLeads(ch, N, fs, twelve, beats, labels, labelRule);
    if (afib && p.fWaveMv > 0) addFibrillation(cv, wF, morphRng);
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

/** A wave's weights on the canvas channels: the heart vector (12 leads) or its lead-II projection (1 lead). */
function weights(v: Vec3, twelve: boolean): number[] {
  return twelve ? [v[0], v[1], v[2]] : [v[0] * LEAD_II[0] + v[1] * LEAD_II[1] + v[2] * LEAD_II[2]];
}

function weigh(ws: Wave[], twelve: boolean): WeightedWave[] {
  return ws.map((x) => ({ w: weights(x.v, twelve), t: x.t }));
}

/** One beat's jitter factor 1 + k·jitter·N(0, 1), the normal clipped to ±JITTER_CLIP (1 without jitter). */
function jitterFactor(rng: Rng | null, k: number, jit: number): number {
  return rng ? 1 + k * jit * Math.max(-JITTER_CLIP, Math.min(JITTER_CLIP, rng.normal())) : 1;
}

/** Renders a group of waves whose support times are fractions of `span` from t0. */
function render(cv: Canvas, ws: WeightedWave[], t0: number, span: number, gain: number): void {
  for (const x of ws) addLobe(cv, x.w, gain, t0 + x.t[0] * span, t0 + x.t[1] * span, t0 + x.t[2] * span, t0 + x.t[3] * span);
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
