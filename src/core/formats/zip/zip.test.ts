import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { fileSource } from '../../../test-support/fileSource';
import { craftZip, type CraftEntry } from '../../../test-support/zipCraft';
import { FormatError } from '../errors';
import { CP437_HIGH_LENGTH, decodeCp437 } from './bytes';
import { ZipArchive, ZipError, blobSource, bytesSource, crc32, openZip, type RandomAccessSource, type ZipItem } from './index';

const tmp = mkdtempSync(join(tmpdir(), 'zip-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Deterministic bytes that deflate only a little. */
function noise(n: number, seed = 1): Uint8Array {
  const out = new Uint8Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out[i] = (s >>> 0) & 0xff;
  }
  return out;
}
const text = (s: string) => new TextEncoder().encode(s);
/** Byte equality without element-wise deep equality (slow on megabytes). */
const same = (a: Uint8Array | undefined, b: Uint8Array) => a !== undefined && a.length === b.length && Buffer.compare(a, b) === 0;

/** A source that records every read (offset, length). */
function recording(src: RandomAccessSource): RandomAccessSource & { reads: [number, number][] } {
  const reads: [number, number][] = [];
  return { size: src.size, reads, read: (o, n) => (reads.push([o, n]), src.read(o, n)) };
}

async function all(a: ZipArchive): Promise<Map<string, ZipItem>> {
  const m = new Map<string, ZipItem>();
  for await (const it of a.iterate()) m.set(it.entry.name, it);
  return m;
}

describe('zip reader: archives written by fflate', () => {
  const big = noise(3_000_000);
  const zip = zipSync({
    'a.txt': text('hello, zip'),
    'dir/': new Uint8Array(0),
    'dir/stored.bin': [big, { level: 0 }],
    'dir/deflated.bin': big,
    'zeros.bin': new Uint8Array(200_000),
    'empty.txt': new Uint8Array(0),
    'ünïcode/名前.hea': text('x 1 100 10\n'),
  });
  const path = join(tmp, 'fflate.zip');
  writeFileSync(path, zip);

  it('lists the entries with methods and sizes, and reads each one back byte for byte (Node file handle)', async () => {
    const src = await fileSource(path);
    try {
      const a = await openZip(src, 'fflate.zip');
      expect(a.errors).toEqual([]);
      expect(a.zip64).toBe(false);
      expect(a.entries.map((e) => [e.name, e.method, e.size, e.isDirectory])).toEqual([
        ['a.txt', 8, 10, false],
        ['dir/', 8, 0, true],
        ['dir/stored.bin', 0, big.length, false],
        ['dir/deflated.bin', 8, big.length, false],
        ['zeros.bin', 8, 200_000, false],
        ['empty.txt', 8, 0, false],
        ['ünïcode/名前.hea', 8, 11, false],
      ]);
      const got = await all(a);
      expect([...got.keys()]).not.toContain('dir/');
      for (const it of got.values()) expect(it.error).toBeUndefined();
      expect(new TextDecoder().decode(got.get('a.txt')!.data)).toBe('hello, zip');
      expect(same(got.get('dir/stored.bin')!.data, big)).toBe(true);
      expect(same(got.get('dir/deflated.bin')!.data, big)).toBe(true);
      expect(same(got.get('zeros.bin')?.data, new Uint8Array(200_000))).toBe(true);
      expect(got.get('empty.txt')?.data?.length).toBe(0);
      expect(a.entriesRead).toBe(6);
    } finally {
      await src.close();
    }
  });

  it('the Blob adapter reads the same archive by slices', async () => {
    const blob = new Blob([zip]);
    const a = await openZip(blobSource(blob), 'fflate.zip');
    const got = await all(a);
    expect(same(got.get('dir/deflated.bin')!.data, big)).toBe(true);
    expect(new TextDecoder().decode(got.get('ünïcode/名前.hea')!.data)).toBe('x 1 100 10\n');
  });

  it('listing reads no entry data; entries are read in slices no larger than chunkBytes, none past their span', async () => {
    const src = recording(bytesSource(zip));
    const a = await openZip(src, 'fflate.zip', { chunkBytes: 64 * 1024 });
    const cdStart = Math.min(...src.reads.map(([o]) => o));
    const lastData = Math.max(...a.entries.map((e) => e.offset + e.span));
    expect(cdStart).toBeGreaterThanOrEqual(lastData);
    src.reads.length = 0;
    const e = a.get('dir/deflated.bin')!;
    expect((await a.read(e)).length).toBe(big.length);
    expect(src.reads.length).toBeGreaterThan(big.length / (64 * 1024) / 2);
    for (const [o, n] of src.reads) {
      expect(n).toBeLessThanOrEqual(64 * 1024);
      expect(o).toBeGreaterThanOrEqual(e.offset);
      expect(o + n).toBeLessThanOrEqual(e.offset + e.span);
    }
  });

  it('CRC-32 matches the standard check value; CP437 names decode with the full table', () => {
    expect(crc32(text('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
    expect(CP437_HIGH_LENGTH).toBe(128);
    expect(decodeCp437(Uint8Array.of(0x41, 0x80, 0x81, 0xe1, 0xff))).toBe('AÇüß\u00a0');
  });
});

describe('zip reader: zip64 and directory details', () => {
  it('zip64 end record, locator and extra fields (sizes that would fit, written in zip64 form)', async () => {
    const d = noise(70_000, 7);
    const z = craftZip(
      [
        { name: 'big/one.dat', data: d, zip64: true },
        { name: 'big/two.txt', data: text('two'), method: 0, zip64: true },
        { name: 'plain.txt', data: text('plain') },
      ],
      { zip64End: true },
    );
    const a = await openZip(bytesSource(z), 'z64.zip');
    expect(a.errors).toEqual([]);
    expect(a.zip64).toBe(true);
    expect(a.entries.map((e) => [e.name, e.zip64, e.size])).toEqual([
      ['big/one.dat', true, 70_000],
      ['big/two.txt', true, 3],
      ['plain.txt', false, 5],
    ]);
    const got = await all(a);
    expect(same(got.get('big/one.dat')!.data, d)).toBe(true);
    expect(new TextDecoder().decode(got.get('big/two.txt')!.data)).toBe('two');
    expect(new TextDecoder().decode(got.get('plain.txt')!.data)).toBe('plain');
  });

  it('more than 65 535 entries through the zip64 end record', async () => {
    const n = 65_600;
    const entries: CraftEntry[] = Array.from({ length: n }, (_, i) => ({ name: `f/${i}`, data: new Uint8Array(0), method: 0 }));
    entries[n - 1] = { name: 'f/last', data: text('last one'), method: 0 };
    const a = await openZip(bytesSource(craftZip(entries, { zip64End: true })), 'many.zip');
    expect(a.errors).toEqual([]);
    expect(a.entries.length).toBe(n);
    expect(new TextDecoder().decode(await a.read(a.get('f/last')!))).toBe('last one');
  });

  it('an end record behind a 65 535-byte comment is found; CP437 names without the UTF-8 flag', async () => {
    const z = craftZip([{ name: '', rawName: Uint8Array.of(0x63, 0x61, 0x66, 0x82, 0x2e, 0x74, 0x78, 0x74), data: text('café') }], { comment: 'x'.repeat(0xffff) });
    const a = await openZip(bytesSource(z), 'comment.zip');
    expect(a.entries.map((e) => e.name)).toEqual(['café.txt']);
    expect(new TextDecoder().decode(await a.read(a.entries[0]))).toBe('café');
  });
});

describe('zip reader: bad archives give typed errors naming archive and entry; the good entries still come through', () => {
  const good1 = noise(5000, 3);
  const good2 = text('still fine');
  const entries: CraftEntry[] = [
    { name: 'ok/first.dat', data: good1 },
    { name: 'bad/signature.dat', data: noise(100, 4), localSignature: 0x04034b51 },
    { name: 'bad/crc.dat', data: noise(1000, 5), crc: 0x12345678 },
    { name: 'bad/encrypted.dat', data: noise(100, 6), flags: 1 },
    { name: 'bad/ratio.dat', data: new Uint8Array(2 ** 20) },
    { name: 'bad/declared.dat', data: noise(100, 8), size: 3 * 2 ** 30, zip64: true },
    { name: 'bad/grows.dat', data: noise(5000, 9), size: 100 },
    { name: 'bad/short.dat', data: noise(5000, 10), size: 6000 },
    { name: 'bad/bzip2.dat', data: noise(100, 11), method: 12 },
    { name: 'bad/broken-stream.dat', data: noise(100, 12), body: Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff) },
    { name: 'ok/last.txt', data: good2, method: 0 },
  ];
  const z = craftZip(entries);

  // chunkBytes 1 KiB: entries larger than a slice take the streaming inflater, smaller ones the one-call path.
  it.each([undefined, 1024])('each problem has its kind and FormatError code, and names the archive and the entry (chunkBytes %s)', async (chunkBytes) => {
    const a = await openZip(bytesSource(z), 'mixed.zip', { chunkBytes });
    expect(a.errors).toEqual([]);
    const got = await all(a);
    expect(same(got.get('ok/first.dat')!.data, good1)).toBe(true);
    expect(same(got.get('ok/last.txt')!.data, good2)).toBe(true);
    const expected: Record<string, [ZipError['problem'], string, RegExp]> = {
      'bad/signature.dat': ['corrupt', 'bad-zip', /bad local header signature/],
      'bad/crc.dat': ['corrupt', 'bad-zip', /CRC-32 mismatch/],
      'bad/encrypted.dat': ['encrypted', 'unsupported', /encrypted/],
      'bad/ratio.dat': ['bomb', 'too-large', /ratio above 1000/],
      'bad/declared.dat': ['bomb', 'too-large', /beyond the cap/],
      'bad/grows.dat': ['bomb', 'too-large', /inflates past its declared size of 100 bytes/],
      'bad/short.dat': ['corrupt', 'bad-zip', /holds 5000 bytes.*declares 6000/],
      'bad/bzip2.dat': ['unsupported-method', 'unsupported', /method 12 \(bzip2\)/],
      'bad/broken-stream.dat': ['corrupt', 'bad-zip', /cannot inflate/],
    };
    for (const [entry, [problem, code, msg]] of Object.entries(expected)) {
      const err = got.get(entry)!.error!;
      expect(err, entry).toBeInstanceOf(ZipError);
      expect(err).toBeInstanceOf(FormatError);
      expect({ entry: err.entry, archive: err.archive, problem: err.problem, code: err.code }).toEqual({ entry, archive: 'mixed.zip', problem, code });
      expect(err.message.startsWith(`mixed.zip/${entry}: `)).toBe(true);
      expect(err.message).toMatch(msg);
    }
  });

  it('refusals by declared sizes read nothing; a smaller cap refuses entries beyond it', async () => {
    const src = recording(bytesSource(z));
    const a = await openZip(src, 'mixed.zip', { maxEntryBytes: 4000 });
    src.reads.length = 0;
    await expect(a.read(a.get('bad/declared.dat')!)).rejects.toMatchObject({ problem: 'bomb' });
    await expect(a.read(a.get('bad/ratio.dat')!)).rejects.toMatchObject({ problem: 'bomb' });
    await expect(a.read(a.get('bad/encrypted.dat')!)).rejects.toMatchObject({ problem: 'encrypted' });
    expect(src.reads).toEqual([]);
    await expect(a.read(a.get('ok/first.dat')!)).rejects.toMatchObject({ problem: 'bomb', message: expect.stringMatching(/declares 5000 bytes uncompressed, beyond the cap of 4000/) });
    expect(new TextDecoder().decode(await a.read(a.get('ok/last.txt')!))).toBe('still fine');
  });

  it('an output that outgrows its declared size stops at once', async () => {
    // 400 kB declared as 1000 bytes: inflating stops within the first slice, far before the end.
    const data = noise(400_000, 31);
    const body = deflateSync(data);
    const z2 = craftZip([{ name: 'liar.bin', data, size: 1000 }]);
    const src = recording(bytesSource(z2));
    const a = await openZip(src, 'liar.zip', { chunkBytes: 16 * 1024 });
    src.reads.length = 0;
    await expect(a.read(a.entries[0])).rejects.toMatchObject({ problem: 'bomb', entry: 'liar.bin' });
    const bytes = src.reads.reduce((s, [, n]) => s + n, 0);
    expect(bytes).toBeLessThan(body.length / 4);
  });

  it('overlapping entries (two directory records, one local header) are refused as corrupt', async () => {
    const one = craftZip([{ name: 'a.txt', data: text('aaaa') }]);
    const a0 = await openZip(bytesSource(one), 'x.zip');
    // Duplicate the central directory record under another name.
    const cdStart = one.length - 22 - (46 + 5);
    const rec = one.slice(cdStart, cdStart + 46 + 5);
    rec[46] = 0x62; // 'b.txt'
    const z3 = new Uint8Array(one.length + rec.length);
    z3.set(one.subarray(0, one.length - 22));
    z3.set(rec, one.length - 22);
    const eocd = one.slice(one.length - 22);
    const dv = new DataView(eocd.buffer);
    dv.setUint16(8, 2, true);
    dv.setUint16(10, 2, true);
    dv.setUint32(12, dv.getUint32(12, true) + rec.length, true);
    z3.set(eocd, one.length - 22 + rec.length);
    expect(a0.entries.length).toBe(1);
    const a = await openZip(bytesSource(z3), 'overlap.zip');
    const got = await all(a);
    expect(new TextDecoder().decode(got.get('a.txt')!.data)).toBe('aaaa');
    expect(got.get('b.txt')!.error).toMatchObject({ problem: 'corrupt', message: expect.stringMatching(/overlap.zip\/b.txt: shares its data with "a.txt"/) });
  });

  it('a truncated archive: the entries before the cut are recovered from their local headers, the cut one is truncated', async () => {
    const d1 = noise(3000, 21);
    const d2 = noise(3000, 22);
    const full = craftZip([
      { name: 'r/1.dat', data: d1 },
      { name: 'r/2.dat', data: d2 },
      { name: 'r/3.dat', data: noise(3000, 23) },
    ]);
    const a0 = await openZip(bytesSource(full), 'full.zip');
    const third = a0.get('r/3.dat')!;
    const cut = full.slice(0, third.offset + 30 + 7 + 1000);
    const a = await openZip(bytesSource(cut), 'cut.zip');
    expect(a.recovered).toBe(true);
    expect(a.errors[0]).toMatchObject({ problem: 'truncated', code: 'truncated', archive: 'cut.zip', entry: undefined });
    expect(a.errors[0].message).toMatch(/^cut\.zip: no end-of-central-directory record .*3 entries recovered/);
    const got = await all(a);
    expect(same(got.get('r/1.dat')!.data, d1)).toBe(true);
    expect(same(got.get('r/2.dat')!.data, d2)).toBe(true);
    expect(got.get('r/3.dat')!.error).toMatchObject({ problem: 'truncated', entry: 'r/3.dat', message: expect.stringMatching(/^cut\.zip\/r\/3\.dat: data .* runs past the end of the archive/) });
  });

  it('no end record and no local header: a truncated-archive error for the archive; random bytes too', async () => {
    await expect(openZip(bytesSource(Uint8Array.of(1, 2, 3)), 'tiny.zip')).rejects.toMatchObject({ problem: 'truncated', archive: 'tiny.zip', message: expect.stringMatching(/^tiny\.zip: /) });
    await expect(openZip(bytesSource(noise(100_000, 99)), 'rand.zip')).rejects.toMatchObject({ problem: 'truncated', code: 'truncated' });
  });

  it('a bad central directory record stops the listing there; the entries listed before it still read', async () => {
    const full = craftZip([
      { name: 'a.txt', data: text('A') },
      { name: 'b.txt', data: text('B') },
    ]);
    const a0 = await openZip(bytesSource(full), 'ok.zip');
    const z4 = full.slice();
    const secondCd = full.length - 22 - (46 + 5);
    z4[secondCd] = 0;
    expect(a0.entries.length).toBe(2);
    const a = await openZip(bytesSource(z4), 'cd.zip');
    expect(a.entries.map((e) => e.name)).toEqual(['a.txt']);
    expect(a.errors[0]).toMatchObject({ problem: 'corrupt', message: expect.stringMatching(/bad central directory signature/) });
    expect(new TextDecoder().decode(await a.read(a.entries[0]))).toBe('A');
  });
});
