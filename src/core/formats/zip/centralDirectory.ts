/**
 * End-of-central-directory record (zip64 locator and record included) and the central directory itself:
 * the entry list, read by bounded slices from the end of the archive, without touching any entry's data.
 */
import { crc32 } from './crc32';
import { decodeCp437, decodeUtf8, u16, u32, u64 } from './bytes';
import { ZipError } from './errors';
import type { RandomAccessSource } from './source';

const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const EOCD_SIZE = 22;
/** The end record sits in the last 22 bytes plus a comment of at most 65 535 bytes. */
const EOCD_SEARCH = EOCD_SIZE + 0xffff;

export interface ZipEntry {
  /** Position in the central directory. */
  readonly index: number;
  /** Path inside the archive ('/' separated). */
  readonly name: string;
  readonly method: number;
  /** General-purpose bit flags (bit 0: encrypted, bit 3: data descriptor, bit 11: UTF-8 name). */
  readonly flags: number;
  readonly crc32: number;
  readonly compressedSize: number;
  /** Declared uncompressed size. */
  readonly size: number;
  /** Offset of the local header. */
  readonly offset: number;
  /** Bytes from the local header to the next entry's local header (or the central directory): no read of this entry goes past it. */
  readonly span: number;
  readonly isDirectory: boolean;
  /** Sizes or offset came from a zip64 extra field. */
  readonly zip64: boolean;
  /** A problem found in the central directory (data shared with another entry, offset inside the directory): reading the entry fails with it. */
  readonly problem?: ZipError;
}

export interface CentralDirectory {
  entries: ZipEntry[];
  /** Problems that cut the directory short (the entries before them are listed). */
  errors: ZipError[];
  /** The archive used zip64 end records. */
  zip64: boolean;
  /** Bytes read to list the entries. */
  bytesRead: number;
  /** No end record: the entries were listed from their local headers. */
  recovered: boolean;
}

interface EndRecord {
  entries: number;
  cdSize: number;
  cdOffset: number;
  /** Where the central directory must end (the zip64 end record or the end record). */
  cdLimit: number;
  zip64: boolean;
}

