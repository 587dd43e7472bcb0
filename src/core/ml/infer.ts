/**
 * Inference with batch normalization folded into the preceding convolution.
 *
 * `foldedPredictor(model)` snapshots the model's weights and walks its layer graph. Every Conv1D (channels last,
 * dilation 1, 'same'/'valid') becomes one `tf.fused.conv2d` with bias; when the conv's only consumer is a
 * BatchNormalization (inference mode: moving statistics), the BN is folded into it —
 *   s = γ / √(σ² + ε),  w′[k, ci, co] = w[k, ci, co]·s[co],  b′[co] = (b[co] − μ[co])·s[co] + β[co]  (b = 0 without bias)
 * — and when the next sole consumer is a ReLU (or Activation('relu')), that too, so conv → BN → ReLU is one kernel
 * (the wasm FusedConv2D of src/core/ml/kernels: bias + ReLU in the convolution's epilogue). Every other layer runs
 * through its own `layer.apply` on concrete tensors (inference mode), so results match `model.predict` up to f32
 * rounding of the folded weights. Graphs it cannot walk (several inputs/outputs, shared layers, nested models)
 * fall back to `model.predict`.
 *
 * A MaxPooling1D that is the sole consumer of such a block joins it on wasm (kernels/forward/convPool.ts: conv → bias → ReLU
 * → max pool in one kernel, the same results as the two ops); elsewhere it runs as tf.maxPool after the fused conv.
 *
 * The weights are copied when the predictor is built: build a new one after the model is trained further.
 *
 * Folding reads the weights on the CPU. `foldedPredictorAsync` reads them with `await data()`, which every backend
 * supports; `foldedPredictor` reads them synchronously (`dataSync`), which is free on cpu/wasm but on webgpu goes
 * through tfjs-webgpu's canvas read-back — on Chromium's software adapter that returns zeros and destroys the
 * device (docs/performance.md, "WebGPU"). Code that may run on a GPU backend uses the async builder.
 */
import * as tf from '@tensorflow/tfjs';
import { convPool, convPoolApplies } from './kernels';

export interface FoldedPredictor {
  predict(x: tf.Tensor): tf.Tensor;
  dispose(): void;
  /** Number of conv layers that run as one fused op, and how many BatchNormalizations were folded into them. */
  readonly fusedConvs: number;
  /** MaxPooling1D layers joined to the fused conv before them (one wasm kernel; two ops on other backends). */
  readonly fusedPools: number;
  readonly foldedBatchNorms: number;
  /** True when the graph could not be walked and `predict` is `model.predict`. */
  readonly fallback: boolean;
}

type AnyLayer = tf.layers.Layer;
/** tfjs-layers' Node (not exported): what we read of it. */
interface LayerNode {
  inboundLayers: AnyLayer[];
  nodeIndices: number[];
  tensorIndices: number[];
}
type Step = (values: Map<AnyLayer, tf.Tensor>) => void;

const cls = (l: AnyLayer): string => l.getClassName();
const cfg = (l: AnyLayer): Record<string, unknown> => l.getConfig() as Record<string, unknown>;
const one = (v: unknown): unknown => (Array.isArray(v) ? (v.length === 1 ? v[0] : undefined) : v);

function isRelu(l: AnyLayer): boolean {
  const c = cfg(l);
  if (cls(l) === 'ReLU') return (c.maxValue == null) && !c.threshold && !c.negativeSlope;
  return cls(l) === 'Activation' && c.activation === 'relu';
}

function convOk(l: AnyLayer): boolean {
  const c = cfg(l);
  return (
    cls(l) === 'Conv1D' &&
    (c.padding === 'same' || c.padding === 'valid') &&
    (c.dataFormat ?? 'channelsLast') === 'channelsLast' &&
    (one(c.dilationRate) ?? 1) === 1 &&
    (c.activation === 'linear' || c.activation === 'relu')
  );
}

