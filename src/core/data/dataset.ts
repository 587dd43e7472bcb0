/**
 * Compact, model-ready dataset: one typed array for all samples, no per-sample JS objects.
 * Layout of `x`: record-major, then lead, then time: x[(r * nLeads + l) * nSamples + t].
 */

export const REGRESSION_TARGETS = ['hr_bpm', 'pr_ms', 'qrs_ms', 'qt_ms'] as const;
export type RegressionTarget = (typeof REGRESSION_TARGETS)[number];

export interface EcgDataset {
  id: string;
  name: string;
  /** Content fingerprint (hash of the records and labels) used to reference imported data in specs. */
  fingerprint: string;
  source: 'synthetic' | 'imported';
  fs: number;
  nLeads: number;
  nSamples: number;
  leadNames: string[];
  n: number;
  /** Samples; Int16Array values are multiplied by `xScale` (mV per unit) when batched. */
  x: Float32Array | Int16Array;
  xScale?: number;
  recordNames: string[];
  /** Regression targets per record (NaN when unknown/undefined). */
  targets?: Partial<Record<RegressionTarget, Float32Array>>;
  /** Class names for classification, and multi-hot labels y[r * classes.length + c]. */
  classes?: string[];
  y?: Uint8Array;
  patientIds?: string[];
  /** Predefined folds (PTB-XL strat_fold 1–10), 0 when unknown. */
  folds?: Int8Array;
}