async function readEnd(src: RandomAccessSource, archive: string, count: (n: number) => void): Promise<EndRecord> {
  const fail = (problem: 'corrupt' | 'truncated' | 'unsupported', reason: string) => new ZipError(archive, undefined, problem, reason);
  if (src.size < EOCD_SIZE) throw fail('truncated', `${src.size} bytes: too short for a zip archive (no end-of-central-directory record)`);
  // Most archives have no comment: the last 22 bytes are the end record. Else search the last 64 KiB.
  let tailStart = src.size - EOCD_SIZE;
  let tail = await src.read(tailStart, EOCD_SIZE);
  count(tail.length);
  if (!(u32(tail, 0) === SIG_EOCD && u16(tail, 20) === 0)) {
    tailStart = Math.max(0, src.size - EOCD_SEARCH);
    tail = await src.read(tailStart, src.size - tailStart);
    count(tail.length);
  }
  // Last signature whose comment length reaches exactly the end; else the last signature at all.
  let at = -1;
  for (let i = tail.length - EOCD_SIZE; i >= 0; i--) {
    if (u32(tail, i) !== SIG_EOCD) continue;
    if (i + EOCD_SIZE + u16(tail, i + 20) === tail.length) {
      at = i;
      break;
    }
    if (at < 0) at = i;
  }
  if (at < 0) throw fail('truncated', 'no end-of-central-directory record: the archive is truncated or not a zip');
  const eocdPos = tailStart + at;
  const disk = u16(tail, at + 4);
  const cdDisk = u16(tail, at + 6);
  let entries = u16(tail, at + 10);
  let cdSize = u32(tail, at + 12);
  let cdOffset = u32(tail, at + 16);
  let cdLimit = eocdPos;
  let zip64 = false;
  const locAt = at - 20;
  const hasLocator = locAt >= 0 ? u32(tail, locAt) === SIG_ZIP64_LOCATOR : eocdPos >= 20 && u32(await src.read(eocdPos - 20, 4), 0) === SIG_ZIP64_LOCATOR;
  if (hasLocator) {
    const loc = locAt >= 0 ? tail.subarray(locAt, at) : await src.read(eocdPos - 20, 20);
    const z64Offset = u64(loc, 8);
    const disks = u32(loc, 16);
    if (disks > 1) throw fail('unsupported', `split over ${disks} disks: multi-part archives are not supported`);
    if (z64Offset === undefined || z64Offset + 56 > eocdPos - 20) throw fail('corrupt', 'zip64 end-of-central-directory locator points outside the archive');
    const rec = await src.read(z64Offset, 56);
    count(rec.length);
    if (u32(rec, 0) !== SIG_ZIP64_EOCD) throw fail('corrupt', `bad zip64 end-of-central-directory signature at offset ${z64Offset}`);
    if (u32(rec, 16) !== 0 || u32(rec, 20) !== 0) throw fail('unsupported', 'multi-part archives are not supported');
    const n = u64(rec, 32);
    const size = u64(rec, 40);
    const off = u64(rec, 48);
    if (n === undefined || size === undefined || off === undefined) throw fail('unsupported', 'zip64 sizes beyond 2^53 bytes');
    entries = n;
    cdSize = size;
    cdOffset = off;
    cdLimit = z64Offset;
    zip64 = true;
  } else {
    if (disk !== 0 || cdDisk !== 0) throw fail('unsupported', 'multi-part archives are not supported');
    if (entries === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) throw fail('corrupt', 'zip64 values in the end record but no zip64 locator');
  }
  if (cdOffset + cdSize > src.size) throw fail('truncated', `central directory (${cdSize} bytes at ${cdOffset}) runs past the end of the archive (${src.size} bytes)`);
  if (cdOffset + cdSize > cdLimit) throw fail('corrupt', `central directory (${cdSize} bytes at ${cdOffset}) overlaps the end record at ${cdLimit}`);
  return { entries, cdSize, cdOffset, cdLimit, zip64 };
}

/** The zip64 extended-information extra field (0x0001): only the fields whose 32-bit values are saturated, in this order. */
function zip64Fields(extra: Uint8Array, need: { size: boolean; csize: boolean; offset: boolean }): { size?: number; csize?: number; offset?: number } | 'bad' | undefined {
  for (let i = 0; i + 4 <= extra.length; ) {
    const id = u16(extra, i);
    const len = u16(extra, i + 2);
    if (id === 0x0001) {
      const body = extra.subarray(i + 4, i + 4 + len);
      const out: { size?: number; csize?: number; offset?: number } = {};
      let p = 0;
      for (const k of ['size', 'csize', 'offset'] as const) {
        if (!need[k]) continue;
        if (p + 8 > body.length) return 'bad';
        const v = u64(body, p);
        if (v === undefined) return 'bad';
        out[k] = v;
        p += 8;
      }
      return out;
    }
    i += 4 + len;
  }
  return undefined;
}

/** Info-ZIP Unicode path extra field (0x7075): a UTF-8 name, valid while the CRC of the raw name matches. */
function unicodePath(extra: Uint8Array, rawName: Uint8Array): string | undefined {
  for (let i = 0; i + 4 <= extra.length; ) {
    const id = u16(extra, i);
    const len = u16(extra, i + 2);
    if (id === 0x7075 && len >= 5 && extra[i + 4] === 1 && u32(extra, i + 5) === crc32(rawName)) return decodeUtf8(extra.subarray(i + 9, i + 4 + len));
    i += 4 + len;
  }
  return undefined;
}

type RawEntry = Omit<ZipEntry, 'span' | 'problem'>;

/**
 * Without an end record (a download cut short), lists what the local headers still give, front to back;
 * stops at the first entry whose size only a data descriptor after it would tell.
 */