/** A MaxPooling1D the fused conv can take: channels last, 'same'/'valid'; its window and stride. */
function poolOf(l: AnyLayer | undefined): { size: number; stride: number; pad: 'same' | 'valid' } | null {
  if (!l || cls(l) !== 'MaxPooling1D') return null;
  const c = cfg(l);
  if ((c.dataFormat ?? 'channelsLast') !== 'channelsLast' || (c.padding !== 'same' && c.padding !== 'valid')) return null;
  const size = Number(one(c.poolSize));
  const stride = Number(one(c.strides ?? c.poolSize) ?? size);
  return Number.isInteger(size) && Number.isInteger(stride) ? { size, stride, pad: c.padding } : null;
}

function bnOk(l: AnyLayer): boolean {
  const c = cfg(l);
  return cls(l) === 'BatchNormalization' && (c.axis === -1 || c.axis === 2);
}

/** A weight tensor's values on the CPU. */
type ReadValues = (t: tf.Tensor) => ArrayLike<number>;

const readSync: ReadValues = (t) => t.dataSync() as Float32Array;

/** The folded filter [1, K, Cin, Cout] and bias [Cout] of a conv (optionally followed by a BN). */
function foldWeights(conv: AnyLayer, bn: AnyLayer | undefined, read: ReadValues): { filter: tf.Tensor4D; bias: tf.Tensor1D } {
  const [kernel, convBias] = conv.getWeights();
  const [K, Cin, Cout] = kernel.shape;
  const w = read(kernel);
  const b = cfg(conv).useBias && convBias ? read(convBias) : new Float32Array(Cout);
  const scale = new Float64Array(Cout).fill(1);
  const shift = Float64Array.from(b);
  if (bn) {
    const c = cfg(bn);
    const ws = bn.getWeights(); // [gamma?, beta?, movingMean, movingVariance]
    let i = 0;
    const gamma = c.scale ? read(ws[i++]) : undefined;
    const beta = c.center ? read(ws[i++]) : undefined;
    const mean = read(ws[i++]);
    const variance = read(ws[i++]);
    const eps = Number(c.epsilon);
    for (let co = 0; co < Cout; co++) {
      const s = (gamma ? gamma[co] : 1) / Math.sqrt(variance[co] + eps);
      scale[co] = s;
      shift[co] = (b[co] - mean[co]) * s + (beta ? beta[co] : 0);
    }
  }
  const wf = new Float32Array(w.length);
  for (let j = 0; j < w.length; j++) wf[j] = w[j] * scale[j % Cout];
  return { filter: tf.tensor4d(wf, [1, K, Cin, Cout]), bias: tf.tensor1d(Float32Array.from(shift)) };
}

function fallbackPredictor(model: tf.LayersModel): FoldedPredictor {
  return {
    predict: (x) => model.predict(x) as tf.Tensor,
    dispose: () => {},
    fusedConvs: 0,
    fusedPools: 0,
    foldedBatchNorms: 0,
    fallback: true,
  };
}

/**
 * `foldedPredictor` with every weight read by `await data()` first (no synchronous GPU read): use it where the
 * backend may be webgpu or webgl. Same predictor, same numbers.
 */
export async function foldedPredictorAsync(model: tf.LayersModel): Promise<FoldedPredictor> {
  const tensors = model.weights.map((w) => w.read());
  const values = await Promise.all(tensors.map((t) => t.data()));
  const byId = new Map<number, ArrayLike<number>>(tensors.map((t, i) => [t.id, values[i] as Float32Array]));
  return foldedPredictor(model, (t) => byId.get(t.id) ?? readSync(t));
}

