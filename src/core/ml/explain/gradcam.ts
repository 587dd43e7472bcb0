/**
 * Grad-CAM (Selvaraju et al. 2017) on the last convolution of a model: with A the layer's activations
 * [time', (leads',) channels] and α_c = mean over positions of ∂y/∂A_c, cam = ReLU(Σ_c α_c A_c), linearly
 * resampled to the input's time (and, for a 2-D convolution over [time, leads], lead) axis.
 * A 1-D convolution mixes the leads, so its map has no lead axis: the map at sample t is shared among the
 * leads in proportion to |x ⊙ ∂y/∂x| at t (input × gradient), uniformly where that is zero.
 * The last convolution is the last layer, in the model's execution order, whose class name starts with "Conv"
 * (Conv1D, Conv2D, ...). A model without one gets integrated gradients instead (`fallback` says so).
 * The activations are replaced during the backward pass by temporarily overriding that layer's `call` on the
 * instance (restored in `finally`), so any graph (skip connections, concatenations) is handled by tfjs itself.
 */
import * as tf from '@tensorflow/tfjs';
import { integratedGradients, type IntegratedGradientsOptions } from './integratedGradients';
import { inputShape, selectOutput } from './output';
import type { Attribution, ExplainTarget } from './types';

type AnyLayer = tf.layers.Layer;

/** The last convolution layer of the model (execution order), or undefined. */
export function lastConvLayer(model: tf.LayersModel): AnyLayer | undefined {
  let found: AnyLayer | undefined;
  for (const layer of model.layers) if (/^Conv/.test(layer.getClassName())) found = layer;
  return found;
}

/** Linear resampling of n values (position centres) onto m positions. */
export function resampleCentres(v: ArrayLike<number>, m: number): Float64Array {
  const n = v.length;
  const out = new Float64Array(m);
  if (n === 1) return out.fill(v[0]);
  for (let j = 0; j < m; j++) {
    const p = Math.min(n - 1, Math.max(0, ((j + 0.5) * n) / m - 0.5));
    const i = Math.min(n - 2, Math.floor(p));
    const f = p - i;
    out[j] = v[i] * (1 - f) + v[i + 1] * f;
  }
  return out;
}

export interface GradCamOptions extends ExplainTarget {
  /** Layer to use instead of the last convolution. */
  layerName?: string;
  /** Options of the integrated-gradients fallback. */
  fallbackOptions?: Omit<IntegratedGradientsOptions, 'output' | 'activation'>;
}

/** `x`: one record in the model's input layout [samples × leads]. */
export function gradCam(model: tf.LayersModel, x: Float32Array, opts: GradCamOptions): Attribution {
  const { nSamples, nLeads } = inputShape(model);
  if (x.length !== nSamples * nLeads) throw new RangeError(`input has ${x.length} values, the model takes ${nSamples * nLeads}`);
  const layer = opts.layerName ? model.getLayer(opts.layerName) : lastConvLayer(model);
  if (!layer) {
    const ig = integratedGradients(model, x, { ...opts.fallbackOptions, output: opts.output, activation: opts.activation });
    return { ...ig, fallback: 'no convolution layer: integrated gradients instead' };
  }
  const target: ExplainTarget = { output: opts.output, activation: opts.activation };
  const xT = tf.tensor3d(x, [1, nSamples, nLeads]);
  const original = layer.call;
  let captured: tf.Tensor | undefined;
  let override: tf.Tensor | undefined;
  // Forward: capture the activations; backward: feed them back in as the variable of the gradient.
  layer.call = function (this: AnyLayer, inputs, kwargs) {
    if (override) return override.clone(); // tfjs may dispose what a layer returns; the clone keeps `acts`
    const out = original.call(this, inputs, kwargs) as tf.Tensor;
    if (!captured) captured = tf.keep(out.clone());
    return out;
  };
  try {
    const { cam, camShape, inputGrad, value } = tf.tidy(() => {
      const y = selectOutput(model.apply(xT, { training: false }) as tf.Tensor, target);
      const value = y.dataSync()[0];
      const acts = captured!;
      const g = tf.grad((a: tf.Tensor) => {
        override = a;
        try {
          return selectOutput(model.apply(xT, { training: false }) as tf.Tensor, target).sum();
        } finally {
          override = undefined;
        }
      })(acts);
      const spatial = acts.shape.slice(1, -1);
      const axes = spatial.map((_, i) => i + 1);
      const alpha = g.mean(axes, true);
      const camT = tf.relu(tf.mul(alpha, acts).sum(-1)).squeeze([0]);
      const inputGrad = nLeads > 1 ? tf.grad((inp: tf.Tensor) => selectOutput(model.apply(inp, { training: false }) as tf.Tensor, target).sum())(xT) : undefined;
      return {
        cam: camT.dataSync() as Float32Array,
        camShape: spatial,
        inputGrad: inputGrad ? (tf.mul(inputGrad, xT).abs().dataSync() as Float32Array) : undefined,
        value,
      };
    });
    const attr = spreadCam(cam, camShape, nSamples, nLeads, inputGrad);
    return { method: 'grad-cam', nSamples, nLeads, attr, output: opts.output, value, layerName: layer.name };
  } finally {
    layer.call = original;
    tf.dispose([xT, captured as tf.Tensor]);
  }
}

/** Maps the layer's map [time'] or [time', leads'] to [samples × leads]. */
function spreadCam(cam: Float32Array, shape: number[], nSamples: number, nLeads: number, share?: Float32Array): Float32Array {
  const attr = new Float32Array(nSamples * nLeads);
  if (shape.length === 2 && nLeads > 1) {
    const [tn, ln] = shape;
    const cols: Float64Array[] = [];
    for (let c = 0; c < ln; c++) cols.push(resampleCentres(Array.from({ length: tn }, (_, t) => cam[t * ln + c]), nSamples));
    for (let t = 0; t < nSamples; t++) {
      const across = resampleCentres(cols.map((col) => col[t]), nLeads);
      for (let l = 0; l < nLeads; l++) attr[t * nLeads + l] = Math.max(0, across[l]);
    }
    return attr;
  }
  // 1-D map (or a 2-D map whose lead axis collapsed): average any second axis, then share among the leads.
  const tn = shape[0] ?? 1;
  const per = cam.length / tn;
  const line = Array.from({ length: tn }, (_, t) => {
    let s = 0;
    for (let c = 0; c < per; c++) s += cam[t * per + c];
    return s / per;
  });
  const time = resampleCentres(line, nSamples);
  for (let t = 0; t < nSamples; t++) {
    let tot = 0;
    if (share) for (let l = 0; l < nLeads; l++) tot += share[t * nLeads + l];
    for (let l = 0; l < nLeads; l++) {
      const w = share && tot > 0 ? share[t * nLeads + l] / tot : 1 / nLeads;
      attr[t * nLeads + l] = Math.max(0, time[t]) * w;
    }
  }
  return attr;
}
