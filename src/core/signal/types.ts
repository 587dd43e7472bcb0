/**
 * Contract of the synthesis engine (src/core/signal). Shapes used by the data layer, the worker and the UI.
 * Units: time in ms, amplitudes in mV, rates in bpm, angles in degrees.
 */

export const STANDARD_12_LEADS = ['I', 'II', 'III', 'aVR', 'aVL', 'aVF', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6'] as const;
export type LeadName = (typeof STANDARD_12_LEADS)[number];

export const ALLOWED_FS = [100, 250, 500, 1000] as const;
export type SamplingRate = (typeof ALLOWED_FS)[number];

/** '1' = lead II only; '12' = the standard 12 leads. */
export type LeadLayout = '1' | '12';

export const MORPHOLOGY_PRESETS = [
  'normal',
  'sinus_brady',
  'sinus_tachy',
  'av_block_1',
  'bbb',
  'long_qt',
  'st_elevation',
  'st_depression',
  't_inversion',
  'afib',
  'mi_anterior',
  'mi_inferior',
  'mi_lateral',
  'lvh',
  'rbbb',
  'lbbb',
  'lafb',
  'wpw',
] as const;
export type MorphologyPreset = (typeof MORPHOLOGY_PRESETS)[number];

/** Each noise source has its own strength in mV (0 = off). Noise never changes labels. */
export interface NoiseParams {
  baselineMv: number; // respiration-like baseline wander (< 1 Hz)
  powerlineMv: number;
  powerlineHz: 50 | 60;
  emgMv: number; // band-limited muscle noise (RMS)
  motionMv: number; // electrode-motion burst amplitude
}

/** Parameters of one synthetic record (the designer's controls). */
export interface SynthParams {
  preset: MorphologyPreset;
  hrBpm: number; // mean heart rate, 20–300
  rrStdMs: number; // RR standard deviation (HRV)
  lfHfRatio: number; // LF/HF power ratio of the RR spectrum
  rsaMs: number; // respiratory sinus arrhythmia amplitude
  prMs: number; // P onset -> QRS onset
  qrsMs: number; // QRS onset -> QRS offset
  qtMs: number; // QRS onset -> T offset (see qtMode)
  /** 'direct': qtMs is the QT; 'bazett'/'fridericia': qtMs is the QTc, QT derived from the RR. */
  qtMode: 'direct' | 'bazett' | 'fridericia';
  pWidthMs: number;
  pAmpMv: number;
  rAmpMv: number;
  tAmpMv: number;
  stShiftMv: number; // ST-segment shift (+ elevation, - depression)
  tPolarity: 1 | -1;
  axisDeg: number; // frontal electrical axis
  /** Optional morphology details (presetParams always fills them; defaults in params.ts). */
  qAmpMv?: number; // septal q wave (heart-vector amplitude)
  sAmpMv?: number; // terminal s wave
  rPrimeMv?: number; // late R' (bundle-branch-block-like RSR'); 0 = none
  fWaveMv?: number; // fibrillatory baseline amplitude (AF only)
  respHz?: number; // respiration rate: RSA, HF band centre and baseline wander
  uAmpMv?: number; // U wave after the T wave (heart-vector amplitude); 0 = none
  fragMv?: number; // QRS fragmentation: a narrow notch on the R downstroke; 0 = none
  jitter?: number; // beat-to-beat morphology jitter: SD of relative QRS width (amplitudes 2×, QT and PR ½×)
}

export interface RecordOptions {
  fs: SamplingRate;
  seconds: number; // default 10
  leads: LeadLayout;
  seed: number;
  noise: NoiseParams;
}

/** Sample indices of one beat's fiducial points; -1 when the wave does not exist (e.g. no P wave in AF). */
export interface BeatFiducials {
  pOn: number;
  pPeak: number;
  pOff: number;
  qrsOn: number;
  rPeak: number;
  qrsOff: number;
  tOn: number;
  tPeak: number;
  tOff: number;
}

/** Record-level labels, exact by construction (definitions in README). pr_ms is null when undefined (AF). */
export interface EcgLabels {
  hr_bpm: number;
  pr_ms: number | null;
  qrs_ms: number;
  qt_ms: number;
}

/**
 * Which convention a record's labels follow (docs/synthesis.md, "Label rules"): 'support' = the exact lobe
 * supports; 'annotated-lead' = measured on the clean signal of lead II as LUDB annotates each lead;
 * 'annotated-ludb' = 'annotated-lead' with the T offset where LUDB's cardiologists put it (the tangent's
 * T end moved later by LUDB_T_END_LATE_MS); 'annotated-global' = earliest onset / latest offset over the leads
 * (CSE, PTB-XL+ 12SL).
 */
export const LABEL_RULES = ['support', 'annotated-global', 'annotated-lead', 'annotated-ludb'] as const;
export type LabelRule = (typeof LABEL_RULES)[number];

/** One beat's fiducials measured on the signal (fractional sample indices; -1 when not found). */
export interface AnnotatedBeat {
  pOn: number;
  qrsOn: number;
  qrsOff: number;
  tOff: number;
}

/** Labels of a record under an annotated rule (HR as in the support labels). */
export interface AnnotatedLabels {
  rule: Exclude<LabelRule, 'support'>;
  labels: EcgLabels;
  beats: AnnotatedBeat[];
}

export interface SynthRecord {
  fs: SamplingRate;
  nSamples: number;
  leadNames: LeadName[];
  /** One Float32Array per lead, in mV. */
  signals: Float32Array[];
  beats: BeatFiducials[];
  labels: EcgLabels;
  params: SynthParams;
  /** Labels under an annotated rule, when one was asked for (labels stays the support-based set). */
  annotated?: AnnotatedLabels;
}
