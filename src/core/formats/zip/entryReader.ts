/**
 * One entry's bytes: local header → data start, then stored or deflated data read by bounded slices,
 * inflated with fflate's streaming `Inflate` in small pushes, checked against its declared size and CRC-32.
 * Inflating stops as soon as the output passes the declared size (a lying entry never grows unbounded).
 */
import { Inflate, inflateSync } from 'fflate';
import { Crc32 } from './crc32';
import { u16, u32 } from './bytes';
import { ZipError } from './errors';
import type { ZipEntry } from './centralDirectory';
import type { RandomAccessSource } from './source';

const SIG_LOCAL = 0x04034b50;

export interface EntryLimits {
  /** Largest declared uncompressed size of one entry (default 1 GiB). */
  maxEntryBytes: number;
  /** Largest uncompressed/compressed ratio of a deflated entry (default 1000). */
  maxRatio: number;
  /** Bytes read from the archive at once (default 1 MiB). */
  chunkBytes: number;
}

export const DEFAULT_LIMITS: EntryLimits = { maxEntryBytes: 2 ** 30, maxRatio: 1000, chunkBytes: 2 ** 20 };

/** Compressed bytes handed to the inflater at once: bounds what one push can produce to ~1032× this. */
const PUSH_BYTES = 16 * 1024;
/**
 * Deflated entries up to this size, read in one slice, inflate in one call into a buffer one byte longer
 * than declared (a fuller buffer means the entry lies; fflate drops what does not fit, so memory stays
 * bounded): the streaming inflater's per-entry buffers cost more than the inflating for small files.
 */
const ONE_SHOT_BYTES = 256 * 1024;

const METHODS: Record<number, string> = { 1: 'shrink', 6: 'implode', 9: 'deflate64', 12: 'bzip2', 14: 'LZMA', 93: 'Zstandard', 95: 'xz', 98: 'PPMd', 99: 'AES encryption' };

/** Refuses an entry from its directory record alone (no read): encrypted, unknown method, bomb-like sizes. */
export function checkEntry(archive: string, e: ZipEntry, limits: EntryLimits): ZipError | undefined {
  const fail = (problem: ZipError['problem'], reason: string) => new ZipError(archive, e.name, problem, reason);
  if (e.problem) return e.problem;
  if (e.flags & 1 || e.method === 99) return fail('encrypted', 'entry is encrypted (password-protected archives are not supported)');
  if (e.method !== 0 && e.method !== 8) return fail('unsupported-method', `compression method ${e.method}${METHODS[e.method] ? ` (${METHODS[e.method]})` : ''} is not supported (only stored and deflate)`);
  if (e.size > limits.maxEntryBytes) return fail('bomb', `declares ${e.size} bytes uncompressed, beyond the cap of ${limits.maxEntryBytes}`);
  if (e.method === 8 && e.size > limits.maxRatio * Math.max(1, e.compressedSize)) {
    return fail('bomb', `declares ${e.size} bytes from ${e.compressedSize} compressed (ratio above ${limits.maxRatio}: zip bomb?)`);
  }
  if (e.method === 0 && e.size !== e.compressedSize) return fail('corrupt', `stored entry with compressed size ${e.compressedSize} ≠ size ${e.size}`);
  return undefined;
}

/**
 * Reads and checks one entry. `onRead(n)` is told every slice read from the archive (progress, tests).
 * Throws a ZipError naming the archive and the entry.
 */
