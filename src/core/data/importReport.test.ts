import { describe, expect, it } from 'vitest';
import type { FileAccount } from '../formats/index';
import { mergeReread } from './importReport';

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