async function scanLocalHeaders(src: RandomAccessSource, archive: string, count: (n: number) => void): Promise<{ raw: RawEntry[]; stop?: ZipError }> {
  const raw: RawEntry[] = [];
  let pos = 0;
  while (pos + 30 <= src.size) {
    let h = await src.read(pos, Math.min(src.size - pos, 30 + 1024));
    count(h.length);
    if (u32(h, 0) !== SIG_LOCAL) break;
    const nameLen = u16(h, 26);
    const extraLen = u16(h, 28);
    if (30 + nameLen + extraLen > h.length) {
      h = await src.read(pos, 30 + nameLen + extraLen);
      count(h.length);
      if (h.length < 30 + nameLen + extraLen) break;
    }
    const flags = u16(h, 6);
    const rawName = h.subarray(30, 30 + nameLen);
    const extra = h.subarray(30 + nameLen, 30 + nameLen + extraLen);
    const name = (flags & 0x800 ? decodeUtf8(rawName) : (unicodePath(extra, rawName) ?? decodeCp437(rawName))).replace(/\\/g, '/');
    let size = u32(h, 22);
    let csize = u32(h, 18);
    let zip64 = false;
    if (size === 0xffffffff || csize === 0xffffffff) {
      const z = zip64Fields(extra, { size: true, csize: true, offset: false });
      if (z === undefined || z === 'bad') return { raw, stop: new ZipError(archive, name, 'corrupt', 'saturated 32-bit size without a zip64 extra field; the entries after it are not listed') };
      size = z.size!;
      csize = z.csize!;
      zip64 = true;
    }
    if (flags & 8 && csize === 0 && !name.endsWith('/')) {
      return { raw, stop: new ZipError(archive, name, 'truncated', 'its size is only in a data descriptor after its data; this entry and the ones after it are not listed') };
    }
    raw.push({ index: raw.length, name, method: u16(h, 8), flags, crc32: u32(h, 14), compressedSize: csize, size, offset: pos, isDirectory: name.endsWith('/'), zip64 });
    pos += 30 + nameLen + extraLen + csize;
    if (flags & 8) {
      const dd = await src.read(pos, 4);
      pos += (dd.length === 4 && u32(dd, 0) === 0x08074b50 ? 4 : 0) + (zip64 ? 16 : 12);
    }
  }
  return { raw };
}

/** Spans (each local header up to the next one, or `dataLimit`) and problems: overlapping entries, headers outside the data. */
function withSpans(archive: string, raw: RawEntry[], dataLimit: number, size: number): ZipEntry[] {
  // Entries sharing a local header are overlapping-data zip bombs or damage; the directory holds no entry data.
  const order = raw.map((_, i) => i).sort((a, b) => raw[a].offset - raw[b].offset);
  const entries = new Array<ZipEntry>(raw.length);
  for (let k = 0; k < order.length; k++) {
    const e = raw[order[k]];
    let next = dataLimit;
    for (let j = k + 1; j < order.length; j++) {
      if (raw[order[j]].offset > e.offset) {
        next = raw[order[j]].offset;
        break;
      }
    }
    const span = Math.max(0, Math.min(next, dataLimit) - e.offset);
    let problem: ZipError | undefined;
    if (e.offset + 30 > size) problem = new ZipError(archive, e.name, 'truncated', `local header offset ${e.offset} lies past the end of the archive (${size} bytes)`);
    else if (e.offset + 30 > dataLimit) problem = new ZipError(archive, e.name, 'corrupt', `local header offset ${e.offset} lies in or after the central directory (${dataLimit})`);
    else if (k > 0 && raw[order[k - 1]].offset === e.offset) problem = new ZipError(archive, e.name, 'corrupt', `shares its data with "${raw[order[k - 1]].name}" (overlapping entries)`);
    entries[order[k]] = problem ? { ...e, span, problem } : { ...e, span };
  }
  return entries;
}

