/**
 * Designer parameters: allowed ranges (the UI builds its sliders from PARAM_RANGES), presets and validation.
 */
import {
  ALLOWED_FS,
  MORPHOLOGY_PRESETS,
  type MorphologyPreset,
  type NoiseParams,
  type RecordOptions,
  type SynthParams,
} from './types';

export interface ParamRange {
  min: number;
  max: number;
  step: number;
  unit: string;
  label: string;
}

type NumericKeys<T> = { [K in keyof T]-?: NonNullable<T[K]> extends number ? K : never }[keyof T];
export type NumericParam = NumericKeys<SynthParams>;
export type NoiseLevelParam = Exclude<NumericKeys<NoiseParams>, 'powerlineHz'>;

export const PARAM_RANGES: Record<NumericParam, ParamRange> = {
  hrBpm: { min: 20, max: 300, step: 1, unit: 'bpm', label: 'Heart rate' },
  rrStdMs: { min: 0, max: 300, step: 1, unit: 'ms', label: 'RR standard deviation (HRV)' },
  lfHfRatio: { min: 0.1, max: 10, step: 0.1, unit: '', label: 'LF/HF ratio' },
  rsaMs: { min: 0, max: 150, step: 1, unit: 'ms', label: 'Respiratory sinus arrhythmia' },
  prMs: { min: 60, max: 450, step: 1, unit: 'ms', label: 'PR interval' },
  qrsMs: { min: 40, max: 240, step: 1, unit: 'ms', label: 'QRS duration' },
  qtMs: { min: 180, max: 700, step: 1, unit: 'ms', label: 'QT interval (QTc unless direct)' },
  pWidthMs: { min: 40, max: 200, step: 1, unit: 'ms', label: 'P wave width' },
  pAmpMv: { min: 0, max: 0.6, step: 0.01, unit: 'mV', label: 'P amplitude' },
  rAmpMv: { min: 0.1, max: 4, step: 0.05, unit: 'mV', label: 'R amplitude' },
  tAmpMv: { min: 0, max: 1.5, step: 0.01, unit: 'mV', label: 'T amplitude' },
  stShiftMv: { min: -0.6, max: 0.6, step: 0.01, unit: 'mV', label: 'ST shift' },
  tPolarity: { min: -1, max: 1, step: 2, unit: '', label: 'T polarity' },
  axisDeg: { min: -90, max: 180, step: 1, unit: '°', label: 'Electrical axis' },
  qAmpMv: { min: 0, max: 1, step: 0.01, unit: 'mV', label: 'q amplitude' },
  sAmpMv: { min: 0, max: 2, step: 0.01, unit: 'mV', label: 's amplitude' },
  rPrimeMv: { min: 0, max: 2, step: 0.01, unit: 'mV', label: "R' amplitude (BBB-like)" },
  fWaveMv: { min: 0, max: 0.4, step: 0.01, unit: 'mV', label: 'Fibrillatory wave amplitude (AF)' },
  respHz: { min: 0.1, max: 0.6, step: 0.01, unit: 'Hz', label: 'Respiration rate' },
  uAmpMv: { min: 0, max: 0.3, step: 0.01, unit: 'mV', label: 'U wave amplitude' },
  fragMv: { min: 0, max: 0.5, step: 0.01, unit: 'mV', label: 'QRS fragmentation notch' },
  jitter: { min: 0, max: 0.1, step: 0.005, unit: '', label: 'Beat-to-beat morphology jitter' },
};

export const NOISE_RANGES: Record<NoiseLevelParam, ParamRange> = {
  baselineMv: { min: 0, max: 2, step: 0.01, unit: 'mV', label: 'Baseline wander' },
  powerlineMv: { min: 0, max: 1, step: 0.005, unit: 'mV', label: 'Power-line interference' },
  emgMv: { min: 0, max: 1, step: 0.005, unit: 'mV', label: 'Muscle (EMG) noise RMS' },
  motionMv: { min: 0, max: 3, step: 0.01, unit: 'mV', label: 'Electrode-motion bursts' },
};

export const SECONDS_RANGE = { min: 1, max: 600 };

export const DEFAULT_NOISE: NoiseParams = {
  baselineMv: 0.1,
  powerlineMv: 0.02,
  powerlineHz: 50,
  emgMv: 0.02,
  motionMv: 0.1,
};

/** Default record options of the designer: 10 s, 12 leads at 500 Hz, mild noise. */
export const DEFAULT_RECORD_OPTIONS: RecordOptions = { fs: 500, seconds: 10, leads: '12', seed: 1, noise: DEFAULT_NOISE };

export const NO_NOISE: NoiseParams = { baselineMv: 0, powerlineMv: 0, powerlineHz: 50, emgMv: 0, motionMv: 0 };

