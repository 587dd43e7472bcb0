/**
 * The one type every reader returns (WFDB, EDF, CSV, JSON, PTB-XL folder, ...).
 */

export const SUPERCLASSES = ['NORM', 'MI', 'STTC', 'CD', 'HYP'] as const;
export type Superclass = (typeof SUPERCLASSES)[number];

export const AAMI_CLASSES = ['N', 'S', 'V', 'F', 'Q'] as const;
export type AamiClass = (typeof AAMI_CLASSES)[number];

/** Labels a dataset carries for a record; keys as printed by `cli inspect`. */
export interface RecordLabels {
  superclasses?: Superclass[];
  hr_bpm?: number;
  pr_ms?: number;
  qrs_ms?: number;
  qt_ms?: number;
  dx?: string[];
  beats?: Partial<Record<AamiClass, number>>;
}

/** One annotation (MIT format or derived). `sample` is in samples at the record's fs. */
export interface Annotation {
  sample: number;
  symbol: string;
  subtype?: number;
  chan?: number;
  num?: number;
  aux?: string;
  /** Lead the annotation belongs to, when known (LUDB per-lead files). */
  lead?: string;
}

export interface Recording {
  /** Record name (e.g. "00001_lr", "100"). */
  name: string;
  fs: number;
  nSamples: number;
  sigNames: string[];
  units: string[];
  /** Physical values per lead (Float32, NaN for invalid samples). */
  signals: Float32Array[];
  /** Number of invalid samples turned into NaN. */
  nanCount: number;
  comments: string[];
  labels?: RecordLabels;
  annotations?: Annotation[];
  /** Patient identifier when the dataset has one (for leakage-free splits). */
  patientId?: string;
  /** PTB-XL strat_fold (1–10) when known. */
  fold?: number;
  /** Path of the file the record was read from (its header for WFDB). */
  file?: string;
  /** Non-fatal problems found while reading (checksum mismatch, ...). */
  warnings?: string[];
  /** Where the labels came from: 'ptb-xl' | 'ludb' | 'qtdb' | 'cinc' | 'mitdb' | ... */
  labelSource?: string;
}
