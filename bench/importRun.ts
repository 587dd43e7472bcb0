/**
 * One import path of `npm run bench -- import`, in its own process (so its peak RSS is its own):
 * `tsx bench/importRun.ts <folder|zip|zip-in-memory|unzip-sync> <path> <rate>` → one JSON line on stdout.
 */
import { open, readFile } from 'node:fs/promises';
import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { unzipSync } from 'fflate';
import { readRecordings, readRecordingsFromArchive, readRecordingsFromSources, type InputFile, type SourceFile, type StreamReadOptions } from '../src/core/formats';
import { DatasetBuilder } from '../src/core/data/importDataset';
import { fileSource } from '../src/test-support/fileSource';

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const n of readdirSync(dir).sort()) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out;
}

/** A file on disk read whole when its record is read (what a dropped folder's File gives). */
function pathSource(name: string, path: string, size: number): SourceFile {
  return {
    name,
    size,
    read: async (offset, length) => {
      if (offset === 0 && length >= size) {
        const b = await readFile(path);
        return new Uint8Array(b.buffer, b.byteOffset, b.length);
      }
      const fh = await open(path, 'r');
      try {
        const buf = new Uint8Array(Math.max(0, Math.min(length, size - offset)));
        await fh.read(buf, 0, buf.length, offset);
        return buf;
      } finally {
        await fh.close();
      }
    },
  };
}

async function main(): Promise<void> {
  const [mode, target, rateArg] = process.argv.slice(2);
  const rate = Number(rateArg) as 100 | 500;
  const startRss = process.memoryUsage().rss;
  const t0 = performance.now();
  let builder: DatasetBuilder | undefined;
  let records = 0;
  const opts: StreamReadOptions = {
    keep: false,
    ptbxlRate: rate,
    onProgress: (_d, t) => {
      builder ??= new DatasetBuilder(Math.max(1, t));
    },
    onRecord: (r) => {
      builder ??= new DatasetBuilder(1);
      if (builder.add(r)) records++;
    },
  };
  let errors = 0;
  if (mode === 'folder') {
    const top = dirname(target);
    const files = walk(target).map((p) => pathSource(relative(top, p), p, statSync(p).size));
    errors = (await readRecordingsFromSources(files, opts)).errors.length;
  } else if (mode === 'zip') {
    const src = await fileSource(target);
    try {
      errors = (await readRecordingsFromArchive(src, basename(target), opts)).errors.length;
    } finally {
      await src.close();
    }
  } else if (mode === 'zip-in-memory') {
    errors = (await readRecordings([{ name: basename(target), data: new Uint8Array(await readFile(target)) }], opts)).errors.length;
  } else if (mode === 'unzip-sync') {
    const entries = unzipSync(new Uint8Array(await readFile(target)), { filter: (e) => !e.name.endsWith('/') });
    const files: InputFile[] = Object.entries(entries).map(([name, data]) => ({ name, data }));
    errors = (await readRecordings(files, opts)).errors.length;
  } else throw new Error(`unknown path ${mode}`);
  const ds = builder?.finish();
  const seconds = (performance.now() - t0) / 1000;
  const peakRss = process.resourceUsage().maxRSS * 1024;
  console.log(JSON.stringify({ records, dataset: ds?.n ?? 0, errors, seconds, peakRss, startRss }));
}

main().catch((err: unknown) => {
  console.log(JSON.stringify({ records: 0, seconds: 0, peakRss: 0, startRss: 0, error: err instanceof Error ? err.message : String(err) }));
  process.exit(1);
});
