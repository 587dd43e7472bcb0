/**
 * The ONNX graph under construction and the layout convention of the exporter.
 *
 * tfjs tensors are channels last ([batch, time, channels] for conv1d); ONNX Conv, pooling and BatchNormalization
 * are channels first. Every value of rank ≥ 3 is therefore held channels first in the graph (tfjs axis r−1 is
 * ONNX axis 1, tfjs axes 1…r−2 shift by one): one Transpose after the model input, none between conv layers, and
 * layers that need the tfjs order (Flatten, recurrent layers, Dense on sequences) transpose locally.
 */
import { DT_FLOAT, DT_INT64, type OnnxAttr, type OnnxNode, type OnnxTensor } from './onnxProto';

/** A graph value standing for a tfjs tensor of shape `shape` (tfjs order, null batch). */
export interface Value {
  name: string;
  shape: (number | null)[];
}

/** ONNX axis of tfjs axis `axis` (negative counts from the end) for a value of tfjs rank `rank`. */
export function onnxAxis(axis: number, rank: number): number {
  const a = axis < 0 ? axis + rank : axis;
  if (a < 0 || a >= rank) throw new RangeError(`axis ${axis} outside rank ${rank}`);
  if (rank < 3 || a === 0) return a;
  return a === rank - 1 ? 1 : a + 1;
}

/** Permutation taking the channels-first graph value back to tfjs order, and its inverse. */
export function toTfPerm(rank: number): number[] {
  return rank < 3 ? [...Array(rank).keys()] : [0, ...Array.from({ length: rank - 2 }, (_, i) => i + 2), 1];
}
export function fromTfPerm(rank: number): number[] {
  return rank < 3 ? [...Array(rank).keys()] : [0, rank - 1, ...Array.from({ length: rank - 2 }, (_, i) => i + 1)];
}

export class GraphBuilder {
  readonly nodes: OnnxNode[] = [];
  readonly initializers: OnnxTensor[] = [];
  private names = new Set<string>();

  /** A value name not used yet, from `base` (ONNX names must be unique in the graph). */
  unique(base: string): string {
    const clean = base.replace(/[^A-Za-z0-9_./:-]/g, '_') || 'v';
    let n = clean;
    for (let k = 1; this.names.has(n); k++) n = `${clean}_${k}`;
    this.names.add(n);
    return n;
  }

  /** Adds a node; returns its output names (`nOutputs` of them, named from `base`). */
  ops(opType: string, inputs: string[], base: string, attrs?: Record<string, OnnxAttr>, nOutputs = 1): string[] {
    const outputs = Array.from({ length: nOutputs }, (_, i) => this.unique(nOutputs === 1 ? base : `${base}_out${i}`));
    this.nodes.push({ opType, name: this.unique(`${base}_${opType}`), inputs, outputs, ...(attrs ? { attrs } : {}) });
    return outputs;
  }

  op(opType: string, inputs: string[], base: string, attrs?: Record<string, OnnxAttr>): string {
    return this.ops(opType, inputs, base, attrs)[0];
  }

  floats(base: string, dims: number[], data: Float32Array | number[]): string {
    const name = this.unique(base);
    this.initializers.push({ name, dataType: DT_FLOAT, dims, data: data instanceof Float32Array ? data : Float32Array.from(data) });
    return name;
  }

  int64s(base: string, data: number[]): string {
    const name = this.unique(base);
    this.initializers.push({ name, dataType: DT_INT64, dims: [data.length], data });
    return name;
  }

  transpose(x: string, perm: number[], base: string): string {
    return perm.every((p, i) => p === i) ? x : this.op('Transpose', [x], base, { perm });
  }
}
