/**
 * What an exported model needs besides its weights: the input it expects (leads, rate, length, per-lead scaling)
 * and what its outputs mean (classes, or regression targets with their standardisation). Written into the ONNX
 * metadata_props as flat `ecg.*` keys for people (Netron shows them) and one `ecg.meta` JSON for programs.
 */
import type { LeadScaling } from '../../data/batching';

export type OnnxTaskMeta =
  | {
      kind: 'regression';
      targets: string[];
      /** Standardisation of the targets during training: physical value = output · std + mean. */
      mean?: number[];
      std?: number[];
    }
  | { kind: 'single-label' | 'multi-label'; classes: string[] };

export interface OnnxMeta {
  /** Leads fed to the model, in input-channel order (canonical names, e.g. I, II, V1). */
  leads: string[];
  /** Sampling rate of the input in Hz. */
  fs: number;
  /** Samples per lead (the model's input length). */
  nSamples: number;
  /** Per-record, per-lead scaling applied before the model (see SCALING_DOC). */
  scaling: LeadScaling;
  task: OnnxTaskMeta;
  /** Model kind of the zoo (e.g. inception1d). */
  modelKind?: string;
  /** Experiment stage that trained the model. */
  stage?: string;
  /** Further provenance or preprocessing notes (band-pass, notch, dataset fingerprint, …), written as given. */
  extra?: Record<string, string>;
}

export const SCALING_DOC: Record<LeadScaling, string> = {
  minmax: 'each lead of each record scaled to [0, 1]: (x - min) / (max - min), 0 for a flat lead',
  zscore: 'each lead of each record standardised: (x - mean) / sd, 0 for a flat lead',
  none: 'physical units (mV), unscaled',
};

export const META_JSON_KEY = 'ecg.meta';

/** The graph's outputs by name and meaning (filled by the exporter). */
export type OutputDoc = Record<string, string>;

export function metadataProps(meta: OnnxMeta, outputs: OutputDoc, inputName: string): Record<string, string> {
  const t = meta.task;
  const props: Record<string, string> = {
    'ecg.input': `${inputName}: float32 [batch, ${meta.nSamples} samples, ${meta.leads.length} leads] (channels last, as the tfjs model)`,
    'ecg.leads': meta.leads.join(','),
    'ecg.sampling_rate_hz': String(meta.fs),
    'ecg.n_samples': String(meta.nSamples),
    'ecg.scaling': meta.scaling,
    'ecg.scaling_doc': SCALING_DOC[meta.scaling],
    'ecg.task': t.kind,
    ...(t.kind === 'regression' ? { 'ecg.targets': t.targets.join(',') } : { 'ecg.classes': t.classes.join(',') }),
    ...(t.kind === 'regression' && t.mean && t.std ? { 'ecg.target_mean': t.mean.join(','), 'ecg.target_std': t.std.join(',') } : {}),
    'ecg.outputs': JSON.stringify(outputs),
    ...(meta.modelKind ? { 'ecg.model_kind': meta.modelKind } : {}),
    ...(meta.stage ? { 'ecg.stage': meta.stage } : {}),
  };
  for (const [k, v] of Object.entries(meta.extra ?? {})) props[k.startsWith('ecg.') ? k : `ecg.${k}`] = v;
  props[META_JSON_KEY] = JSON.stringify(meta);
  return props;
}

/** The OnnxMeta an exported file carries (from its decoded metadata_props), or undefined. */
export function readOnnxMeta(metadata: Record<string, string>): OnnxMeta | undefined {
  const s = metadata[META_JSON_KEY];
  return s ? (JSON.parse(s) as OnnxMeta) : undefined;
}
