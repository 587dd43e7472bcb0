/**
 * Dataset splits: by PTB-XL strat_fold (1–8 train, 9 validation, 10 test by default), or stratified random by
 * seed, keeping all records of a patient in one split.
 */
import { mulberry32 } from '../signal/rng';

export interface Split {
  train: number[];
  val: number[];
  test: number[];
}

/** Indices per split from folds (0 = unknown fold: left out). */
export function foldSplit(folds: ArrayLike<number>, opts: { val?: number[]; test?: number[] } = {}): Split {
  const val = new Set(opts.val ?? [9]);
  const test = new Set(opts.test ?? [10]);
  const s: Split = { train: [], val: [], test: [] };
  for (let i = 0; i < folds.length; i++) {
    const f = folds[i];
    if (!f) continue;
    if (test.has(f)) s.test.push(i);
    else if (val.has(f)) s.val.push(i);
    else s.train.push(i);
  }
  return s;
}

export interface StratifiedOptions {
  /** Fractions of records for train / val / test (normalised). Default 0.8 / 0.1 / 0.1. */
  fractions?: [number, number, number];
  seed?: number;
  /** Patient id per record; records of one patient stay together. */
  patientIds?: (string | undefined)[];
}

/**
 * Stratified random split. `strata[i]` is the stratum key of record i (e.g. its label set joined).
 * Patients are the units of assignment; a patient's stratum is that of its first record. Within each
 * stratum, patients in random (seeded) order go to the split furthest below its target share.
 */
export function stratifiedSplit(strata: string[], opts: StratifiedOptions = {}): Split {
  const [a, b, c] = opts.fractions ?? [0.8, 0.1, 0.1];
  const tot = a + b + c;
  const frac = [a / tot, b / tot, c / tot];
  const rand = mulberry32(opts.seed ?? 0);
  const groups = new Map<string, number[]>();
  strata.forEach((_, i) => {
    const pid = opts.patientIds?.[i];
    const key = pid !== undefined && pid !== '' ? `p:${pid}` : `r:${i}`;
    const g = groups.get(key);
    if (g) g.push(i);
    else groups.set(key, [i]);
  });
  const byStratum = new Map<string, number[][]>();
  for (const g of groups.values()) {
    const k = strata[g[0]];
    const l = byStratum.get(k);
    if (l) l.push(g);
    else byStratum.set(k, [g]);
  }
  const out: number[][] = [[], [], []];
  for (const k of [...byStratum.keys()].sort()) {
    const gs = byStratum.get(k)!;
    for (let i = gs.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [gs[i], gs[j]] = [gs[j], gs[i]];
    }
    const total = gs.reduce((s, g) => s + g.length, 0);
    const have = [0, 0, 0];
    for (const g of gs) {
      let best = 0, bestDef = -Infinity;
      for (let s = 0; s < 3; s++) {
        const def = frac[s] * total - have[s];
        if (frac[s] > 0 && def > bestDef) (best = s), (bestDef = def);
      }
      have[best] += g.length;
      out[best].push(...g);
    }
  }
  for (const o of out) o.sort((x, y) => x - y);
  return { train: out[0], val: out[1], test: out[2] };
}

/** Stratum keys from multi-hot labels y[r * nClasses + c]. */
export function strataFromMultiHot(y: Uint8Array, nClasses: number): string[] {
  const n = Math.floor(y.length / nClasses);
  return Array.from({ length: n }, (_, r) => Array.from(y.subarray(r * nClasses, (r + 1) * nClasses)).join(''));
}