export function foldedPredictor(model: tf.LayersModel, read: ReadValues = readSync): FoldedPredictor {
  if (model.inputs.length !== 1 || model.outputs.length !== 1) return fallbackPredictor(model);
  const layers = model.layers;
  const inSet = new Set(layers);
  const nodeOf = new Map<AnyLayer, LayerNode>();
  const consumers = new Map<AnyLayer, AnyLayer[]>();
  for (const l of layers) {
    const nodes = (l as unknown as { inboundNodes: LayerNode[] }).inboundNodes;
    if (nodes.length !== 1 || cls(l) === 'Functional' || cls(l) === 'Model' || cls(l) === 'Sequential') return fallbackPredictor(model);
    const node = nodes[0];
    if (node.nodeIndices.some((i) => i !== 0) || node.tensorIndices.some((i) => i !== 0)) return fallbackPredictor(model);
    if (node.inboundLayers.some((p) => !inSet.has(p))) return fallbackPredictor(model);
    nodeOf.set(l, node);
    for (const p of node.inboundLayers) consumers.set(p, [...(consumers.get(p) ?? []), l]);
  }
  const inputLayer = layers.find((l) => cls(l) === 'InputLayer');
  const outputLayer = (model.outputs[0] as unknown as { sourceLayer: AnyLayer }).sourceLayer;
  if (!inputLayer || !inSet.has(outputLayer)) return fallbackPredictor(model);
  /** The sole consumer of `l`, when `l`'s output is used by nothing else (and is not the model's output). */
  const sole = (l: AnyLayer): AnyLayer | undefined => {
    const c = consumers.get(l) ?? [];
    return c.length === 1 && l !== outputLayer ? c[0] : undefined;
  };

  const owned: tf.Tensor[] = [];
  const steps: Step[] = [];
  const skipped = new Set<AnyLayer>();
  let fusedConvs = 0;
  let fusedPools = 0;
  let foldedBatchNorms = 0;
  for (const l of layers) {
    if (l === inputLayer || skipped.has(l)) continue;
    const inputs = nodeOf.get(l)!.inboundLayers;
    if (convOk(l)) {
      const c = cfg(l);
      let last = l;
      let bn: AnyLayer | undefined;
      let relu = c.activation === 'relu';
      const next = sole(l);
      if (!relu && next && bnOk(next)) {
        bn = last = next;
        const after = sole(next);
        if (after && isRelu(after)) {
          last = after;
          relu = true;
        }
      }
      const absorbed = [bn, last];
      const poolLayer = sole(last);
      const pool = poolOf(poolLayer);
      if (pool) absorbed.push((last = poolLayer!));
      for (const s of absorbed) if (s && s !== l) skipped.add(s);
      const { filter, bias } = foldWeights(l, bn, read);
      owned.push(filter, bias);
      const stride = Number(one(c.strides) ?? 1);
      const pad = c.padding as 'same' | 'valid';
      const src = inputs[0];
      const cout = filter.shape[3];
      steps.push((v) => {
        const x = v.get(src)! as tf.Tensor3D;
        const y = tf.tidy(() => {
          if (pool && convPoolApplies(x, cout)) {
            return convPool(x, filter, bias, { stride, pad, relu, poolSize: pool.size, poolStride: pool.stride, poolPad: pool.pad });
          }
          const conv = tf.fused.conv2d({ x: x.expandDims<tf.Tensor4D>(1), filter, strides: [1, stride], pad, bias, activation: relu ? 'relu' : 'linear' });
          return (pool ? tf.maxPool(conv, [1, pool.size], [1, pool.stride], pool.pad) : conv).squeeze([1]);
        });
        v.set(last, y);
      });
      fusedConvs++;
      if (pool) fusedPools++;
      if (bn) foldedBatchNorms++;
      continue;
    }
    steps.push((v) => {
      const xs = inputs.map((p) => v.get(p)!);
      v.set(l, l.apply(xs.length === 1 ? xs[0] : xs) as tf.Tensor);
    });
  }

  return {
    predict(x: tf.Tensor): tf.Tensor {
      return tf.tidy(() => {
        const values = new Map<AnyLayer, tf.Tensor>([[inputLayer, x]]);
        for (const step of steps) step(values);
        return values.get(outputLayer)!;
      });
    },
    dispose(): void {
      tf.dispose(owned);
      owned.length = 0;
    },
    fusedConvs,
    fusedPools,
    foldedBatchNorms,
    fallback: false,
  };
}
