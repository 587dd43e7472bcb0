/** Model summary for the UI: layers, parameter counts, FLOPs per sample, cost-per-epoch estimate. */
import type * as tf from '@tensorflow/tfjs';

export interface LayerSummary {
  name: string;
  type: string;
  outputShape: (number | null)[];
  params: number;
  trainable: boolean;
  /** Multiply–adds × 2 (plus elementwise work) for one sample's forward pass. */
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
  /** Forward FLOPs per sample. */
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

function layerFlops(layer: tf.layers.Layer): number {
  const cls = layer.getClassName();
  const out = firstShape(layer.outputShape);
  const cfg = layer.getConfig() as Record<string, unknown>;
  const outSize = size(out.slice(1));
  switch (cls) {
    case 'Conv1D': {
      const k = (cfg.kernelSize as number[])[0];
      const kernel = layer.getWeights(false)[0];
      const cin = kernel?.shape[1] ?? 1;
      return 2 * k * cin * outSize + (cfg.useBias ? outSize : 0);
    }
    case 'Dense': {
      const kernel = layer.getWeights(false)[0];
      const nin = kernel?.shape[0] ?? 0;
      return 2 * nin * outSize;
    }
    case 'LSTM': {
      const units = cfg.units as number;
      const inShape = firstShape(layer.inputSpec?.[0]?.shape ?? [null, 1, 1]);
      const steps = (inShape[1] as number) ?? 1;
      const nin = (inShape[2] as number) ?? 1;
      return steps * (2 * 4 * units * (nin + units) + 10 * units);
    }
    case 'BatchNormalization':
      return 2 * outSize;
    case 'MaxPooling1D':
    case 'AveragePooling1D':
      return outSize * ((cfg.poolSize as number[] | undefined)?.[0] ?? 1);
    case 'ReLU':
    case 'Add':
    case 'Activation':
      return outSize;
    default:
      return 0;
  }
}

export function summarizeModel(model: tf.LayersModel): ModelSummary {
  const layers: LayerSummary[] = [];
  let flops = 0;
  for (const layer of model.layers) {
    if (layer.getClassName() === 'InputLayer') continue;
    const f = layerFlops(layer);
    flops += f;
    layers.push({
      name: layer.name,
      type: layer.getClassName(),
      outputShape: firstShape(layer.outputShape),
      params: countWeights(layer.weights),
      trainable: layer.trainable,
      flops: f,
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