/** The default designer state (normal sinus rhythm). QT is given as QTc (Bazett) by default. */
const NORMAL: Required<SynthParams> = {
  preset: 'normal',
  hrBpm: 70,
  rrStdMs: 25,
  lfHfRatio: 1.5,
  rsaMs: 15,
  prMs: 160,
  qrsMs: 90,
  qtMs: 410,
  qtMode: 'bazett',
  pWidthMs: 100,
  pAmpMv: 0.15,
  rAmpMv: 1.2,
  tAmpMv: 0.3,
  stShiftMv: 0,
  tPolarity: 1,
  axisDeg: 60,
  qAmpMv: 0.1,
  sAmpMv: 0.25,
  rPrimeMv: 0,
  fWaveMv: 0,
  respHz: 0.25,
  uAmpMv: 0,
  fragMv: 0,
  jitter: 0.02,
};

const PRESET_CHANGES: Record<MorphologyPreset, Partial<SynthParams>> = {
  normal: {},
  sinus_brady: { hrBpm: 45, rrStdMs: 35 },
  sinus_tachy: { hrBpm: 125, rrStdMs: 10, rsaMs: 4, prMs: 140, pWidthMs: 90 },
  av_block_1: { prMs: 280 },
  bbb: { qrsMs: 150, rPrimeMv: 0.5, sAmpMv: 0.45, tPolarity: -1, tAmpMv: 0.2 },
  long_qt: { qtMs: 520 },
  st_elevation: { stShiftMv: 0.25 },
  st_depression: { stShiftMv: -0.2 },
  t_inversion: { tPolarity: -1, tAmpMv: 0.3 },
  afib: { hrBpm: 95, rrStdMs: 140, rsaMs: 0, pAmpMv: 0, fWaveMv: 0.08 },
  // Pathologies (templates in pathology/pathologies.ts); qAmpMv of the MI presets is the infarct Q vector.
  mi_anterior: { qrsMs: 105, qAmpMv: 0.5, stShiftMv: 0.2, tAmpMv: 0.35 },
  mi_inferior: { qrsMs: 105, qAmpMv: 0.5, stShiftMv: 0.15, tAmpMv: 0.3, axisDeg: 0 },
  mi_lateral: { qrsMs: 105, qAmpMv: 0.5, stShiftMv: 0.15, tAmpMv: 0.3, axisDeg: 100 },
  lvh: { rAmpMv: 1.8, sAmpMv: 0.5, axisDeg: 30, qrsMs: 105, tPolarity: -1, tAmpMv: 0.25, stShiftMv: -0.1 },
  rbbb: { qrsMs: 140, rPrimeMv: 0.6, qAmpMv: 0.1, tAmpMv: 0.2 },
  lbbb: { qrsMs: 150, qAmpMv: 0, rAmpMv: 1.4, sAmpMv: 0, tAmpMv: 0.35, stShiftMv: 0.1 },
  lafb: { axisDeg: -65, qAmpMv: 0.15, sAmpMv: 0.1, qrsMs: 100 },
  wpw: { prMs: 100, pWidthMs: 75, qrsMs: 125 },
};

export function presetParams(preset: MorphologyPreset): Required<SynthParams> {
  if (!MORPHOLOGY_PRESETS.includes(preset)) throw new ParamError('preset', `preset must be one of ${MORPHOLOGY_PRESETS.join(', ')}, got "${String(preset)}"`);
  return { ...NORMAL, ...PRESET_CHANGES[preset], preset };
}

/** Fills the optional morphology fields with the defaults of the params' preset. */
export function completeParams(p: SynthParams): Required<SynthParams> {
  // the preset's defaults are only built when a field is missing (params from presetParams have them all)
  const complete =
    p.qAmpMv !== undefined && p.sAmpMv !== undefined && p.rPrimeMv !== undefined && p.fWaveMv !== undefined &&
    p.respHz !== undefined && p.uAmpMv !== undefined && p.fragMv !== undefined && p.jitter !== undefined;
  const base = complete ? NORMAL : MORPHOLOGY_PRESETS.includes(p.preset) ? presetParams(p.preset) : NORMAL;
  return {
    ...p,
    qAmpMv: p.qAmpMv ?? base.qAmpMv,
    sAmpMv: p.sAmpMv ?? base.sAmpMv,
    rPrimeMv: p.rPrimeMv ?? base.rPrimeMv,
    fWaveMv: p.fWaveMv ?? base.fWaveMv,
    respHz: p.respHz ?? base.respHz,
    uAmpMv: p.uAmpMv ?? base.uAmpMv,
    fragMv: p.fragMv ?? base.fragMv,
    jitter: p.jitter ?? base.jitter,
  };
}

export class ParamError extends Error {
  override name = 'ParamError';
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(message);
  }
}

/** QT (ms) of a beat whose preceding RR is rrMs, per the params' qtMode. */
export function qtForRr(p: Pick<SynthParams, 'qtMs' | 'qtMode'>, rrMs: number): number {
  if (p.qtMode === 'bazett') return p.qtMs * Math.sqrt(rrMs / 1000);
  if (p.qtMode === 'fridericia') return p.qtMs * Math.cbrt(rrMs / 1000);
  return p.qtMs;
}

/** Shortest ST–T span after the QRS (QT − QRS), in ms. */
export const MIN_ST_T_MS = 60;

