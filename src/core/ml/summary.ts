/** Model summary for the UI: layers, parameter counts, multiply–adds and FLOPs per sample, cost-per-epoch estimate. */
import type * as tf from '@tensorflow/tfjs';

export interface LayerSummary {
  name: string;
  type: string;
  outputShape: (number | null)[];
  params: number;
  trainable: boolean;
  /** Multiply–adds of one sample's forward pass (see `layerCost`). */
  macs: number;
  /** Multiply–adds × 2 plus elementwise work for one sample's forward pass. */
  flops: number;
}

export interface ModelSummary {
  name: string;
  inputShape: (number | null)[];
  layers: LayerSummary[];
  /** Trainable parameters (what PyTorch's sum(p.numel() for p in parameters()) counts). */
  trainableParams: number;
  /** Non-trainable state (batch-norm running mean/variance, frozen layers). */
  nonTrainableParams: number;
  totalParams: number;
  /** Forward multiply–adds per sample (the "MACs" model tables quote). */
  macsPerSample: number;
  /** Forward FLOPs per sample (≈ 2 × MACs plus elementwise work). */
  flopsPerSample: number;
}

function size(shape: (number | null)[]): number {
  return shape.reduce<number>((a, b) => a * (b ?? 1), 1);
}

function firstShape(s: tf.Shape | tf.Shape[]): (number | null)[] {
  return (Array.isArray(s[0]) || s.length === 0 ? (s as tf.Shape[])[0] : (s as tf.Shape)) ?? [];
}

function countWeights(ws: tf.LayerVariable[]): number {
  return ws.reduce((a, w) => a + size(w.shape), 0);
}

function inShape(layer: tf.layers.Layer): (number | null)[] {
  try {
    const x = layer.input;
    return (Array.isArray(x) ? x[0] : x).shape;
  } catch {
    return [];
  }
}

/** Elementwise work of a layer's built-in activation (1 op per output; GELU and tanh are counted as 1 too). */
function activationFlops(cfg: Record<string, unknown>, outSize: number): number {
  return cfg.activation && cfg.activation !== 'linear' ? outSize : 0;
}

/** Gates and elementwise ops per unit and step of the recurrent cells (beyond the gate matrix products). */
const RECURRENT: Record<string, { gates: number; perUnit: number }> = {
  LSTM: { gates: 4, perUnit: 10 },
  GRU: { gates: 3, perUnit: 8 },
  SimpleRNN: { gates: 1, perUnit: 2 },
};

/**
 * Multiply–adds and FLOPs of one layer for one sample's forward pass. MACs count the products of the weight
 * layers (conv, dense, recurrent gates, attention projections and its two token × token products) and the affine
 * step of batch/layer norm; FLOPs are 2 × MACs plus biases, activations, softmax, pooling and other elementwise
 * work (1 op per element per operation).
 */
export function layerCost(layer: tf.layers.Layer): { macs: number; flops: number } {
  const cls = layer.getClassName();
  const out = firstShape(layer.outputShape);
  const cfg = layer.getConfig() as Record<string, unknown>;
  const outSize = size(out.slice(1));
  const ins = inShape(layer);
  const inSize = size(ins.slice(1));
  const kernel = (): number[] => layer.weights[0]?.shape as number[] ?? [];
  const bias = cfg.useBias ? outSize : 0;
  switch (cls) {
    case 'Conv1D':
    case 'Conv2D': {
      // kernel [k, cin, cout] or [kh, kw, cin, cout]: one output element takes k·cin (kh·kw·cin) products
      const kshape = kernel();
      const macs = (size(kshape) / (kshape[kshape.length - 1] || 1)) * outSize;
      return { macs, flops: 2 * macs + bias + activationFlops(cfg, outSize) };
    }
    case 'Dense': {
      const macs = (kernel()[0] ?? 0) * outSize;
      return { macs, flops: 2 * macs + bias + activationFlops(cfg, outSize) };
    }
    case 'LSTM':
    case 'GRU':
    case 'SimpleRNN': {
      const { gates, perUnit } = RECURRENT[cls];
      const units = cfg.units as number;
      const steps = (ins[1] as number | null) ?? 1;
      const nin = (ins[2] as number | null) ?? 1;
      const macs = steps * gates * units * (nin + units);
      return { macs, flops: 2 * macs + steps * units * (gates + perUnit) };
    }
    case 'EcgMultiHeadSelfAttention': {
      const n = (ins[1] as number | null) ?? 1;
      const d = (ins[2] as number | null) ?? 1;
      const h = cfg.numHeads as number;
      const hk = h * (cfg.keyDim as number);
      // Q, K, V and output projections, then QKᵀ and attention·V (each h·n·n·k)
      const macs = 4 * n * d * hk + 2 * n * n * hk;
      // biases (3·hk + d per token), the 1/√k scaling and a softmax (max, exp, sum, divide) over h·n·n scores
      return { macs, flops: 2 * macs + n * (3 * hk + d) + 5 * h * n * n };
    }
    case 'BatchNormalization':
      return { macs: outSize, flops: 2 * outSize };
    case 'LayerNormalization':
      // mean, variance (subtract, square-add), normalise (subtract, scale), then γ·x + β
      return { macs: outSize, flops: 7 * outSize };
    case 'MaxPooling1D':
    case 'AveragePooling1D':
    case 'MaxPooling2D':
    case 'AveragePooling2D':
      return { macs: 0, flops: outSize * size((cfg.poolSize as number[] | undefined) ?? [1]) };
    case 'GlobalMaxPooling1D':
    case 'GlobalAveragePooling1D':
    case 'GlobalMaxPooling2D':
    case 'GlobalAveragePooling2D':
      return { macs: 0, flops: inSize };
    case 'ReLU':
    case 'Add':
    case 'Activation':
    case 'EcgPositionEmbedding':
      return { macs: 0, flops: outSize };
    default:
      return { macs: 0, flops: 0 };
  }
}

export function summarizeModel(model: tf.LayersModel): ModelSummary {
  const layers: LayerSummary[] = [];
  let flops = 0;
  let macs = 0;
  for (const layer of model.layers) {
    if (layer.getClassName() === 'InputLayer') continue;
    const c = layerCost(layer);
    flops += c.flops;
    macs += c.macs;
    layers.push({
      name: layer.name,
      type: layer.getClassName(),
      outputShape: firstShape(layer.outputShape),
      params: countWeights(layer.weights),
      trainable: layer.trainable,
      macs: c.macs,
      flops: c.flops,
    });
  }
  const trainableParams = countWeights(model.trainableWeights);
  const nonTrainableParams = countWeights(model.nonTrainableWeights);
  return {
    name: model.name,
    inputShape: firstShape(model.inputs[0].shape),
    layers,
    trainableParams,
    nonTrainableParams,
    totalParams: trainableParams + nonTrainableParams,
    macsPerSample: macs,
    flopsPerSample: flops,
  };
}

/**
 * Seconds per epoch: a training step costs about 3× the forward FLOPs (forward + two backward products).
 * `gflops` is the sustained throughput of the backend (measure it with `measureTrainThroughput`).
 */
export function estimateEpochSeconds(flopsPerSample: number, nTrain: number, gflops: number, nEval = 0): number {
  return (3 * flopsPerSample * nTrain + flopsPerSample * nEval) / (gflops * 1e9);
}

/** Rough sustained GFLOP/s by backend, used before any measurement is available. */
export const TYPICAL_GFLOPS: Record<string, number> = { webgpu: 100, webgl: 30, wasm: 10, cpu: 0.2 };
