/**
 * Synthetic datasets from distributions: a spec (n, seed, fs, seconds, leads, a distribution per designer
 * parameter, presets mixed by proportions, noise levels) → an EcgDataset with exact regression targets and
 * one-hot morphology classes. Generation streams record by record straight into the preallocated arrays.
 *
 * Record i depends only on (spec, i): its preset comes from a seeded shuffle of exact preset counts, its
 * parameters from a per-record random stream, its waveform from a per-record synthesis seed. Chunking and
 * iteration order therefore never change the data.
 *
 * Preset-defining parameters (e.g. hrBpm for sinus_brady, prMs for av_block_1) are drawn from the preset's
 * own range (PRESET_DISTRIBUTIONS) and override spec.params for those records, so the class stays true.
 */
import {
  ALLOWED_FS,
  LABEL_RULES,
  MORPHOLOGY_PRESETS,
  type LabelRule,
  type LeadLayout,
  type MorphologyPreset,
  type NoiseParams,
  type SamplingRate,
  type SynthParams,
  type SynthRecord,
} from '../signal/types';
import { NOISE_RANGES, PARAM_RANGES, ParamError, presetParams, SECONDS_RANGE, validateParams, type NoiseLevelParam, type NumericParam } from '../signal/params';
import { deriveSeed, fmix32, Rng } from '../signal/rng';
import { leadNamesFor, recordLength, synthesize, synthesizeInto } from '../signal/synthesize';
import { resample } from '../signal/dsp/resample';
import type { EcgDataset } from './dataset';
import { FITTED_NOISE_MAX, offsetsFor, priorDistributions } from '../signal/priors';
import { FITTED } from '../signal/priors/fitted';
import { fixed, sampleDistribution, uniform, validateDistribution, type Distribution } from './distributions';

export type { Distribution } from './distributions';

export interface SyntheticDatasetSpec {
  name?: string;
  n: number;
  seed: number;
  fs: SamplingRate;
  seconds: number;
  leads: LeadLayout;
  /** Preset proportions (relative weights; presets left out or 0 are not generated). */
  presets: Partial<Record<MorphologyPreset, number>>;
  /** Distribution per designer parameter; parameters left out keep their preset default. */
  params: Partial<Record<NumericParam, Distribution>>;
  /** QT mode of all records (default 'bazett': params.qtMs is the QTc). long_qt always uses bazett. */
  qtMode?: SynthParams['qtMode'];
  /** Noise levels (mV) per source; sources left out are off. */
  noise: Partial<Record<NoiseLevelParam, Distribution>> & { powerlineHz?: 50 | 60 };
  /**
   * Which convention fills pr/qrs/qt (docs/synthesis.md, "Label rules"): 'support' (default) = the exact
   * wave supports; 'annotated-lead' = measured on the clean lead II as LUDB annotates; 'annotated-global' =
   * earliest onset / latest offset over the leads (CSE, PTB-XL+ 12SL). HR is the same under every rule.
   */
  labelRule?: LabelRule;
  /**
   * Rate the records are rendered at (default: fs). When higher than fs, each record is rendered (and labelled,
   * as annotators read a 500-Hz ECG) at renderFs and resampled to fs by the band-limited resampler the import
   * path uses for real records (signal/dsp/resample.ts): the synthetic records go through the same
   * anti-aliasing a 500-Hz LUDB or PTB-XL record does on its way to a 100-Hz model.
   */
  renderFs?: SamplingRate;
}

