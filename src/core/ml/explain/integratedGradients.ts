/**
 * Integrated gradients (Sundararajan et al. 2017): attr = (x − b) ⊙ ∫₀¹ ∂f(b + α(x − b))/∂x dα, the integral
 * by the trapezoid rule on m equal steps (m + 1 points, evaluated in batches). Completeness: Σ attr ≈ f(x) − f(b),
 * the error shrinking with m; `completenessError` reports it. Baselines: zeros (a flat line at 0 mV, the
 * isoelectric level of a baseline-corrected ECG) or the input blurred along time by a Gaussian (keeps the slow
 * baseline, removes the waves), per lead.
 */
import * as tf from '@tensorflow/tfjs';
import { inputShape, selectOutput } from './output';
import type { Attribution, ExplainTarget } from './types';

export interface IntegratedGradientsOptions extends ExplainTarget {
  /** Default 'zeros'; a Float32Array is a custom baseline in the input layout [samples × leads]. */
  baseline?: 'zeros' | 'blur' | Float32Array;
  /** Gaussian σ of the blurred baseline, in samples (default: 5 % of the record, ≥ 1). */
  blurSigma?: number;
  /** Integration steps (default 32). */
  steps?: number;
  /** Interpolated inputs per forward/backward pass (default 16). */
  batchSize?: number;
}

/** Gaussian blur along time of each lead of a [samples × leads] array (edges clamped). */
export function blurBaseline(x: Float32Array, nSamples: number, nLeads: number, sigma: number): Float32Array {
  const r = Math.max(1, Math.ceil(3 * sigma));
  const k = new Float64Array(2 * r + 1);
  let ks = 0;
  for (let i = -r; i <= r; i++) ks += k[i + r] = Math.exp((-0.5 * i * i) / (sigma * sigma));
  const out = new Float32Array(x.length);
  for (let l = 0; l < nLeads; l++) {
    for (let t = 0; t < nSamples; t++) {
      let s = 0;
      for (let i = -r; i <= r; i++) s += k[i + r] * x[Math.min(nSamples - 1, Math.max(0, t + i)) * nLeads + l];
      out[t * nLeads + l] = s / ks;
    }
  }
  return out;
}

function makeBaseline(x: Float32Array, nSamples: number, nLeads: number, opts: IntegratedGradientsOptions): Float32Array {
  const b = opts.baseline ?? 'zeros';
  if (b === 'zeros') return new Float32Array(x.length);
  if (b === 'blur') return blurBaseline(x, nSamples, nLeads, opts.blurSigma ?? Math.max(1, 0.05 * nSamples));
  if (b.length !== x.length) throw new RangeError(`baseline has ${b.length} values, the input ${x.length}`);
  return b;
}

/** `x`: one record in the model's input layout [samples × leads]. */
export function integratedGradients(model: tf.LayersModel, x: Float32Array, opts: IntegratedGradientsOptions): Attribution {
  const { nSamples, nLeads } = inputShape(model);
  if (x.length !== nSamples * nLeads) throw new RangeError(`input has ${x.length} values, the model takes ${nSamples * nLeads}`);
  const m = Math.max(1, Math.round(opts.steps ?? 32));
  const batch = Math.max(1, Math.round(opts.batchSize ?? 16));
  const base = makeBaseline(x, nSamples, nLeads, opts);
  const target: ExplainTarget = { output: opts.output, activation: opts.activation };
  const f = (inp: tf.Tensor) => selectOutput(model.apply(inp, { training: false }) as tf.Tensor, target).sum();
  const gradFn = tf.grad(f);
  const sumGrad = new Float64Array(x.length);
  const xT = tf.tensor3d(x, [1, nSamples, nLeads]);
  const bT = tf.tensor3d(base, [1, nSamples, nLeads]);
  const diff = tf.sub(xT, bT);
  try {
    for (let k0 = 0; k0 <= m; k0 += batch) {
      const ks = Array.from({ length: Math.min(batch, m + 1 - k0) }, (_, i) => k0 + i);
      const g = tf.tidy(() => {
        const alphas = tf.tensor1d(ks.map((k) => k / m)).reshape([-1, 1, 1]);
        const w = tf.tensor1d(ks.map((k) => (k === 0 || k === m ? 0.5 : 1) / m)).reshape([-1, 1, 1]);
        const pts = tf.add(bT, tf.mul(alphas, diff));
        return tf.mul(gradFn(pts), w).sum(0);
      });
      const gv = g.dataSync();
      g.dispose();
      for (let i = 0; i < gv.length; i++) sumGrad[i] += gv[i];
    }
    const [value, baselineValue] = tf.tidy(() => selectOutput(model.apply(tf.concat([xT, bT]), { training: false }) as tf.Tensor, target).dataSync());
    const attr = new Float32Array(x.length);
    for (let i = 0; i < x.length; i++) attr[i] = (x[i] - base[i]) * sumGrad[i];
    return { method: 'integrated-gradients', nSamples, nLeads, attr, output: opts.output, value, baselineValue };
  } finally {
    tf.dispose([xT, bT, diff]);
  }
}

/** |Σ attr − (f(x) − f(b))| / max(|f(x) − f(b)|, ε): how far the integral is from exact. */
export function completenessError(a: Attribution): number {
  if (a.baselineValue === undefined) throw new Error('completeness is defined for integrated gradients only');
  let s = 0;
  for (let i = 0; i < a.attr.length; i++) s += a.attr[i];
  const d = a.value - a.baselineValue;
  return Math.abs(s - d) / Math.max(Math.abs(d), 1e-6);
}