export async function readCentralDirectory(src: RandomAccessSource, archive: string, chunkBytes = 4 * 2 ** 20): Promise<CentralDirectory> {
  let bytesRead = 0;
  const count = (n: number) => (bytesRead += n);
  let end: EndRecord;
  try {
    end = await readEnd(src, archive, count);
  } catch (err) {
    if (!(err instanceof ZipError) || err.problem !== 'truncated' || !/no end-of-central-directory/.test(err.message)) throw err;
    const { raw, stop } = await scanLocalHeaders(src, archive, count);
    if (!raw.length) throw err;
    const note = new ZipError(archive, undefined, 'truncated', `no end-of-central-directory record (truncated?): ${raw.length} entries recovered from their local headers`);
    return { entries: withSpans(archive, raw, src.size, src.size), errors: stop ? [note, stop] : [note], zip64: false, bytesRead, recovered: true };
  }
  const errors: ZipError[] = [];
  const raw: RawEntry[] = [];
  const cdEnd = end.cdOffset + end.cdSize;
  let buf: Uint8Array = new Uint8Array(0);
  let bufStart = end.cdOffset;
  let pos = end.cdOffset;
  /** Makes [pos, pos + n) available in buf; false when it would pass the end of the directory. */
  const need = async (n: number): Promise<boolean> => {
    if (pos + n > cdEnd) return false;
    if (pos + n <= bufStart + buf.length) return true;
    const len = Math.min(cdEnd - pos, Math.max(n, chunkBytes));
    buf = await src.read(pos, len);
    count(buf.length);
    bufStart = pos;
    return buf.length >= n;
  };
  for (let index = 0; pos < cdEnd; index++) {
    if (!(await need(46))) {
      errors.push(new ZipError(archive, undefined, 'corrupt', `central directory entry ${index + 1} is cut short at offset ${pos}`));
      break;
    }
    let b = buf.subarray(pos - bufStart);
    if (u32(b, 0) !== SIG_CENTRAL) {
      errors.push(new ZipError(archive, undefined, 'corrupt', `bad central directory signature at offset ${pos} (entry ${index + 1}); the entries after it are not listed`));
      break;
    }
    const recLen = 46 + u16(b, 28) + u16(b, 30) + u16(b, 32);
    if (!(await need(recLen))) {
      errors.push(new ZipError(archive, undefined, 'corrupt', `central directory entry ${index + 1} is cut short at offset ${pos}`));
      break;
    }
    b = buf.subarray(pos - bufStart, pos - bufStart + recLen);
    const flags = u16(b, 8);
    const nameLen = u16(b, 28);
    const rawName = b.subarray(46, 46 + nameLen);
    const extra = b.subarray(46 + nameLen, 46 + nameLen + u16(b, 30));
    let name = flags & 0x800 ? decodeUtf8(rawName) : (unicodePath(extra, rawName) ?? decodeCp437(rawName));
    name = name.replace(/\\/g, '/');
    let csize = u32(b, 20);
    let size = u32(b, 24);
    let offset = u32(b, 42);
    const need64 = { size: size === 0xffffffff, csize: csize === 0xffffffff, offset: offset === 0xffffffff };
    let zip64 = false;
    pos += recLen;
    if (u16(b, 34) !== 0 && u16(b, 34) !== 0xffff) {
      errors.push(new ZipError(archive, name, 'unsupported', 'entry lies on another part of a multi-part archive'));
      continue;
    }
    if (need64.size || need64.csize || need64.offset) {
      const z = zip64Fields(extra, need64);
      if (z === undefined || z === 'bad') {
        errors.push(new ZipError(archive, name, 'corrupt', z === 'bad' ? 'zip64 extra field too short or beyond 2^53' : 'saturated 32-bit size or offset without a zip64 extra field'));
        continue;
      }
      size = z.size ?? size;
      csize = z.csize ?? csize;
      offset = z.offset ?? offset;
      zip64 = true;
    }
    raw.push({ index, name, method: u16(b, 10), flags, crc32: u32(b, 16), compressedSize: csize, size, offset, isDirectory: name.endsWith('/'), zip64 });
  }
  if (!errors.length && raw.length !== end.entries && end.entries !== raw.length % 0x10000) {
    errors.push(new ZipError(archive, undefined, 'corrupt', `the end record announces ${end.entries} entries, the central directory holds ${raw.length}`));
  }
  return { entries: withSpans(archive, raw, end.cdOffset, src.size), errors, zip64: end.zip64, bytesRead, recovered: false };
}