/** Ranges that define each preset (override spec.params for records of that preset). */
export const PRESET_DISTRIBUTIONS: Record<MorphologyPreset, Partial<Record<NumericParam, Distribution>>> = {
  normal: {},
  sinus_brady: { hrBpm: uniform(35, 55) },
  sinus_tachy: { hrBpm: uniform(105, 160) },
  av_block_1: { prMs: uniform(220, 360) },
  bbb: { qrsMs: uniform(125, 180), rPrimeMv: uniform(0.3, 0.8), sAmpMv: uniform(0.3, 0.6), tPolarity: fixed(-1) },
  long_qt: { qtMs: uniform(480, 560) },
  st_elevation: { stShiftMv: uniform(0.1, 0.4) },
  st_depression: { stShiftMv: uniform(-0.3, -0.1) },
  t_inversion: { tPolarity: fixed(-1), tAmpMv: uniform(0.15, 0.5) },
  afib: { hrBpm: uniform(70, 140), rrStdMs: uniform(60, 140), rsaMs: fixed(0), pAmpMv: fixed(0), fWaveMv: uniform(0.03, 0.15) },
  // Pathologies: ranges inside which each hallmark holds (checked in pathology/pathologies.test.ts)
  mi_anterior: { qrsMs: uniform(100, 115), qAmpMv: uniform(0.4, 0.7), stShiftMv: uniform(0.12, 0.25), tAmpMv: uniform(0.3, 0.5), tPolarity: fixed(1) },
  mi_inferior: { qrsMs: uniform(100, 115), qAmpMv: uniform(0.4, 0.7), stShiftMv: uniform(0.12, 0.25), tAmpMv: uniform(0.3, 0.5), tPolarity: fixed(1), axisDeg: uniform(-20, 20) },
  mi_lateral: { qrsMs: uniform(100, 115), qAmpMv: uniform(0.4, 0.7), stShiftMv: uniform(0.12, 0.25), tAmpMv: uniform(0.3, 0.5), tPolarity: fixed(1), axisDeg: uniform(90, 120) },
  lvh: { rAmpMv: uniform(1.6, 2.4), sAmpMv: uniform(0.4, 0.8), axisDeg: uniform(0, 50), qrsMs: uniform(95, 115), tPolarity: fixed(-1), tAmpMv: uniform(0.15, 0.35), stShiftMv: uniform(-0.2, -0.05) },
  rbbb: { qrsMs: uniform(125, 160), rPrimeMv: uniform(0.4, 0.9), qAmpMv: uniform(0.05, 0.15), tAmpMv: uniform(0.1, 0.3) },
  lbbb: { qrsMs: uniform(130, 170), qAmpMv: fixed(0), rAmpMv: uniform(1, 2), sAmpMv: fixed(0), tAmpMv: uniform(0.2, 0.5), tPolarity: fixed(1), stShiftMv: uniform(0.05, 0.15) },
  lafb: { axisDeg: uniform(-85, -60), qAmpMv: uniform(0.1, 0.25), sAmpMv: uniform(0, 0.15), qrsMs: uniform(85, 115) },
  wpw: { prMs: uniform(85, 115), pWidthMs: uniform(60, 80), qrsMs: uniform(110, 150), rAmpMv: uniform(0.8, 1.6), axisDeg: uniform(20, 80) },
};

/** Largest dataset (Float32 samples) the generator accepts: 2 GiB. */
export const MAX_DATASET_SAMPLES = 2 ** 29;
const MAX_REDRAWS = 50;

/**
 * The default spec: 2000 × 12-lead 100 Hz 10 s records of every preset (normal 3 parts, others 1), labelled by the
 * 'annotated-ludb' rule (the intervals read on the clean lead II as LUDB's cardiologists read them, T ends where
 * they put them), with the
 * priors fitted to real records (signal/priors: LUDB intervals, PTB-XL amplitudes; interval priors shifted by the
 * support − annotated offsets so that the labels have the real distribution) and noise whose baseline wander and
 * muscle-band amplitudes are fitted to LUDB / PTB-XL (signal/priors/noise.ts).
 */
