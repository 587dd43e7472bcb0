/**
 * Random-access byte sources: what the zip reader reads archives from, by slices, never whole.
 * A browser File/Blob adapts with `blobSource`; Node file handles with src/test-support/fileSource.ts.
 */

export interface RandomAccessSource {
  readonly size: number;
  /** `length` bytes from `offset` (fewer only at the end of the source). */
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** The part of a Blob/File the reader needs (structural: core has no DOM types). */
export interface BlobLike {
  readonly size: number;
  slice(start: number, end: number): { arrayBuffer(): Promise<ArrayBuffer> };
}

export function blobSource(blob: BlobLike): RandomAccessSource {
  return {
    size: blob.size,
    read: async (offset, length) => new Uint8Array(await blob.slice(offset, Math.min(blob.size, offset + length)).arrayBuffer()),
  };
}

/** Bytes already in memory (small archives, tests). */
export function bytesSource(data: Uint8Array): RandomAccessSource {
  return {
    size: data.length,
    read: async (offset, length) => data.subarray(offset, Math.min(data.length, offset + length)),
  };
}
