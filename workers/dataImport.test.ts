import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataPath, hasEcgData } from '../src/test-support/ecgData';
import { importFiles } from '../src/core/data/importDataset';
import { zipSync } from 'fflate';
import { ImportCancelled } from '../src/core/formats';
import { chunksOf, datasetName, rereadRecord, streamImport, type FileRef } from './dataImport';

async function zipRefs(rs: FileRef[]): Promise<FileRef> {
  const entries: Record<string, Uint8Array> = {};
  for (const r of rs) entries[r.name] = new Uint8Array(await r.file.arrayBuffer());
  return { name: 'ptb-xl.zip', file: new Blob([zipSync(entries, { level: 1 })]) };
}

function refsUnder(dir: string, prefix: string, skip?: RegExp): FileRef[] {
  const out: FileRef[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else {
        const name = `${prefix}/${relative(dir, p)}`;
        if (!skip?.test(name)) out.push({ name, file: new Blob([readFileSync(p)]) });
      }
    }
  };
  walk(dir);
  return out;
}

describe.skipIf(!hasEcgData)('streamImport', () => {
  it('PTB-XL in folder chunks gives the same dataset as one pass and as core importFiles; records re-read on demand', async () => {
    // Two folders (records 1–50 and 51–100), as a full PTB-XL has 22 of them.
    const refs = refsUnder(dataPath('ptb-xl'), 'ptb-xl', /records500/).map((r) => {
      const m = /records100\/00000\/(\d{5})_lr/.exec(r.name);
      return m ? { ...r, name: r.name.replace('/00000/', Number(m[1]) <= 50 ? '/00000a/' : '/00000b/') } : r;
    });
    const chunks = chunksOf(refs, 24_000);
    expect(chunks.filter((c) => c.some((f) => f.name.endsWith(".hea")))).toHaveLength(2);
    for (const c of chunks) expect(c.filter((f) => f.name.endsWith('.csv'))).toHaveLength(2);
    const one = await streamImport(refs, { ptbxlRate: 100 });
    const many = await streamImport(refs, { ptbxlRate: 100, chunkBytes: 24_000 });
    const inputs = await Promise.all(refs.map(async (r) => ({ name: r.name, data: new Uint8Array(await r.file.arrayBuffer()) })));
    const core = await importFiles(inputs, { ptbxlRate: 100 });
    for (const d of [one.dataset!, many.dataset!]) {
      expect(d.n).toBe(95);
      expect(d.fingerprint).toBe(core.dataset.fingerprint);
      expect(Array.from(d.y!)).toEqual(Array.from(core.dataset.y!));
    }
    expect(one.dataset!.name).toBe('PTB-XL');
    expect(many.skipped.map((s) => s.record)).toEqual(core.skipped.map((s) => s.record));
    expect(many.errors).toEqual([]);
    const src = many.sources.get('00001_lr')!;
    expect(src.files!.map((f) => f.name).sort()).toEqual(['ptb-xl/records100/00000a/00001_lr.dat', 'ptb-xl/records100/00000a/00001_lr.hea']);
    const rec = (await rereadRecord(src))!;
    expect(rec.fs).toBe(100);
    expect(rec.signals).toHaveLength(12);
    expect(rec.signals[0].length).toBe(1000);
  });

  it('the other PTB-XL rate is never read; a target rate resamples', async () => {
    const refs = refsUnder(dataPath('ptb-xl'), 'ptb-xl');
    let read = 0;
    const counted = refs.map((r) => ({ name: r.name, file: { size: r.file.size, arrayBuffer: () => (read++, r.file.arrayBuffer()) } as unknown as Blob }));
    const res = await streamImport(counted, { ptbxlRate: 100, fs: 50 });
    expect(read).toBe(refs.filter((r) => !r.name.includes('records500')).length);
    expect(res.dataset!.fs).toBe(50);
    expect(res.dataset!.nSamples).toBe(500);
  });

  it('LUDB: named after its database, wave annotations kept for zipped imports via re-read or metadata', async () => {
    const refs = refsUnder(dataPath('ludb', 'data'), 'data').filter((r) => /\/(1|2)\.[a-z0-9]+$/.test(r.name));
    const res = await streamImport(refs, {});
    expect(res.dataset!.n).toBe(2);
    expect(res.dataset!.name).toBe('LUDB');
    const rec = (await rereadRecord(res.sources.get('1')!))!;
    expect(rec.annotations!.some((a) => a.symbol === '(')).toBe(true);
  });
});

describe.skipIf(!hasEcgData)('streamImport progress and cancel', () => {
  const refs = () => refsUnder(dataPath('ptb-xl'), 'ptb-xl', /records500/);
  const zipOf = (rs: FileRef[]) => zipRefs(rs);

  it('folder in chunks: bytes read rise to every byte of the drop once, records to the count', async () => {
    const rs = refs();
    const bytes: [number, number][] = [];
    let last = 0;
    const res = await streamImport(rs, { ptbxlRate: 100, chunkBytes: 24_000, onBytes: (d, t) => void bytes.push([d, t]) }, (d) => void (last = d));
    const total = rs.reduce((a, r) => a + r.file.size, 0);
    expect(bytes.length).toBeGreaterThan(10);
    for (const [, t] of bytes) expect(t).toBe(total);
    for (let i = 1; i < bytes.length; i++) expect(bytes[i][0]).toBeGreaterThanOrEqual(bytes[i - 1][0]);
    expect(bytes[bytes.length - 1][0]).toBe(total);
    expect(last).toBe(res.recordCount);
  });

  it('a zip: bytes of the entries read rise to their total', async () => {
    const zip = await zipOf(refs());
    const bytes: [number, number][] = [];
    const res = await streamImport([zip], { ptbxlRate: 100, onBytes: (d, t) => void bytes.push([d, t]) });
    expect(res.dataset!.n).toBe(95);
    const [d, t] = bytes[bytes.length - 1];
    expect(t).toBeGreaterThan(0);
    expect(d).toBe(t);
  });

  it('aborting stops at the next record with ImportCancelled, folder and zip; before it starts, nothing is read', async () => {
    for (const input of [refs(), [await zipOf(refs())]]) {
      const signal = { aborted: false };
      let records = 0;
      await expect(
        streamImport(input, { ptbxlRate: 100, chunkBytes: 24_000, signal }, (d) => {
          records = d;
          if (d >= 10) signal.aborted = true;
        }),
      ).rejects.toBeInstanceOf(ImportCancelled);
      expect(records).toBeGreaterThanOrEqual(10);
      expect(records).toBeLessThan(20);
    }
    let read = 0;
    const counted = refs().map((r) => ({ name: r.name, file: { size: r.file.size, arrayBuffer: () => (read++, r.file.arrayBuffer()) } as unknown as Blob }));
    await expect(streamImport(counted, { signal: { aborted: true } })).rejects.toBeInstanceOf(ImportCancelled);
    expect(read).toBe(0);
  });
});

describe('datasetName', () => {
  it('database, then folder, then file, then a count', () => {
    expect(datasetName([{ name: 'a.hea' }], { ludb: 3 }, 3)).toBe('LUDB');
    expect(datasetName([{ name: 'my-ecgs/a.hea' }, { name: 'my-ecgs/b.hea' }], {}, 2)).toBe('my-ecgs');
    expect(datasetName([{ name: 'x.edf' }], {}, 1)).toBe('x');
    expect(datasetName([{ name: 'a.hea' }, { name: 'b.hea' }], {}, 2)).toBe('2 records');
  });
});
