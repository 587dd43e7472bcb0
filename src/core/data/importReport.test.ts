import { describe, expect, it } from 'vitest';
import type { FileAccount } from '../formats/index';
import { mergeReread, reportRows } from './importReport';

describe('mergeReread', () => {
  const prev: { at: number; recordCount: number; errors: { file: string; code: string }[]; files: FileAccount[] } = {
    at: 1,
    recordCount: 2,
    errors: [{ file: 'a.csv', code: 'needs-sampling-rate' }, { file: 'junk', code: 'unknown-format' }],
    files: [
      { file: 'r.hea', fate: 'record', note: 'read as a record' },
      { file: 'a.csv', fate: 'failed', note: 'sampling rate unknown', code: 'needs-sampling-rate' },
      { file: 'junk', fate: 'failed', note: 'unknown format' },
    ],
  };
  it('replaces the file read again, keeps the rest and the totals', () => {
    const m = mergeReread(prev, 'a.csv', { recordCount: 1, errors: [], files: [{ file: 'a.csv', fate: 'record', note: 'read as a record' }] });
    expect(m.at).toBe(1);
    expect(m.recordCount).toBe(3);
    expect(m.errors).toEqual([{ file: 'junk', code: 'unknown-format' }]);
    expect(m.files.map((f) => f.fate)).toEqual(['record', 'record', 'failed']);
    expect(m.files).toHaveLength(prev.files.length);
  });
  it('a second failure replaces the first', () => {
    const m = mergeReread(prev, 'a.csv', { recordCount: 0, errors: [{ file: 'a.csv', code: 'bad-csv' }], files: [{ file: 'a.csv', fate: 'failed', note: 'x', code: 'bad-csv' }] });
    expect(m.errors.map((e) => e.code)).toEqual(['unknown-format', 'bad-csv']);
    expect(m.files[1].code).toBe('bad-csv');
  });
});

describe('reportRows', () => {
  const errors = [
    { file: 'junk.bin', code: 'unknown-format', error: 'junk.bin: unknown format' },
    { file: 'a.csv', code: 'needs-sampling-rate', error: 'a.csv: sampling rate unknown' },
    { file: 'a.csv', code: 'bad-csv', error: 'a.csv: second problem' },
    { file: 'recs/00002_lr', code: 'skipped', error: 'no diagnostic statement' },
    { file: '(dataset)', code: 'bad-dataset', error: 'something about the whole import' },
  ];
  const files: FileAccount[] = [
    { file: 'recs/00001_lr.hea', fate: 'record', note: 'read as a record' },
    { file: 'recs/00001_lr.dat', fate: 'part', note: 'signal of record 00001_lr' },
    { file: 'recs/00002_lr.hea', fate: 'skipped', note: 'no diagnostic statement', record: 'recs/00002_lr' },
    { file: 'recs/00002_lr.dat', fate: 'part', note: 'signal of record 00002_lr' },
    { file: 'junk.bin', fate: 'failed', note: 'unknown format', code: 'unknown-format' },
    { file: 'a.csv', fate: 'failed', note: 'sampling rate unknown', code: 'needs-sampling-rate' },
    { file: 'README.txt', fate: 'skipped', note: 'documentation or side file (not a recording)' },
  ];
  it('names each dropped file once across the problems and the other files', () => {
    const rows = reportRows({ errors, files });
    const named = [...rows.problems.map((p) => p.file), ...rows.files.map((f) => f.file)];
    expect(new Set(named).size).toBe(named.length);
    // every dropped file is either listed or stands for a record left out that is listed
    for (const f of files) expect(named.includes(f.file) || (f.record !== undefined && named.includes(f.record)), f.file).toBe(true);
    expect(rows.problems.map((p) => p.file)).toEqual(['junk.bin', 'a.csv', 'recs/00002_lr', '(dataset)']);
    expect(rows.files.map((f) => f.file)).toEqual(['recs/00001_lr.hea', 'recs/00001_lr.dat', 'recs/00002_lr.dat', 'README.txt']);
  });
  it('keeps the first error of a file (its code drives the rate field) and joins the others', () => {
    const a = reportRows({ errors, files }).problems.find((p) => p.file === 'a.csv')!;
    expect(a.error.code).toBe('needs-sampling-rate');
    expect(a.more).toEqual(['a.csv: second problem']);
  });
  it('a file skipped for a reason of its own stays among the files', () => {
    const rows = reportRows({ errors: [], files: [{ file: 'x.hea', fate: 'skipped', note: 'no diagnostic statement', record: 'x' }] });
    expect(rows.files).toHaveLength(1);
    expect(rows.problems).toHaveLength(0);
  });
});
