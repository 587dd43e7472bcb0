/**
 * Train/val/test splits for a stage: PTB-XL strat_fold (1–8 train, 9 val, 10 test) when the dataset has folds
 * and they are large enough, otherwise a seeded stratified random split. The choice (and why) is recorded.
 */
import type { EcgDataset } from '../data/dataset';
import { mulberry32, shuffleInPlace } from '../ml/random';
import type { SplitSpec } from './spec';

export interface SplitResult {
  train: Int32Array;
  val: Int32Array;
  test: Int32Array;
  method: 'folds' | 'stratified-random' | 'random';
  /** Why the method differs from the one asked for (e.g. folds too small). */
  note?: string;
}

export interface SplitInfo {
  method: SplitResult['method'];
  nTrain: number;
  nVal: number;
  nTest: number;
  note?: string;
}

export function splitInfo(s: SplitResult): SplitInfo {
  return { method: s.method, nTrain: s.train.length, nVal: s.val.length, nTest: s.test.length, ...(s.note ? { note: s.note } : {}) };
}

function randomSplit(eligible: Int32Array, strata: Int32Array | null, val: number, test: number, seed: number): SplitResult {
  const rand = mulberry32(seed);
  const groups = new Map<number, number[]>();
  for (const r of eligible) {
    const g = strata ? strata[r] : 0;
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g)!.push(r);
  }
  const tr: number[] = [];
  const va: number[] = [];
  const te: number[] = [];
  for (const g of [...groups.keys()].sort((a, b) => a - b)) {
    const rs = Int32Array.from(groups.get(g)!);
    shuffleInPlace(rs, rand);
    const nTe = Math.round(rs.length * test);
    const nVa = Math.round(rs.length * val);
    rs.forEach((r, i) => (i < nTe ? te : i < nTe + nVa ? va : tr).push(r));
  }
  const sort = (a: number[]) => Int32Array.from(a).sort();
  return { train: sort(tr), val: sort(va), test: sort(te), method: strata ? 'stratified-random' : 'random' };
}

/**
 * @param eligible records usable for the task
 * @param strata class index per record (stratification), or null
 */
export function splitDataset(ds: EcgDataset, eligible: Int32Array, strata: Int32Array | null, spec: SplitSpec, seed: number): SplitResult {
  const minFold = spec.minFoldRecords ?? 20;
  if (spec.method !== 'random') {
    const folds = ds.folds;
    const known = folds ? eligible.filter((r) => folds[r] > 0).length : 0;
    if (folds && known === eligible.length && known > 0) {
      const tr = eligible.filter((r) => folds[r] >= 1 && folds[r] <= 8);
      const va = eligible.filter((r) => folds[r] === 9);
      const te = eligible.filter((r) => folds[r] === 10);
      if (spec.method === 'folds' || (va.length >= minFold && te.length >= minFold)) return { train: tr, val: va, test: te, method: 'folds' };
      const r = randomSplit(eligible, strata, spec.val, spec.test, seed);
      r.note = `strat_fold 9/10 too small for a reliable estimate (val ${va.length}, test ${te.length} records < ${minFold}); used a seeded ${r.method} split ${Math.round((1 - spec.val - spec.test) * 100)}/${Math.round(spec.val * 100)}/${Math.round(spec.test * 100)} (seed ${seed})`;
      return r;
    }
    if (spec.method === 'folds') throw new Error(`dataset "${ds.name}" has no strat_fold for every record; use split.method "random" or "auto"`);
  }
  return randomSplit(eligible, strata, spec.val, spec.test, seed);
}
