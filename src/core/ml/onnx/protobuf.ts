/**
 * A minimal protobuf wire-format writer and reader: varints (int32/int64/enum, negatives as 64-bit two's
 * complement), fixed32 floats and length-delimited fields (strings, bytes, nested messages, packed arrays).
 * Enough for the ONNX ModelProto subset of ./onnxProto.ts; no schema, no runtime dependency.
 */

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_LEN = 2;
const WIRE_FIXED32 = 5;

/** UTF-8 bytes of a string (surrogate pairs joined). */
export function utf8Encode(s: string): Uint8Array {
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

export function utf8Decode(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; ) {
    const c = b[i++];
    let cp: number;
    if (c < 0x80) cp = c;
    else if (c < 0xe0) cp = ((c & 31) << 6) | (b[i++] & 63);
    else if (c < 0xf0) cp = ((c & 15) << 12) | ((b[i++] & 63) << 6) | (b[i++] & 63);
    else cp = ((c & 7) << 18) | ((b[i++] & 63) << 12) | ((b[i++] & 63) << 6) | (b[i++] & 63);
    s += String.fromCodePoint(cp);
  }
  return s;
}

/** Appends fields to a growing list of byte chunks; `finish()` joins them. */
export class ProtoWriter {
  private chunks: Uint8Array[] = [];
  private pending: number[] = [];

  private flush(): void {
    if (this.pending.length) {
      this.chunks.push(Uint8Array.from(this.pending));
      this.pending = [];
    }
  }

  private varint(v: number | bigint): void {
    if (typeof v === 'number') {
      if (!Number.isInteger(v)) throw new RangeError(`varint of non-integer ${v}`);
      if (v >= 0 && v <= 0x7fffffff) {
        let x = v;
        while (x > 0x7f) {
          this.pending.push((x & 0x7f) | 0x80);
          x >>>= 7;
        }
        this.pending.push(x);
        return;
      }
      v = BigInt(v);
    }
    let x = BigInt.asUintN(64, v);
    while (x > 0x7fn) {
      this.pending.push(Number(x & 0x7fn) | 0x80);
      x >>= 7n;
    }
    this.pending.push(Number(x));
  }

  private tag(field: number, wire: number): void {
    this.varint(field * 8 + wire);
  }

  /** int32 / int64 / enum field. */
  int(field: number, v: number | bigint): this {
    this.tag(field, WIRE_VARINT);
    this.varint(v);
    return this;
  }

  float(field: number, v: number): this {
    this.tag(field, WIRE_FIXED32);
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, v, true);
    this.pending.push(...b);
    return this;
  }

  bytes(field: number, data: Uint8Array): this {
    this.tag(field, WIRE_LEN);
    this.varint(data.length);
    this.flush();
    this.chunks.push(data);
    return this;
  }

  string(field: number, s: string): this {
    return this.bytes(field, utf8Encode(s));
  }

  message(field: number, m: ProtoWriter): this {
    return this.bytes(field, m.finish());
  }

  packedInts(field: number, vs: ArrayLike<number>): this {
    const w = new ProtoWriter();
    for (let i = 0; i < vs.length; i++) w.varint(vs[i]);
    return this.bytes(field, w.finish());
  }

  packedFloats(field: number, vs: ArrayLike<number>): this {
    const b = new Uint8Array(vs.length * 4);
    const dv = new DataView(b.buffer);
    for (let i = 0; i < vs.length; i++) dv.setFloat32(i * 4, vs[i], true);
    return this.bytes(field, b);
  }

  finish(): Uint8Array {
    this.flush();
    if (this.chunks.length === 1) return this.chunks[0];
    let n = 0;
    for (const c of this.chunks) n += c.length;
    const out = new Uint8Array(n);
    let o = 0;
    for (const c of this.chunks) {
      out.set(c, o);
      o += c.length;
    }
    this.chunks = [out];
    return out;
  }
}

/** One decoded field: varints as bigint, fixed32/fixed64 as their raw bytes, length-delimited as a byte view. */
export interface ProtoField {
  field: number;
  wire: number;
  varint?: bigint;
  bytes?: Uint8Array;
}

/** Splits a message into its fields (in order; repeated fields appear once per occurrence). */
export function readFields(buf: Uint8Array): ProtoField[] {
  const out: ProtoField[] = [];
  let i = 0;
  const varint = (): bigint => {
    let x = 0n;
    let shift = 0n;
    for (;;) {
      if (i >= buf.length) throw new RangeError('truncated varint');
      const b = buf[i++];
      x |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return x;
      shift += 7n;
    }
  };
  while (i < buf.length) {
    const key = Number(varint());
    const field = key >>> 3;
    const wire = key & 7;
    if (wire === WIRE_VARINT) out.push({ field, wire, varint: varint() });
    else if (wire === WIRE_LEN || wire === WIRE_FIXED32 || wire === WIRE_FIXED64) {
      const n = wire === WIRE_LEN ? Number(varint()) : wire === WIRE_FIXED32 ? 4 : 8;
      if (i + n > buf.length) throw new RangeError('truncated field');
      out.push({ field, wire, bytes: buf.subarray(i, i + n) });
      i += n;
    } else throw new RangeError(`unsupported wire type ${wire}`);
  }
  return out;
}