export function defaultSyntheticSpec(): SyntheticDatasetSpec {
  const presets: Partial<Record<MorphologyPreset, number>> = {};
  for (const p of MORPHOLOGY_PRESETS) presets[p] = p === 'normal' ? 3 : 1;
  return {
    n: 2000,
    seed: 1,
    fs: 100,
    seconds: 10,
    leads: '12',
    presets,
    qtMode: 'bazett',
    labelRule: 'annotated-ludb',
    params: {
      ...priorDistributions(FITTED, offsetsFor('annotated-ludb')),
      rrStdMs: uniform(5, 60),
      lfHfRatio: uniform(0.5, 3),
      rsaMs: uniform(0, 30),
      pWidthMs: uniform(70, 110),
      // septal forces: ≥ 0.05 mV keeps the small r of V1–V2 (without it a normal record reads as QS, MI-like)
      qAmpMv: uniform(0.05, 0.2),
      respHz: uniform(0.15, 0.4),
      uAmpMv: uniform(0, 0.05),
      jitter: uniform(0.01, 0.04),
    },
    noise: {
      // baseline wander and muscle noise fitted to LUDB / PTB-XL (signal/priors/noise.ts)
      baselineMv: uniform(0, FITTED_NOISE_MAX.baselineMv),
      powerlineMv: uniform(0, 0.05),
      emgMv: uniform(0, FITTED_NOISE_MAX.emgMv),
      motionMv: uniform(0, 0.2),
      powerlineHz: 50,
    },
  };
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/** Throws ParamError with a message naming the field (e.g. "n", "params.hrBpm.max", "presets.foo"). */
export function validateSyntheticSpec(spec: SyntheticDatasetSpec): void {
  if (!spec || typeof spec !== 'object') throw new ParamError('spec', 'the dataset spec must be an object');
  if (!isInt(spec.n) || spec.n < 1) throw new ParamError('n', `n (number of records) must be an integer ≥ 1, got ${String(spec.n)}`);
  if (!isInt(spec.seed) || spec.seed < 0 || spec.seed > 0xffffffff) throw new ParamError('seed', `seed must be an integer in [0, 4294967295], got ${String(spec.seed)}`);
  if (!ALLOWED_FS.includes(spec.fs)) throw new ParamError('fs', `fs must be one of ${ALLOWED_FS.join(', ')} Hz, got ${String(spec.fs)}`);
  if (typeof spec.seconds !== 'number' || !(spec.seconds >= SECONDS_RANGE.min && spec.seconds <= SECONDS_RANGE.max))
    throw new ParamError('seconds', `seconds must be in [${SECONDS_RANGE.min}, ${SECONDS_RANGE.max}] s, got ${String(spec.seconds)}`);
  if (spec.leads !== '1' && spec.leads !== '12') throw new ParamError('leads', `leads must be "1" or "12", got ${String(spec.leads)}`);
  if (spec.qtMode !== undefined && !['direct', 'bazett', 'fridericia'].includes(spec.qtMode))
    throw new ParamError('qtMode', `qtMode must be direct, bazett or fridericia, got "${String(spec.qtMode)}"`);
  if (spec.renderFs !== undefined && (!ALLOWED_FS.includes(spec.renderFs) || spec.renderFs < spec.fs))
    throw new ParamError('renderFs', `renderFs must be one of ${ALLOWED_FS.filter((f) => f >= spec.fs).join(', ')} Hz (at least fs = ${spec.fs}), got ${String(spec.renderFs)}`);
  if (spec.labelRule !== undefined && !LABEL_RULES.includes(spec.labelRule))
    throw new ParamError('labelRule', `labelRule must be one of ${LABEL_RULES.join(', ')}, got "${String(spec.labelRule)}"`);
  if (!spec.presets || typeof spec.presets !== 'object') throw new ParamError('presets', 'presets must map preset names to proportions');
  let total = 0;
  for (const [name, w] of Object.entries(spec.presets)) {
    if (!MORPHOLOGY_PRESETS.includes(name as MorphologyPreset))
      throw new ParamError(`presets.${name}`, `unknown preset "${name}" (expected one of ${MORPHOLOGY_PRESETS.join(', ')})`);
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) throw new ParamError(`presets.${name}`, `presets.${name} must be a proportion ≥ 0, got ${String(w)}`);
    total += w;
  }
  if (!(total > 0)) throw new ParamError('presets', 'presets: at least one preset needs a proportion > 0');
  for (const [key, d] of Object.entries(spec.params ?? {})) {
    const range = PARAM_RANGES[key as NumericParam];
    if (!range) throw new ParamError(`params.${key}`, `unknown parameter "${key}" (expected one of ${Object.keys(PARAM_RANGES).join(', ')})`);
    validateDistribution(d, `params.${key}`, range);
  }
  const { powerlineHz, ...levels } = spec.noise ?? {};
  if (powerlineHz !== undefined && powerlineHz !== 50 && powerlineHz !== 60)
    throw new ParamError('noise.powerlineHz', `noise.powerlineHz must be 50 or 60, got ${String(powerlineHz)}`);
  for (const [key, d] of Object.entries(levels)) {
    const range = NOISE_RANGES[key as NoiseLevelParam];
    if (!range) throw new ParamError(`noise.${key}`, `unknown noise source "${key}" (expected one of ${Object.keys(NOISE_RANGES).join(', ')}, powerlineHz)`);
    validateDistribution(d as Distribution, `noise.${key}`, range);
  }
  const nLeads = spec.leads === '12' ? 12 : 1;
  const samples = spec.n * nLeads * recordLength(spec);
  if (samples > MAX_DATASET_SAMPLES)
    throw new ParamError('n', `dataset too large: ${spec.n} records × ${nLeads} leads × ${recordLength(spec)} samples = ${samples} samples (at most ${MAX_DATASET_SAMPLES}, 2 GiB of Float32)`);
}

