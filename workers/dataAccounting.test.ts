import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataPath, hasEcgData } from '../src/test-support/ecgData';
import { countFates } from '../src/core/formats';
import { streamImport, type FileRef } from './dataImport';

function refsUnder(dir: string, prefix: string): FileRef[] {
  const out: FileRef[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out.push({ name: `${prefix}/${relative(dir, p)}`, file: new Blob([readFileSync(p)]) });
    }
  };
  walk(dir);
  return out;
}

describe.skipIf(!hasEcgData)('streamImport accounts for every file', () => {
  it('PTB-XL with both rates, a CSV without time column and a junk file, in folder chunks', async () => {
    const refs = [
      ...refsUnder(dataPath('ptb-xl'), 'ptb-xl'),
      { name: 'ptb-xl/extra.csv', file: new Blob(['I,II\n' + Array.from({ length: 2500 }, (_, i) => `${Math.sin(i / 9).toFixed(3)},${Math.cos(i / 7).toFixed(3)}`).join('\n')]) },
      { name: 'ptb-xl/junk.bin', file: new Blob([new Uint8Array([0, 1, 2])]) },
    ];
    const res = await streamImport(refs, { ptbxlRate: 100, chunkBytes: 24_000 });
    expect(res.files).toHaveLength(refs.length);
    expect(new Set(res.files.map((f) => f.file)).size).toBe(refs.length);
    const n = countFates(res.files);
    expect(n.record + n.part + n.skipped + n.failed).toBe(refs.length);
    const by = Object.fromEntries(res.files.map((f) => [f.file, f]));
    expect(by['ptb-xl/extra.csv']).toMatchObject({ fate: 'failed', code: 'needs-sampling-rate' });
    expect(res.errors.find((e) => e.file === 'ptb-xl/extra.csv')).toMatchObject({ rows: 2500, guessFs: 250 });
    expect(by['ptb-xl/junk.bin']).toMatchObject({ fate: 'failed', code: 'unknown-format' });
    expect(by['ptb-xl/ptbxl_database.csv'].fate).toBe('part');
    const hi = res.files.filter((f) => f.file.includes('/records500/'));
    expect(hi.length).toBeGreaterThan(0);
    for (const f of hi) expect(f).toMatchObject({ fate: 'skipped', note: 'PTB-XL 500 Hz file, 100 Hz chosen' });
    // Records the dataset builder left out (no diagnostic statement) are skipped with its reason.
    expect(n.record).toBe(res.dataset!.n);
    expect(n.skipped - hi.length - 1).toBe(res.skipped.length); // the LICENSE.txt
    const again = await streamImport([refs.find((r) => r.name === 'ptb-xl/extra.csv')!], { csvFs: 250 });
    expect(again.files).toEqual([{ file: 'ptb-xl/extra.csv', fate: 'record', note: 'read as a record' }]);
    expect(again.dataset!.n).toBe(1);
  });
});
