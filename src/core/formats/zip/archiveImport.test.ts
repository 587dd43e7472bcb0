import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataPath, hasEcgData } from '../../../test-support/ecgData';
import { fileSource, type FileSource } from '../../../test-support/fileSource';
import { DatasetBuilder } from '../../data/importDataset';
import { ImportCancelled, readRecordings, readRecordingsFromArchive, readRecordingsFromSources, type InputFile, type ReadResult, type Recording, type SourceFile } from '../index';
import { blobSource, bytesSource, openZip, type RandomAccessSource, type ZipEntry } from './index';

/** Every file under `dir`, named `prefix/<path>` (PTB-XL as PhysioNet lays it out). */
function folder(dir: string, prefix: string): InputFile[] {
  const out: InputFile[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out.push({ name: `${prefix}/${relative(dir, p).replace(/\\/g, '/')}`, data: new Uint8Array(readFileSync(p)) });
    }
  };
  walk(dir);
  return out;
}

/** Records every slice read. */
function recording(src: RandomAccessSource): RandomAccessSource & { reads: [number, number][] } {
  const reads: [number, number][] = [];
  return { size: src.size, reads, read: (o, n) => (reads.push([o, n]), src.read(o, n)) };
}

/** Entries any read touched (a read overlapping [offset, offset + span)). */
function touched(entries: ZipEntry[], reads: [number, number][]): Set<string> {
  const out = new Set<string>();
  for (const e of entries) if (reads.some(([o, n]) => o < e.offset + e.span && o + n > e.offset)) out.add(e.name);
  return out;
}

const sameFloats = (a: Float32Array, b: Float32Array) => a.length === b.length && Buffer.compare(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), new Uint8Array(b.buffer, b.byteOffset, b.byteLength)) === 0;

function expectSameRecordings(a: Recording[], b: Recording[]) {
  expect(a.map((r) => r.name)).toEqual(b.map((r) => r.name));
  for (let i = 0; i < a.length; i++) {
    const { signals: sa, file: fa, ...ra } = a[i];
    const { signals: sb, file: fb, ...rb } = b[i];
    expect(ra).toEqual(rb);
    expect(fa).toBe(fb);
    expect(sa.length).toBe(sb.length);
    for (let l = 0; l < sa.length; l++) expect(sameFloats(sa[l], sb[l]), `${a[i].name} lead ${l}`).toBe(true);
  }
}

function fingerprint(res: ReadResult): { fp: string; n: number } {
  const b = new DatasetBuilder(res.recordings.length);
  for (const r of res.recordings) b.add(r);
  const ds = b.finish();
  return { fp: ds.fingerprint, n: ds.n };
}