/** The preset names of the mix (proportion > 0), in MORPHOLOGY_PRESETS order: the dataset's classes. */
export function specClasses(spec: SyntheticDatasetSpec): MorphologyPreset[] {
  return MORPHOLOGY_PRESETS.filter((p) => (spec.presets[p] ?? 0) > 0);
}

/** Preset index (into specClasses) of every record: exact counts (largest remainder), seeded shuffle. */
export function presetAssignment(spec: SyntheticDatasetSpec): Uint8Array {
  const classes = specClasses(spec);
  const weights = classes.map((c) => spec.presets[c] ?? 0);
  const total = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / total) * spec.n);
  const counts = exact.map(Math.floor);
  let left = spec.n - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k++, left--) counts[order[k % order.length][1]]++;
  const out = new Uint8Array(spec.n);
  let pos = 0;
  counts.forEach((c, ci) => out.fill(ci, pos, (pos += c)));
  new Rng(deriveSeed(spec.seed, 300)).shuffle(out);
  return out;
}

/** Draws the designer parameters and noise of record `index` (valid by construction or a ParamError). */
export function sampleRecordParams(spec: SyntheticDatasetSpec, index: number, preset: MorphologyPreset): { params: SynthParams; noise: NoiseParams } {
  const rng = new Rng(deriveSeed(spec.seed, 100, index));
  const dists: Partial<Record<NumericParam, Distribution>> = { ...spec.params, ...PRESET_DISTRIBUTIONS[preset] };
  const keys = Object.keys(PARAM_RANGES) as NumericParam[];
  let lastError: ParamError | null = null;
  for (let attempt = 0; attempt < MAX_REDRAWS; attempt++) {
    const params = presetParams(preset) as SynthParams;
    if (spec.qtMode) params.qtMode = spec.qtMode;
    if (preset === 'long_qt') params.qtMode = 'bazett';
    for (const key of keys) {
      const d = dists[key];
      if (!d) continue;
      const v = sampleDistribution(d, rng);
      if (key === 'tPolarity') params.tPolarity = v < 0 ? -1 : 1;
      else (params as unknown as Record<string, number>)[key] = v;
    }
    try {
      validateParams(params);
      const noise: NoiseParams = { baselineMv: 0, powerlineMv: 0, emgMv: 0, motionMv: 0, powerlineHz: spec.noise.powerlineHz ?? 50 };
      for (const key of Object.keys(NOISE_RANGES) as NoiseLevelParam[]) {
        const d = spec.noise[key];
        if (d) noise[key] = sampleDistribution(d, rng);
      }
      return { params, noise };
    } catch (e) {
      if (!(e instanceof ParamError)) throw e;
      lastError = e;
    }
  }
  throw new ParamError(
    lastError?.param ?? 'params',
    `record ${index} (${preset}): no valid parameters after ${MAX_REDRAWS} draws; narrow the distributions. Last problem: ${lastError?.message}`,
  );
}

