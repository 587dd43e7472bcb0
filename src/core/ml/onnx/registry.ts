/**
 * Per-layer-class converters, keyed by tfjs class name (`layer.getClassName()`). A converter emits the ONNX nodes
 * of one layer call and returns the names of its outputs, in the graph's layout (see ./graph.ts). New layer
 * classes register here (`registerLayerConverter`); a class without a converter fails the export by name.
 */
import type * as tf from '@tensorflow/tfjs';
import type { GraphBuilder, Value } from './graph';

export interface LayerWeight {
  shape: number[];
  data: Float32Array;
}

export interface LayerContext {
  g: GraphBuilder;
  layer: tf.layers.Layer;
  className: string;
  /** The layer's name, the base of its value names. */
  name: string;
  /** `layer.getConfig()` (tfjs camelCase keys). */
  config: Record<string, unknown>;
  inputs: Value[];
  /** tfjs shapes of the call's outputs (null batch). */
  outputShapes: (number | null)[][];
  /** A weight by its short name (`kernel`, `bias`, `gamma`, `moving_mean`, `recurrent_kernel`, …). */
  weight(short: string): LayerWeight | undefined;
  /** As `weight`, throwing when the layer has none of that name. */
  needWeight(short: string): LayerWeight;
  /** Throws an UnsupportedLayerError naming this layer and the reason. */
  unsupported(reason: string): never;
}

export type LayerConverter = (ctx: LayerContext) => string | string[];

export class UnsupportedLayerError extends Error {
  override name = 'UnsupportedLayerError';
  constructor(
    readonly className: string,
    readonly layerName: string,
    reason?: string,
  ) {
    super(
      reason
        ? `ONNX export: layer "${layerName}" (${className}): ${reason}`
        : `ONNX export: unsupported layer class ${className} (layer "${layerName}"); supported: ${supportedLayerClasses().join(', ')}`,
    );
  }
}

const registry = new Map<string, LayerConverter>();

export function registerLayerConverter(className: string, convert: LayerConverter): void {
  registry.set(className, convert);
}

export function layerConverter(className: string): LayerConverter | undefined {
  return registry.get(className);
}

export function supportedLayerClasses(): string[] {
  return [...registry.keys()].sort();
}

/** Integer config entry that tfjs stores as a number or a one-element-per-axis array. */
export function intList(v: unknown, n: number, what: string): number[] {
  const a = Array.isArray(v) ? (v as number[]) : [v as number];
  if (a.length === 1 && n > 1) return Array(n).fill(a[0]);
  if (a.length !== n || a.some((x) => !Number.isInteger(x))) throw new TypeError(`${what}: expected ${n} integer(s), got ${JSON.stringify(v)}`);
  return a;
}
