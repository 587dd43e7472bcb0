/**
 * Train/val/test splits for a stage: PTB-XL strat_fold (1–8 train, 9 val, 10 test) when the dataset has folds
 * and they are large enough, otherwise a seeded stratified random split. When the dataset knows its patients
 * (PTB-XL patient_id), the random split is by patient (src/core/data/splits.ts `stratifiedSplit`): no patient
 * has records in two splits. The choice (and why) is recorded.
 */
import type { EcgDataset } from '../data/dataset';
import { stratifiedSplit } from '../data/splits';
import { mulberry32, shuffleInPlace } from '../ml/random';
import type { SplitSpec } from './spec';

export interface SplitResult {
  train: Int32Array;
  val: Int32Array;
  test: Int32Array;
  method: 'folds' | 'stratified-random' | 'random';
  /** Why the method differs from the one asked for (e.g. folds too small). */
  note?: string;
  /** Random splits: true when records were assigned by patient (no patient in two splits). */
  byPatient?: boolean;
  /** Distinct patients among the split records (when the dataset has patient ids). */
  nPatients?: number;
}

export interface SplitInfo {
  method: SplitResult['method'];
  nTrain: number;
  nVal: number;
  nTest: number;
  note?: string;
  byPatient?: boolean;
  nPatients?: number;
}

export function splitInfo(s: SplitResult): SplitInfo {
  return {
    method: s.method,
    nTrain: s.train.length,
    nVal: s.val.length,
    nTest: s.test.length,
    ...(s.note ? { note: s.note } : {}),
    ...(s.byPatient !== undefined ? { byPatient: s.byPatient } : {}),
    ...(s.nPatients !== undefined ? { nPatients: s.nPatients } : {}),
  };
}

/** Stratum key per record: a class index (single-label), a label-set string (multi-label) or null (one stratum). */
export type Strata = Int32Array | string[] | null;

function randomSplit(eligible: Int32Array, strata: Strata, val: number, test: number, seed: number): SplitResult {
  const rand = mulberry32(seed);
  const groups = new Map<number | string, number[]>();
  for (const r of eligible) {
    const g = strata ? strata[r] : 0;
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g)!.push(r);
  }
  const tr: number[] = [];
  const va: number[] = [];
  const te: number[] = [];
  for (const g of [...groups.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    const rs = Int32Array.from(groups.get(g)!);
    shuffleInPlace(rs, rand);
    const nTe = Math.round(rs.length * test);
    const nVa = Math.round(rs.length * val);
    rs.forEach((r, i) => (i < nTe ? te : i < nTe + nVa ? va : tr).push(r));
  }
  const sort = (a: number[]) => Int32Array.from(a).sort();
  return { train: sort(tr), val: sort(va), test: sort(te), method: strata ? 'stratified-random' : 'random' };
}

function hasPatients(ds: EcgDataset, eligible: Int32Array): boolean {
  const p = ds.patientIds;
  return !!p && eligible.length > 0 && eligible.every((r) => !!p[r]);
}

/** Seeded stratified split that keeps each patient's records together (stratum of a patient = its first record's). */
function patientSplit(ds: EcgDataset, eligible: Int32Array, strata: Strata, val: number, test: number, seed: number): SplitResult {
  const keys = Array.from(eligible, (r) => (strata ? String(strata[r]) : ''));
  const pids = Array.from(eligible, (r) => ds.patientIds![r]);
  const s = stratifiedSplit(keys, { fractions: [1 - val - test, val, test], seed, patientIds: pids });
  const map = (a: number[]) => Int32Array.from(a, (i) => eligible[i]).sort();
  return {
    train: map(s.train),
    val: map(s.val),
    test: map(s.test),
    method: strata ? 'stratified-random' : 'random',
    byPatient: true,
    nPatients: new Set(pids).size,
  };
}

function seededSplit(ds: EcgDataset, eligible: Int32Array, strata: Strata, spec: SplitSpec, seed: number): SplitResult {
  return hasPatients(ds, eligible) ? patientSplit(ds, eligible, strata, spec.val, spec.test, seed) : randomSplit(eligible, strata, spec.val, spec.test, seed);
}

/**
 * @param eligible records usable for the task
 * @param strata stratum per dataset record (class index or label-set key), or null
 */
export function splitDataset(ds: EcgDataset, eligible: Int32Array, strata: Strata, spec: SplitSpec, seed: number): SplitResult {
  const minFold = spec.minFoldRecords ?? 20;
  if (spec.method !== 'random') {
    const folds = ds.folds;
    const known = folds ? eligible.filter((r) => folds[r] > 0).length : 0;
    if (folds && known === eligible.length && known > 0) {
      const tr = eligible.filter((r) => folds[r] >= 1 && folds[r] <= 8);
      const va = eligible.filter((r) => folds[r] === 9);
      const te = eligible.filter((r) => folds[r] === 10);
      if (spec.method === 'folds' || (va.length >= minFold && te.length >= minFold)) return { train: tr, val: va, test: te, method: 'folds' };
      const r = seededSplit(ds, eligible, strata, spec, seed);
      const pct = `${Math.round((1 - spec.val - spec.test) * 100)}/${Math.round(spec.val * 100)}/${Math.round(spec.test * 100)}`;
      const unit = r.byPatient ? ` by patient (${r.nPatients} patients, none in two splits)` : '';
      r.note = `strat_fold 9/10 too small for a reliable estimate (val ${va.length}, test ${te.length} records < ${minFold}); used a seeded ${r.method} split ${pct}${unit} (seed ${seed})`;
      return r;
    }
    if (spec.method === 'folds') throw new Error(`dataset "${ds.name}" has no strat_fold for every record; use split.method "random" or "auto"`);
  }
  return seededSplit(ds, eligible, strata, spec, seed);
}