/** Name of record i (1-based, zero-padded to 5 digits): "00001". */
export function recordName(index: number, n = 0): string {
  return String(index + 1).padStart(Math.max(5, String(n).length), '0');
}

export interface SyntheticRecordItem {
  index: number;
  name: string;
  preset: MorphologyPreset;
  record: SynthRecord;
}

/** The rate record i is rendered at: spec.renderFs when it is above fs, else fs. */
function renderRate(spec: SyntheticDatasetSpec): SamplingRate {
  return spec.renderFs !== undefined && spec.renderFs > spec.fs ? spec.renderFs : spec.fs;
}

/** Resamples a rendered record's leads to fs into `out` (each exactly recordLength(fs) samples long). */
function resampleInto(rendered: Float32Array[], fsIn: number, fsOut: number, out: Float32Array[]): void {
  for (let l = 0; l < out.length; l++) out[l].set(resample(rendered[l], fsIn, fsOut).subarray(0, out[l].length));
}

/**
 * Record `index` as the dataset holds it: synthesized at the render rate with the spec's label rule and, when
 * that is above fs, resampled to fs (signals, fs, nSamples, beat sample indices and annotated boundaries; the labels
 * are the rendered record's). The samples equal generateSyntheticDataset's for the same record.
 */
export function synthesizeDatasetRecord(spec: SyntheticDatasetSpec, index: number, preset: MorphologyPreset): SynthRecord {
  const { params, noise } = sampleRecordParams(spec, index, preset);
  const fsR = renderRate(spec);
  const record = synthesize(params, { fs: fsR, seconds: spec.seconds, leads: spec.leads, seed: deriveSeed(spec.seed, 200, index), noise }, spec.labelRule ?? 'support');
  if (fsR === spec.fs) return record;
  const nSamples = recordLength(spec);
  const signals = record.signals.map(() => new Float32Array(nSamples));
  resampleInto(record.signals, fsR, spec.fs, signals);
  const k = spec.fs / fsR;
  const at = (i: number) => (i < 0 ? i : Math.min(nSamples - 1, Math.round(i * k)));
  const beats = record.beats.map((b) => Object.fromEntries(Object.entries(b).map(([key, v]) => [key, at(v)])) as unknown as typeof b);
  // The annotated boundaries are interpolated (fractional samples): scaled, not rounded; −1 stays −1.
  const annotated = record.annotated && {
    ...record.annotated,
    beats: record.annotated.beats.map((b) => Object.fromEntries(Object.entries(b).map(([key, v]) => [key, v < 0 ? v : v * k])) as unknown as typeof b),
  };
  return { ...record, fs: spec.fs, nSamples, signals, beats, ...(annotated ? { annotated } : {}) };
}

/** Yields the records one at a time (nothing else is held). Validates the spec first. */
export function* iterateSyntheticRecords(spec: SyntheticDatasetSpec): Generator<SyntheticRecordItem> {
  validateSyntheticSpec(spec);
  const classes = specClasses(spec);
  const assignment = presetAssignment(spec);
  for (let i = 0; i < spec.n; i++) {
    const preset = classes[assignment[i]];
    yield { index: i, name: recordName(i, spec.n), preset, record: synthesizeDatasetRecord(spec, i, preset) };
  }
}

