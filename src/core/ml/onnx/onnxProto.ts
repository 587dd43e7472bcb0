/**
 * The subset of onnx.proto the exporter writes (field numbers from onnx/onnx.proto): ModelProto, GraphProto,
 * NodeProto, AttributeProto, TensorProto (raw little-endian data), ValueInfoProto with static or symbolic dims,
 * and metadata_props. `decodeOnnxModel` reads back the header, opsets, metadata and the graph's node types.
 */
import { ProtoWriter, readFields, utf8Decode } from './protobuf';

/** TensorProto.DataType values used here. */
export const DT_FLOAT = 1;
export const DT_INT64 = 7;

export interface OnnxTensor {
  name: string;
  dataType: typeof DT_FLOAT | typeof DT_INT64;
  dims: number[];
  data: Float32Array | number[];
}

export type OnnxAttr = number | string | number[] | string[] | { floats: number[] } | { float: number };

export interface OnnxNode {
  opType: string;
  name: string;
  inputs: string[];
  outputs: string[];
  /** Integers (and integer lists) are INT/INTS; use { float } / { floats } for FLOAT/FLOATS. */
  attrs?: Record<string, OnnxAttr>;
}

export interface OnnxValueInfo {
  name: string;
  /** A number is a fixed size, a string a symbolic one (e.g. "batch"). */
  dims: (number | string)[];
}

export interface OnnxModel {
  irVersion: number;
  opset: number;
  producerName: string;
  producerVersion: string;
  docString?: string;
  graphName: string;
  nodes: OnnxNode[];
  initializers: OnnxTensor[];
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
  metadata: Record<string, string>;
}

const ATTR_FLOAT = 1;
const ATTR_INT = 2;
const ATTR_STRING = 3;
const ATTR_FLOATS = 6;
const ATTR_INTS = 7;
const ATTR_STRINGS = 8;

function attribute(name: string, v: OnnxAttr): ProtoWriter {
  const w = new ProtoWriter().string(1, name);
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) throw new TypeError(`attribute ${name}: ${v} is not an integer (use { float })`);
    return w.int(20, ATTR_INT).int(3, v);
  }
  if (typeof v === 'string') return w.int(20, ATTR_STRING).string(4, v);
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x === 'string')) {
      w.int(20, ATTR_STRINGS);
      for (const s of v as string[]) w.string(9, s);
      return w;
    }
    for (const x of v as number[]) if (!Number.isInteger(x)) throw new TypeError(`attribute ${name}: ${x} is not an integer (use { floats })`);
    return w.int(20, ATTR_INTS).packedInts(8, v as number[]);
  }
  if ('float' in v) return w.int(20, ATTR_FLOAT).float(2, v.float);
  return w.int(20, ATTR_FLOATS).packedFloats(7, v.floats);
}

function node(n: OnnxNode): ProtoWriter {
  const w = new ProtoWriter();
  for (const i of n.inputs) w.string(1, i);
  for (const o of n.outputs) w.string(2, o);
  w.string(3, n.name).string(4, n.opType);
  for (const [k, v] of Object.entries(n.attrs ?? {})) w.message(5, attribute(k, v));
  return w;
}

function tensor(t: OnnxTensor): ProtoWriter {
  const w = new ProtoWriter().packedInts(1, t.dims).int(2, t.dataType).string(8, t.name);
  const n = t.data.length;
  const expected = t.dims.reduce((a, b) => a * b, 1);
  if (n !== expected) throw new RangeError(`initializer ${t.name}: ${n} values for dims [${t.dims.join(', ')}]`);
  const raw = new Uint8Array(n * (t.dataType === DT_FLOAT ? 4 : 8));
  const dv = new DataView(raw.buffer);
  for (let i = 0; i < n; i++) {
    if (t.dataType === DT_FLOAT) dv.setFloat32(i * 4, t.data[i], true);
    else dv.setBigInt64(i * 8, BigInt(t.data[i]), true);
  }
  return w.bytes(9, raw);
}

function valueInfo(v: OnnxValueInfo): ProtoWriter {
  const shape = new ProtoWriter();
  for (const d of v.dims) shape.message(1, typeof d === 'number' ? new ProtoWriter().int(1, d) : new ProtoWriter().string(2, d));
  const tensorType = new ProtoWriter().int(1, DT_FLOAT).message(2, shape);
  return new ProtoWriter().string(1, v.name).message(2, new ProtoWriter().message(1, tensorType));
}

/** Serialises the model to ONNX protobuf bytes. */
export function encodeOnnxModel(m: OnnxModel): Uint8Array {
  const g = new ProtoWriter();
  for (const n of m.nodes) g.message(1, node(n));
  g.string(2, m.graphName);
  for (const t of m.initializers) g.message(5, tensor(t));
  for (const i of m.inputs) g.message(11, valueInfo(i));
  for (const o of m.outputs) g.message(12, valueInfo(o));
  const w = new ProtoWriter().int(1, m.irVersion).string(2, m.producerName).string(3, m.producerVersion);
  if (m.docString) w.string(6, m.docString);
  w.message(7, g);
  w.message(8, new ProtoWriter().string(1, '').int(2, m.opset));
  for (const [k, v] of Object.entries(m.metadata)) w.message(14, new ProtoWriter().string(1, k).string(2, v));
  return w.finish();
}

export interface DecodedOnnx {
  irVersion: number;
  producerName: string;
  producerVersion: string;
  docString: string;
  opsets: { domain: string; version: number }[];
  metadata: Record<string, string>;
  graphName: string;
  opTypes: string[];
  initializerNames: string[];
  inputNames: string[];
  outputNames: string[];
}

const str = (b?: Uint8Array) => (b ? utf8Decode(b) : '');

/** Reads an ONNX file's header, opsets, metadata_props and graph outline (node op types, value names). */
export function decodeOnnxModel(bytes: Uint8Array): DecodedOnnx {
  const d: DecodedOnnx = {
    irVersion: 0,
    producerName: '',
    producerVersion: '',
    docString: '',
    opsets: [],
    metadata: {},
    graphName: '',
    opTypes: [],
    initializerNames: [],
    inputNames: [],
    outputNames: [],
  };
  const nameOf = (b: Uint8Array) => str(readFields(b).find((f) => f.field === 1)?.bytes);
  for (const f of readFields(bytes)) {
    if (f.field === 1) d.irVersion = Number(f.varint);
    else if (f.field === 2) d.producerName = str(f.bytes);
    else if (f.field === 3) d.producerVersion = str(f.bytes);
    else if (f.field === 6) d.docString = str(f.bytes);
    else if (f.field === 8) {
      const fs = readFields(f.bytes!);
      d.opsets.push({ domain: str(fs.find((x) => x.field === 1)?.bytes), version: Number(fs.find((x) => x.field === 2)?.varint ?? 0n) });
    } else if (f.field === 14) {
      const fs = readFields(f.bytes!);
      d.metadata[str(fs.find((x) => x.field === 1)?.bytes)] = str(fs.find((x) => x.field === 2)?.bytes);
    } else if (f.field === 7) {
      for (const g of readFields(f.bytes!)) {
        if (g.field === 1) d.opTypes.push(str(readFields(g.bytes!).find((x) => x.field === 4)?.bytes));
        else if (g.field === 2) d.graphName = str(g.bytes);
        else if (g.field === 5) d.initializerNames.push(str(readFields(g.bytes!).find((x) => x.field === 8)?.bytes));
        else if (g.field === 11) d.inputNames.push(nameOf(g.bytes!));
        else if (g.field === 12) d.outputNames.push(nameOf(g.bytes!));
      }
    }
  }
  return d;
}
