/**
 * What a host asks of the saliency engine for one test record, and what comes back; types only (tfjs-free), so
 * they cross the training worker's boundary and the page imports them without the engine.
 */
import type { LeadScaling } from '../../data/batching';
import type { ModelFile } from '../modelFile';
import type { OutputActivation } from './types';

export type ExplainMethod = 'grad-cam' | 'integrated-gradients';

/** One record as the dataset holds it: every lead, in mV, at the dataset's rate and length. */
export interface RecordSamples {
  name: string;
  fs: number;
  leadNames: string[];
  nSamples: number;
  /** Lead-major: x[l * nSamples + t]. */
  x: Float32Array;
}

/** The preprocessing of the run the model was trained in: scaling and the leads it takes, in order. */
export interface ExplainPrep {
  scaling: LeadScaling;
  leads: string[];
}

export interface ExplainRequest {
  /** The stage whose model is explained (named in errors). */
  stage: string;
  /** The trained model (as stored with the run). */
  model: ModelFile;
  record: RecordSamples;
  prep: ExplainPrep;
  /** Output explained: the class (classification) or the target's position (regression). */
  output: number;
  /** 'none' (default): the raw score (logit or regression value). */
  activation?: OutputActivation;
  /** Default 'grad-cam' (integrated gradients when the model has no convolution). */
  method?: ExplainMethod;
}

/** A record's saliency, reduced for display. Arrays are time-major over the model's leads. */
export interface RecordExplanation {
  method: ExplainMethod;
  /** The convolution Grad-CAM used. */
  layerName?: string;
  /** Why another method than the one asked for was used. */
  fallback?: string;
  output: number;
  /** The explained scalar for this record (logit, probability or regression value, in the model's units). */
  value: number;
  /** Leads the model took, in input order. */
  leads: string[];
  fs: number;
  nSamples: number;
  /** Σ_leads |attr| per sample, max 1. */
  strip: Float32Array;
  /** |attr| per sample and lead, [samples × leads], max 1. */
  perLead: Float32Array;
  /** Share of |attr| per lead (sums to 1). */
  leadTotals: Float32Array;
}

export type ExplainAnswer = { ok: true; explanation: RecordExplanation } | { ok: false; error: string };
