/**
 * Hand-made zip archives for reader tests: every header field can be set or broken on purpose
 * (zip64 records and extra fields, flags, methods, CRCs, sizes), which fflate's writer never does.
 */
import { deflateSync } from 'fflate';
import { crc32 } from '../core/formats/zip/crc32';

export interface CraftEntry {
  name: string;
  data: Uint8Array;
  /** 0 stored, 8 deflate (default), anything else written as is with the data deflated. */
  method?: number;
  /** Bytes written as the entry's data instead of `data` stored or deflated (broken streams). */
  body?: Uint8Array;
  flags?: number;
  /** Overrides of what the central directory declares. */
  crc?: number;
  size?: number;
  compressedSize?: number;
  /** Write sizes and offset as 0xFFFFFFFF with a zip64 extra field (local and central). */
  zip64?: boolean;
  /** Name bytes as given (e.g. CP437) instead of UTF-8 with flag bit 11. */
  rawName?: Uint8Array;
  /** Replace the local header signature (corrupt archives). */
  localSignature?: number;
}

export interface CraftOptions {
  /** Write a zip64 end record and locator, the classic end record saturated. */
  zip64End?: boolean;
  comment?: string;
}

class Out {
  parts: Uint8Array[] = [];
  length = 0;
  push(b: Uint8Array) {
    this.parts.push(b);
    this.length += b.length;
  }
  bytes(): Uint8Array {
    const o = new Uint8Array(this.length);
    let p = 0;
    for (const b of this.parts) o.set(b, (p += b.length) - b.length);
    return o;
  }
}

function fields(spec: [number, number][]): Uint8Array {
  const n = spec.reduce((a, [w]) => a + w, 0);
  const b = new Uint8Array(n);
  const dv = new DataView(b.buffer);
  let p = 0;
  for (const [w, v] of spec) {
    if (w === 2) dv.setUint16(p, v, true);
    else if (w === 4) dv.setUint32(p, v >>> 0, true);
    else dv.setBigUint64(p, BigInt(v), true);
    p += w;
  }
  return b;
}

const cat = (...a: Uint8Array[]) => {
  const o = new Out();
  for (const b of a) o.push(b);
  return o.bytes();
};

export function craftZip(entries: CraftEntry[], opts: CraftOptions = {}): Uint8Array {
  const out = new Out();
  const central = new Out();
  const enc = new TextEncoder();
  for (const e of entries) {
    const method = e.method ?? 8;
    const body = e.body ?? (method === 0 ? e.data : deflateSync(e.data));
    const name = e.rawName ?? enc.encode(e.name);
    const flags = (e.flags ?? 0) | (e.rawName ? 0 : 0x800);
    const crc = e.crc ?? crc32(e.data);
    const size = e.size ?? e.data.length;
    const csize = e.compressedSize ?? body.length;
    const offset = out.length;
    const sat = (v: number) => (e.zip64 ? 0xffffffff : v);
    const localExtra = e.zip64 ? cat(fields([[2, 1], [2, 16], [8, size], [8, csize]])) : new Uint8Array(0);
    const local = fields([[4, e.localSignature ?? 0x04034b50], [2, e.zip64 ? 45 : 20], [2, flags], [2, method], [2, 0], [2, 0x21], [4, crc], [4, sat(csize)], [4, sat(size)], [2, name.length], [2, localExtra.length]]);
    out.push(cat(local, name, localExtra, body));
    const cdExtra = e.zip64 ? cat(fields([[2, 1], [2, 24], [8, size], [8, csize], [8, offset]])) : new Uint8Array(0);
    const cd = fields([[4, 0x02014b50], [2, 45], [2, e.zip64 ? 45 : 20], [2, flags], [2, method], [2, 0], [2, 0x21], [4, crc], [4, sat(csize)], [4, sat(size)], [2, name.length], [2, cdExtra.length], [2, 0], [2, 0], [2, 0], [4, 0], [4, sat(offset)]]);
    central.push(cat(cd, name, cdExtra));
  }
  const cdOffset = out.length;
  const cdBytes = central.bytes();
  out.push(cdBytes);
  const comment = enc.encode(opts.comment ?? '');
  const n = entries.length;
  if (opts.zip64End) {
    const z64At = out.length;
    out.push(fields([[4, 0x06064b50], [8, 44], [2, 45], [2, 45], [4, 0], [4, 0], [8, n], [8, n], [8, cdBytes.length], [8, cdOffset]]));
    out.push(fields([[4, 0x07064b50], [4, 0], [8, z64At], [4, 1]]));
    out.push(fields([[4, 0x06054b50], [2, 0xffff], [2, 0xffff], [2, 0xffff], [2, 0xffff], [4, 0xffffffff], [4, 0xffffffff], [2, comment.length]]));
  } else {
    out.push(fields([[4, 0x06054b50], [2, 0], [2, 0], [2, n], [2, n], [4, cdBytes.length], [4, cdOffset], [2, comment.length]]));
  }
  out.push(comment);
  return out.bytes();
}