function checkRange(name: string, v: unknown, r: { min: number; max: number; unit?: string }): void {
  if (typeof v === 'number' && v >= r.min && v <= r.max) return; // NaN fails both comparisons; ±Infinity is out of range
  const unit = r.unit ? ` ${r.unit}` : '';
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ParamError(name, `${name} must be a finite number in [${r.min}, ${r.max}]${unit}, got ${String(v)}`);
  throw new ParamError(name, `${name} = ${v}${unit} is outside the allowed range [${r.min}, ${r.max}]${unit}`);
}

const SECONDS_RANGE_S = { ...SECONDS_RANGE, unit: 's' };
const NOISE_KEYS = Object.keys(NOISE_RANGES) as NoiseLevelParam[];
const NOISE_NAMES = Object.fromEntries(NOISE_KEYS.map((k) => [k, `noise.${k}`])) as Record<NoiseLevelParam, string>;
const PARAM_KEYS = Object.keys(PARAM_RANGES) as NumericParam[];
const QT_MODES: readonly string[] = ['direct', 'bazett', 'fridericia'];

export function validateNoise(noise: NoiseParams): void {
  if (!noise || typeof noise !== 'object') throw new ParamError('noise', 'noise must be an object of noise levels');
  for (const key of NOISE_KEYS) checkRange(NOISE_NAMES[key], noise[key], NOISE_RANGES[key]);
  if (noise.powerlineHz !== 50 && noise.powerlineHz !== 60) throw new ParamError('noise.powerlineHz', `noise.powerlineHz must be 50 or 60, got ${String(noise.powerlineHz)}`);
}

export function validateOptions(opts: RecordOptions): void {
  if (!ALLOWED_FS.includes(opts.fs)) throw new ParamError('fs', `fs must be one of ${ALLOWED_FS.join(', ')} Hz, got ${String(opts.fs)}`);
  checkRange('seconds', opts.seconds, SECONDS_RANGE_S);
  if (opts.leads !== '1' && opts.leads !== '12') throw new ParamError('leads', `leads must be "1" or "12", got ${String(opts.leads)}`);
  if (!Number.isInteger(opts.seed) || opts.seed < 0 || opts.seed > 0xffffffff) throw new ParamError('seed', `seed must be an integer in [0, 4294967295], got ${String(opts.seed)}`);
  validateNoise(opts.noise);
}

/** Throws ParamError (naming the parameter and its allowed range) for any impossible parameter. */
export function validateParams(params: SynthParams, opts?: RecordOptions): void {
  if (!params || typeof params !== 'object') throw new ParamError('params', 'params must be an object');
  if (!MORPHOLOGY_PRESETS.includes(params.preset)) throw new ParamError('preset', `preset must be one of ${MORPHOLOGY_PRESETS.join(', ')}, got "${String(params.preset)}"`);
  if (!QT_MODES.includes(params.qtMode)) throw new ParamError('qtMode', `qtMode must be direct, bazett or fridericia, got "${String(params.qtMode)}"`);
  if (params.tPolarity !== 1 && params.tPolarity !== -1) throw new ParamError('tPolarity', `tPolarity must be 1 or -1, got ${String(params.tPolarity)}`);
  for (const key of PARAM_KEYS) {
    const v = params[key];
    if (v === undefined && key in OPTIONAL_KEYS) continue;
    checkRange(key, v, PARAM_RANGES[key]);
  }
  const p = completeParams(params);
  if (p.prMs <= p.pWidthMs) throw new ParamError('prMs', `prMs (${p.prMs} ms) must be longer than the P wave width pWidthMs (${p.pWidthMs} ms): allowed range (${p.pWidthMs}, ${PARAM_RANGES.prMs.max}] ms`);
  const rrMs = 60000 / p.hrBpm;
  const qt = qtForRr(p, rrMs);
  const what = p.qtMode === 'direct' ? 'QT' : `QT derived from QTc ${p.qtMs} ms (${p.qtMode}) at ${p.hrBpm} bpm`;
  if (qt < p.qrsMs + MIN_ST_T_MS)
    throw new ParamError('qtMs', `qtMs: ${what} = ${qt.toFixed(0)} ms must be at least QRS duration + ${MIN_ST_T_MS} ms = ${p.qrsMs + MIN_ST_T_MS} ms (QT shorter than QRS is impossible)`);
  if (qt > 0.9 * rrMs)
    throw new ParamError('qtMs', `qtMs: ${what} = ${qt.toFixed(0)} ms must end before the next beat: at most 90% of the RR interval (${(0.9 * rrMs).toFixed(0)} ms at ${p.hrBpm} bpm)`);
  if (p.preset !== 'afib' && p.prMs + p.qrsMs > 0.95 * rrMs)
    throw new ParamError('prMs', `prMs + qrsMs = ${p.prMs + p.qrsMs} ms must fit in 95% of the RR interval (${(0.95 * rrMs).toFixed(0)} ms at ${p.hrBpm} bpm)`);
  if (opts) validateOptions(opts);
}

const OPTIONAL_KEYS = { qAmpMv: 1, sAmpMv: 1, rPrimeMv: 1, fWaveMv: 1, respHz: 1, uAmpMv: 1, fragMv: 1, jitter: 1 };