function fnv1a(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * Generates the whole dataset into one preallocated Float32Array (record-major, lead, time), reporting
 * progress after every chunk of `chunkSize` records. Targets hr_bpm/pr_ms/qrs_ms/qt_ms (NaN pr for AF);
 * classes = the presets of the mix with one-hot y.
 */
export function generateSyntheticDataset(
  spec: SyntheticDatasetSpec,
  onProgress?: (done: number, total: number) => void,
  chunkSize = 256,
): EcgDataset {
  validateSyntheticSpec(spec);
  if (!isInt(chunkSize) || chunkSize < 1) throw new ParamError('chunkSize', `chunkSize must be an integer ≥ 1, got ${String(chunkSize)}`);
  const n = spec.n;
  const nSamples = recordLength(spec);
  const leadNames = leadNamesFor(spec.leads);
  const nLeads = leadNames.length;
  const classes = specClasses(spec);
  const assignment = presetAssignment(spec);
  const x = new Float32Array(n * nLeads * nSamples);
  const targets = {
    hr_bpm: new Float32Array(n),
    pr_ms: new Float32Array(n),
    qrs_ms: new Float32Array(n),
    qt_ms: new Float32Array(n),
  };
  const y = new Uint8Array(n * classes.length);
  const recordNames: string[] = new Array(n);
  const fsR = renderRate(spec);
  const opts = { fs: fsR, seconds: spec.seconds, leads: spec.leads, seed: 0, noise: undefined as unknown as NoiseParams };
  const rule = spec.labelRule ?? 'support';
  // Rendered above fs: each record goes through these buffers and is resampled into the dataset.
  const rendered = fsR === spec.fs ? null : Array.from({ length: nLeads }, () => new Float32Array(recordLength({ fs: fsR, seconds: spec.seconds })));
  let labelHash = 0x811c9dc5;
  const views: Float32Array[] = new Array(nLeads);
  for (let start = 0; start < n; start += chunkSize) {
    const end = Math.min(n, start + chunkSize);
    for (let i = start; i < end; i++) {
      const ci = assignment[i];
      const { params, noise } = sampleRecordParams(spec, i, classes[ci]);
      opts.seed = deriveSeed(spec.seed, 200, i);
      opts.noise = noise;
      const base = i * nLeads * nSamples;
      for (let l = 0; l < nLeads; l++) views[l] = x.subarray(base + l * nSamples, base + (l + 1) * nSamples);
      const res = synthesizeInto(params, opts, rendered ?? views, true, rule);
      if (rendered) resampleInto(rendered, fsR, spec.fs, views);
      const labels = res.annotated?.labels ?? res.labels;
      targets.hr_bpm[i] = labels.hr_bpm;
      targets.pr_ms[i] = labels.pr_ms ?? NaN;
      targets.qrs_ms[i] = labels.qrs_ms;
      targets.qt_ms[i] = labels.qt_ms;
      y[i * classes.length + ci] = 1;
      recordNames[i] = recordName(i, n);
      labelHash = fmix32((labelHash ^ Math.round(labels.hr_bpm * 1000) ^ Math.imul(Math.round(labels.qt_ms * 1000), 31) ^ Math.imul(ci, 977)) >>> 0);
      if (rule !== 'support') labelHash = fmix32((labelHash ^ Math.round(labels.qrs_ms * 1000) ^ Math.imul(Math.round((labels.pr_ms ?? -1) * 1000), 131)) >>> 0);
    }
    onProgress?.(end, n);
  }
  const specHash = fnv1a(0x811c9dc5, SYNTH_ENGINE_VERSION + JSON.stringify(canonicalSpec(spec)));
  const fingerprint = specHash.toString(16).padStart(8, '0') + labelHash.toString(16).padStart(8, '0');
  return {
    id: `synthetic-${fingerprint}`,
    name: spec.name ?? `Synthetic ${n} × ${nLeads}-lead ${spec.fs} Hz ${spec.seconds} s (seed ${spec.seed})`,
    fingerprint,
    source: 'synthetic',
    fs: spec.fs,
    nLeads,
    nSamples,
    leadNames: [...leadNames],
    n,
    x,
    recordNames,
    targets,
    classes: [...classes],
    y,
  };
}

/** Version of the synthesis engine folded into fingerprints (bump when the generated data changes). */
export const SYNTH_ENGINE_VERSION = 'synth-3';

function canonicalSpec(spec: SyntheticDatasetSpec): unknown {
  const sortKeys = (v: unknown): unknown =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]))
      : v;
  const { name: _name, ...rest } = spec;
  return sortKeys(rest);
}
