/**
 * Streaming zip reader: lists an archive from its central directory (zip64 included) and reads only the
 * entries asked for, one at a time, by bounded slices of a random-access source (a File, a file handle).
 * Never holds the archive or more than one entry. Every problem is a ZipError naming archive and entry;
 * one bad entry does not stop the others.
 */
import { readCentralDirectory, type ZipEntry } from './centralDirectory';
import { DEFAULT_LIMITS, checkEntry, readEntry, type EntryLimits } from './entryReader';
import { ZipError } from './errors';
import type { RandomAccessSource } from './source';

export { ZipError, ZIP_PROBLEM_CODE, type ZipProblem } from './errors';
export { blobSource, bytesSource, type BlobLike, type RandomAccessSource } from './source';
export { crc32, Crc32 } from './crc32';
export { DEFAULT_LIMITS, type EntryLimits } from './entryReader';
export type { ZipEntry } from './centralDirectory';

export interface ZipOptions extends Partial<EntryLimits> {
  /** Told of every slice read from the archive (offset, bytes). */
  onRead?(offset: number, bytes: number): void;
}

export type ZipItem = { entry: ZipEntry; data: Uint8Array; error?: undefined } | { entry: ZipEntry; error: ZipError; data?: undefined };

export class ZipArchive {
  /** Bytes read from the source so far (directory and entries). */
  bytesRead = 0;
  /** Entries read (inflated or refused after reading) so far. */
  entriesRead = 0;
  private readonly limits: EntryLimits;
  private readonly byName = new Map<string, ZipEntry>();

  private constructor(
    readonly source: RandomAccessSource,
    readonly name: string,
    readonly entries: ZipEntry[],
    /** Problems of the directory itself (the entries listed are still readable). */
    readonly errors: ZipError[],
    readonly zip64: boolean,
    /** No end record was found: the entries were listed from their local headers (a download cut short). */
    readonly recovered: boolean,
    private readonly opts: ZipOptions,
  ) {
    this.limits = {
      maxEntryBytes: opts.maxEntryBytes ?? DEFAULT_LIMITS.maxEntryBytes,
      maxRatio: opts.maxRatio ?? DEFAULT_LIMITS.maxRatio,
      chunkBytes: opts.chunkBytes ?? DEFAULT_LIMITS.chunkBytes,
    };
    for (const e of entries) if (!this.byName.has(e.name)) this.byName.set(e.name, e);
  }

  /** Reads the directory; throws a ZipError when the archive cannot be listed at all (no end record, …). */
  static async open(source: RandomAccessSource, name: string, opts: ZipOptions = {}): Promise<ZipArchive> {
    const chunk = opts.chunkBytes ?? DEFAULT_LIMITS.chunkBytes;
    const counted: RandomAccessSource = {
      size: source.size,
      read: async (o, n) => {
        const b = await source.read(o, n);
        opts.onRead?.(o, b.length);
        return b;
      },
    };
    const cd = await readCentralDirectory(counted, name, Math.max(chunk, 64 * 1024));
    const a = new ZipArchive(source, name, cd.entries, cd.errors, cd.zip64, cd.recovered, opts);
    a.bytesRead = cd.bytesRead;
    return a;
  }

  get(name: string): ZipEntry | undefined {
    return this.byName.get(name);
  }

  /** Why the entry would be refused without reading it (encrypted, method, bomb-like sizes), if it would. */
  check(entry: ZipEntry): ZipError | undefined {
    return checkEntry(this.name, entry, this.limits);
  }

  /** One entry's bytes, CRC-checked; throws a ZipError. */
  async read(entry: ZipEntry): Promise<Uint8Array> {
    this.entriesRead++;
    return readEntry(this.source, this.name, entry, this.limits, (o, n) => {
      this.bytesRead += n;
      this.opts.onRead?.(o, n);
    });
  }

  /**
   * The entries `filter` keeps (directories never), in archive order, one at a time; zip problems come per
   * entry, failures of the source itself (file gone) are thrown.
   */
  async *iterate(filter: (e: ZipEntry) => boolean = () => true): AsyncGenerator<ZipItem> {
    const list = this.entries.filter((e) => !e.isDirectory && filter(e)).sort((a, b) => a.offset - b.offset);
    for (const entry of list) {
      try {
        yield { entry, data: await this.read(entry) };
      } catch (err) {
        if (!(err instanceof ZipError)) throw err;
        yield { entry, error: err };
      }
    }
  }
}

export const openZip = ZipArchive.open;
