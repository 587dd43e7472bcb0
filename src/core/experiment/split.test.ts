import { describe, expect, it } from 'vitest';
import { toyDataset } from '../ml/toyDataset';
import { splitDataset, splitInfo } from './split';

const all = (n: number) => Int32Array.from({ length: n }, (_, i) => i);
const spec = { method: 'auto' as const, val: 0.15, test: 0.15, minFoldRecords: 20 };

describe('splitDataset', () => {
  it('uses strat_fold 1–8 / 9 / 10 when the folds are large enough', () => {
    const ds = toyDataset(300, 1);
    ds.folds = Int8Array.from({ length: 300 }, (_, i) => (i % 10) + 1);
    const s = splitDataset(ds, all(300), null, spec, 1);
    expect([s.method, s.train.length, s.val.length, s.test.length]).toEqual(['folds', 240, 30, 30]);
    expect(s.note).toBeUndefined();
  });

  it('falls back from tiny folds to a seeded stratified split by patient (no patient in two splits)', () => {
    const n = 100;
    const ds = toyDataset(n, 2);
    ds.folds = Int8Array.from({ length: n }, (_, i) => (i % 10) + 1);
    // 60 patients: patients 0–19 have 3 records each, the others one
    ds.patientIds = Array.from({ length: n }, (_, i) => (i < 60 ? `p${i % 20}` : `p${i}`));
    const strata = Int32Array.from({ length: n }, (_, r) => (ds.y![r * 3] ? 0 : ds.y![r * 3 + 1] ? 1 : 2));
    const s = splitDataset(ds, all(n), strata, spec, 7);
    expect(s.method).toBe('stratified-random');
    expect(s.byPatient).toBe(true);
    expect(s.nPatients).toBe(60);
    expect(s.train.length + s.val.length + s.test.length).toBe(n);
    const owner = new Map<string, string>();
    for (const [name, idx] of [['train', s.train], ['val', s.val], ['test', s.test]] as const) {
      for (const r of idx) {
        const p = ds.patientIds[r];
        expect(owner.get(p) ?? name, `patient ${p}`).toBe(name);
        owner.set(p, name);
      }
    }
    expect(s.val.length).toBeGreaterThanOrEqual(10);
    expect(s.test.length).toBeGreaterThanOrEqual(10);
    expect(s.note).toMatch(/strat_fold 9\/10 too small .*by patient \(60 patients, none in two splits\) \(seed 7\)/);
    expect(splitInfo(s)).toMatchObject({ byPatient: true, nPatients: 60 });
    // seeded: same seed, same split; another seed, another split
    expect(splitDataset(ds, all(n), strata, spec, 7).test).toEqual(s.test);
    expect(Array.from(splitDataset(ds, all(n), strata, spec, 8).test)).not.toEqual(Array.from(s.test));
  });

  it('splits record by record when patients are unknown', () => {
    const ds = toyDataset(100, 3);
    const s = splitDataset(ds, all(100), null, { method: 'random', val: 0.1, test: 0.2 }, 1);
    expect([s.method, s.byPatient, s.train.length, s.val.length, s.test.length]).toEqual(['random', undefined, 70, 10, 20]);
  });
});