export async function readEntry(src: RandomAccessSource, archive: string, e: ZipEntry, limits: EntryLimits = DEFAULT_LIMITS, onRead?: (offset: number, n: number) => void): Promise<Uint8Array> {
  const fail = (problem: ZipError['problem'], reason: string) => new ZipError(archive, e.name, problem, reason);
  const refused = checkEntry(archive, e, limits);
  if (refused) throw refused;
  if (e.size === 0 && e.compressedSize === 0) return new Uint8Array(0);
  if (e.offset + 30 > src.size) throw fail('truncated', `local header at ${e.offset} lies past the end of the archive (${src.size} bytes)`);
  const limit = e.offset + e.span;
  const read = async (offset: number, n: number) => {
    const b = await src.read(offset, n);
    onRead?.(offset, b.length);
    return b;
  };
  // The local header's extra field may differ from the directory's: guess generously, read more when short.
  const guess = Math.min(e.span, 30 + e.name.length * 4 + 256 + e.compressedSize, limits.chunkBytes);
  let head = await read(e.offset, Math.max(30, guess));
  if (head.length < 30) throw fail('truncated', `local header at ${e.offset} is cut short`);
  if (u32(head, 0) !== SIG_LOCAL) throw fail('corrupt', `bad local header signature at offset ${e.offset}`);
  const dataStart = e.offset + 30 + u16(head, 26) + u16(head, 28);
  const dataEnd = dataStart + e.compressedSize;
  if (dataEnd > src.size) throw fail('truncated', `data (${e.compressedSize} bytes at ${dataStart}) runs past the end of the archive (${src.size} bytes)`);
  if (dataEnd > limit) throw fail('corrupt', `data (${e.compressedSize} bytes at ${dataStart}) runs into the next entry or the central directory at ${limit}`);
  if (head.length > dataEnd - e.offset) head = head.subarray(0, dataEnd - e.offset);

  const grows = () => fail('bomb', `inflates past its declared size of ${e.size} bytes (stopped)`);
  if (e.method === 8 && e.compressedSize <= ONE_SHOT_BYTES && head.length === dataEnd - e.offset) {
    let got: Uint8Array;
    try {
      got = inflateSync(head.subarray(dataStart - e.offset), { out: new Uint8Array(e.size + 1) });
    } catch (err) {
      if (err instanceof RangeError) throw grows();
      throw fail('corrupt', `cannot inflate: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (got.length > e.size) throw grows();
    return checked(got, e, fail);
  }

  const out = new Uint8Array(e.size);
  const crc = new Crc32();
  let produced = 0;
  const take = (chunk: Uint8Array) => {
    if (produced + chunk.length > e.size) throw grows();
    out.set(chunk, produced);
    crc.update(chunk);
    produced += chunk.length;
  };
  let inflater: Inflate | undefined;
  if (e.method === 8) inflater = new Inflate((chunk) => take(chunk));
  const feed = (piece: Uint8Array, final: boolean) => {
    if (!inflater) return take(piece);
    for (let i = 0; i < piece.length || (final && i === 0); i += PUSH_BYTES) {
      const last = final && i + PUSH_BYTES >= piece.length;
      try {
        inflater.push(piece.subarray(i, i + PUSH_BYTES), last);
      } catch (err) {
        if (err instanceof ZipError) throw err;
        throw fail('corrupt', `cannot inflate: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  };
  let pos = dataStart;
  const first = head.subarray(dataStart - e.offset);
  if (dataStart - e.offset <= head.length) {
    pos += first.length;
    feed(first, pos >= dataEnd);
  }
  while (pos < dataEnd) {
    const piece = await read(pos, Math.min(limits.chunkBytes, dataEnd - pos));
    if (piece.length === 0) throw fail('truncated', `data cut short at offset ${pos}`);
    pos += piece.length;
    feed(piece, pos >= dataEnd);
  }
  if (produced !== e.size) throw fail('corrupt', `holds ${produced} bytes, its directory record declares ${e.size}`);
  return checkCrc(out, crc.value, e, fail);
}

type Fail = (problem: ZipError['problem'], reason: string) => ZipError;

/** Size and CRC of a whole inflated entry. */
function checked(data: Uint8Array, e: ZipEntry, fail: Fail): Uint8Array {
  if (data.length !== e.size) throw fail('corrupt', `holds ${data.length} bytes, its directory record declares ${e.size}`);
  const c = new Crc32();
  c.update(data);
  return checkCrc(data, c.value, e, fail);
}

function checkCrc(data: Uint8Array, got: number, e: ZipEntry, fail: Fail): Uint8Array {
  if (got !== e.crc32) throw fail('corrupt', `CRC-32 mismatch (stored ${hex(e.crc32)}, computed ${hex(got)})`);
  return data;
}

const hex = (n: number) => n.toString(16).padStart(8, '0');