describe.runIf(hasEcgData)('streaming import of a PTB-XL zip (records at 100 and 500 Hz, CSVs)', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'zip-import-'));
  const zipPath = join(tmp, 'ptbxl.zip');
  let files: InputFile[];
  let src: FileSource;
  let entries: ZipEntry[];

  beforeAll(async () => {
    files = folder(dataPath('ptb-xl'), 'ptbxl');
    const z: Zippable = {};
    for (const f of files) z[f.name] = f.data;
    writeFileSync(zipPath, zipSync(z));
    src = await fileSource(zipPath);
    entries = (await openZip(src, 'ptbxl.zip')).entries;
  });
  afterAll(async () => {
    await src?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('100 Hz: the same records, labels and sample values as the folder; only the CSVs and records100 are read', async () => {
    const fromFolder = await readRecordings(files, { ptbxlRate: 100 });
    const rec = recording(src);
    const fromZip = await readRecordingsFromArchive(rec, 'ptbxl.zip', { ptbxlRate: 100 });
    expect(fromZip.errors).toEqual(fromFolder.errors);
    expect(fromZip.recordings.length).toBe(100);
    expect(fromZip.recordings.every((r) => r.fs === 100 && r.labelSource === 'ptb-xl' && r.fold)).toBe(true);
    expectSameRecordings(fromZip.recordings, fromFolder.recordings);
    expect(fromZip.dataset).toEqual(fromFolder.dataset);
    expect(fingerprint(fromZip)).toEqual(fingerprint(fromFolder));

    const want = entries.filter((e) => /\.csv$/.test(e.name) || /records100\/.*\.(hea|dat)$/.test(e.name)).map((e) => e.name);
    expect(want.length).toBe(202);
    expect([...touched(entries, rec.reads)].sort()).toEqual(want.sort());
    expect(entries.filter((e) => e.name.includes('/records500/')).length).toBe(76);
  });

  it('500 Hz: the 38 records at 500 Hz, the 100 Hz entries never read', async () => {
    const fromFolder = await readRecordings(files, { ptbxlRate: 500 });
    const rec = recording(src);
    const fromZip = await readRecordingsFromArchive(rec, 'ptbxl.zip', { ptbxlRate: 500 });
    expect(fromZip.recordings.length).toBe(38);
    expect(fromZip.recordings.every((r) => r.fs === 500)).toBe(true);
    expectSameRecordings(fromZip.recordings, fromFolder.recordings);
    const read = touched(entries, rec.reads);
    expect([...read].filter((n) => n.includes('/records100/'))).toEqual([]);
    expect(read.size).toBe(2 + 76);
  });

  it('streams: keep false hands records one at a time; bytes progress ends at its total; cancel stops between records', async () => {
    const names: string[] = [];
    let bytes: [number, number] = [0, 0];
    const res = await readRecordingsFromArchive(src, 'ptbxl.zip', { ptbxlRate: 100, keep: false, onRecord: (r) => names.push(r.name), onBytes: (d, t) => (bytes = [d, t]) });
    expect(res.recordings).toEqual([]);
    expect(names.length).toBe(100);
    const want = entries.filter((e) => /\.csv$/.test(e.name) || /records100\/.*\.(hea|dat)$/.test(e.name)).reduce((a, e) => a + e.compressedSize, 0);
    expect(bytes).toEqual([want, want]);

    const signal = { aborted: false };
    let n = 0;
    const run = readRecordingsFromArchive(src, 'ptbxl.zip', { ptbxlRate: 100, signal, onRecord: () => ++n === 10 && (signal.aborted = true) });
    await expect(run).rejects.toBeInstanceOf(ImportCancelled);
    expect(n).toBe(10);
  });

  it('a damaged entry is reported with archive and entry; the other records come through', async () => {
    const z: Zippable = {};
    for (const f of files.filter((f) => !f.name.includes('/records500/'))) z[f.name] = f.name.endsWith('00003_lr.dat') ? [f.data, { level: 0 }] : f.data;
    const bytes = zipSync(z);
    const e = (await openZip(bytesSource(bytes), 'd.zip')).entries.find((x) => x.name.endsWith('00003_lr.dat'))!;
    bytes[e.offset + 30 + e.name.length + 500] ^= 0xff;
    const res = await readRecordingsFromSources([{ name: 'downloads/damaged.zip', ...blobSourceOf(bytes) }], { ptbxlRate: 100 });
    expect(res.recordings.length).toBe(99);
    expect(res.recordings.map((r) => r.name)).not.toContain('00003_lr');
    expect(res.errors).toEqual([
      {
        file: 'downloads/damaged.zip/ptbxl/records100/00000/00003_lr.dat',
        archive: 'downloads/damaged.zip',
        entry: 'ptbxl/records100/00000/00003_lr.dat',
        zipProblem: 'corrupt',
        code: 'bad-zip',
        error: expect.stringMatching(/^downloads\/damaged\.zip\/ptbxl\/records100\/00000\/00003_lr\.dat: CRC-32 mismatch/),
      },
    ]);
  });

  it('mixed sources: a zip and loose WFDB files (Blobs) in one import; an unreadable archive is one error', async () => {
    const ludb = folder(dataPath('ludb/data'), 'ludb').filter((f) => /\/(1|2)\.[a-z0-9]+$/.test(f.name));
    const z: Zippable = {};
    for (const f of files.filter((f) => /records100\/00000\/0000[1-3]_lr|\.csv$/.test(f.name))) z[f.name] = f.data;
    const sources: SourceFile[] = [
      { name: 'ptbxl3.zip', ...blobSourceOf(zipSync(z)) },
      ...ludb.map((f) => ({ name: f.name, ...blobSourceOf(f.data) })),
      { name: 'broken.zip', ...blobSourceOf(Uint8Array.of(1, 2, 3, 4)) },
    ];
    const res = await readRecordingsFromSources(sources, { ptbxlRate: 100 });
    expect(res.recordings.map((r) => r.name).sort()).toEqual(['00001_lr', '00002_lr', '00003_lr', '1', '2']);
    expect(res.recordings.find((r) => r.name === '1')!.labelSource).toBe('ludb');
    expect(res.errors).toEqual([expect.objectContaining({ file: 'broken.zip', archive: 'broken.zip', zipProblem: 'truncated', code: 'truncated' })]);
    const inMemory = await readRecordings([...ludb]);
    expectSameRecordings(
      res.recordings.filter((r) => r.labelSource === 'ludb'),
      inMemory.recordings,
    );
  });
});

/** A Blob over bytes, through the structural Blob adapter (Node has Blob). */
function blobSourceOf(bytes: Uint8Array): RandomAccessSource {
  const s = blobSource(new Blob([bytes as Uint8Array<ArrayBuffer>]));
  return { size: s.size, read: (o, n) => s.read(o, n) };
}

describe('in-memory zips through readRecordings', () => {
  it('the sum of declared sizes is capped (maxUnzippedBytes): one error for the archive, the other files go on', async () => {
    const hea = new TextEncoder().encode('r 1 100 3\nr.dat 16 200 16 0 0 0 0 I\n');
    const dat = Uint8Array.of(1, 0, 2, 0, 3, 0);
    const zip = zipSync({ 'big/a.bin': new Uint8Array(5000), 'big/b.bin': new Uint8Array(5000) });
    const res = await readRecordings([{ name: 'in/big.zip', data: zip }, { name: 'x/r.hea', data: hea }, { name: 'x/r.dat', data: dat }], { maxUnzippedBytes: 8000 });
    expect(res.recordings.map((r) => r.name)).toEqual(['r']);
    expect(res.errors).toEqual([expect.objectContaining({ file: 'in/big.zip', archive: 'in/big.zip', code: 'too-large', zipProblem: 'bomb', error: 'in/big.zip: archive expands to more than 8000 bytes' })]);
  });
});
