import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataPath, hasEcgData } from '../src/test-support/ecgData';
import { importFiles } from '../src/core/data/importDataset';
import { chunksOf, datasetName, rereadRecord, streamImport, type FileRef } from './dataImport';

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

describe('datasetName', () => {
  it('database, then folder, then file, then a count', () => {
    expect(datasetName([{ name: 'a.hea' }], { ludb: 3 }, 3)).toBe('LUDB');
    expect(datasetName([{ name: 'my-ecgs/a.hea' }, { name: 'my-ecgs/b.hea' }], {}, 2)).toBe('my-ecgs');
    expect(datasetName([{ name: 'x.edf' }], {}, 1)).toBe('x');
    expect(datasetName([{ name: 'a.hea' }, { name: 'b.hea' }], {}, 2)).toBe('2 records');
  });
});
