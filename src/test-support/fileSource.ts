/** Node adapter for the zip reader: a file on disk as a random-access source, read with a file handle. */
import { open } from 'node:fs/promises';
import type { RandomAccessSource } from '../core/formats/zip/source';

export interface FileSource extends RandomAccessSource {
  close(): Promise<void>;
}

export async function fileSource(path: string): Promise<FileSource> {
  const fh = await open(path, 'r');
  const { size } = await fh.stat();
  return {
    size,
    async read(offset, length) {
      const n = Math.max(0, Math.min(length, size - offset));
      const buf = new Uint8Array(n);
      let got = 0;
      while (got < n) {
        const { bytesRead } = await fh.read(buf, got, n - got, offset + got);
        if (bytesRead === 0) break;
        got += bytesRead;
      }
      return got === n ? buf : buf.subarray(0, got);
    },
    close: () => fh.close(),
  };
}
