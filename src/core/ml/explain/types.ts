/**
 * Shared shapes of the saliency engines. Layout of every per-sample array: time-major, the model-input layout
 * [samples × leads], i.e. a[t * nLeads + l] (the dataset's x is lead-major; see `toTimeMajor`).
 */

/** What the explained scalar is: the raw model output (logit or regression value), or its probability. */
export type OutputActivation = 'none' | 'sigmoid' | 'softmax';

export interface ExplainTarget {
  /** Index into the model's output vector: the class for classification, the target for regression. */
  output: number;
  /** Default 'none' (the logit / regression value itself). */
  activation?: OutputActivation;
}

export interface Attribution {
  method: 'grad-cam' | 'integrated-gradients';
  nSamples: number;
  nLeads: number;
  /** Attribution per sample and lead, [samples × leads] time-major. Grad-CAM: ≥ 0; integrated gradients: signed. */
  attr: Float32Array;
  output: number;
  /** The explained scalar at the input. */
  value: number;
  /** Grad-CAM: the layer whose activations were used. */
  layerName?: string;
  /** Integrated gradients: the scalar at the baseline (completeness: Σ attr ≈ value − baselineValue). */
  baselineValue?: number;
  /** Set when the requested method could not be applied and another one was used, with why. */
  fallback?: string;
}

/** Lead-major [leads × samples] (EcgDataset.x of one record) → time-major [samples × leads]. */
export function toTimeMajor(leadMajor: ArrayLike<number>, nLeads: number, nSamples: number, scale = 1): Float32Array {
  const out = new Float32Array(nLeads * nSamples);
  for (let l = 0; l < nLeads; l++) for (let t = 0; t < nSamples; t++) out[t * nLeads + l] = leadMajor[l * nSamples + t] * scale;
  return out;
}
