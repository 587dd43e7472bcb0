/**
 * Label budgets: class-stratified, nested subsets of a training split. One seeded order of the training records
 * is built so that every prefix is stratified (each class spread evenly along the order: its k-th record of n
 * sits at (k + ½)/n); a budget is a prefix of that order, so a 10 % subset is inside the 25 % subset and every
 * class's share of any subset is within one record of its share of the split.
 */
import { mulberry32, shuffleInPlace } from '../ml/random';

/** A fraction of the training split in (0, 1], or an absolute count of training records (integer ≥ 2). */
export type LabelBudget = number;

export class BudgetError extends Error {
  override name = 'BudgetError';
}

/** Whether a budget is a fraction (≤ 1) rather than a record count. */
export function isFraction(b: LabelBudget): boolean {
  return b <= 1;
}

/** Records a budget keeps of a training split of `nTrain`; throws BudgetError when it is invalid for that split. */
export function budgetCount(b: LabelBudget, nTrain: number): number {
  if (!(b > 0) || !Number.isFinite(b)) throw new BudgetError(`label budget ${b} must be a fraction in (0, 1] or a record count ≥ 2`);
  if (!isFraction(b) && !Number.isInteger(b)) throw new BudgetError(`label budget ${b} is above 1 but not a whole number of records`);
  const k = isFraction(b) ? Math.round(b * nTrain) : b;
  if (k > nTrain) throw new BudgetError(`label budget ${b} is larger than the training split (${nTrain} records)`);
  if (k < 2) throw new BudgetError(`label budget ${b} keeps ${k} of ${nTrain} training records; at least 2 are needed`);
  return k;
}

/** Short label: "10 %" for a fraction, "50 rec" for a count. */
export function budgetLabel(b: LabelBudget): string {
  return isFraction(b) ? `${+(b * 100).toFixed(2)} %` : `${b} rec`;
}

/**
 * The seeded stratified order of `train` (dataset record indices): classes shuffled within, then interleaved by
 * position k/n. `strata[r]` is record r's stratum (class index or label-set key); null: one stratum.
 */
export function stratifiedOrder(train: ArrayLike<number>, strata: ArrayLike<number | string> | null, seed: number): Int32Array {
  const rand = mulberry32(seed);
  const groups = new Map<number | string, number[]>();
  for (let i = 0; i < train.length; i++) {
    const r = train[i];
    const g = strata ? strata[r] : 0;
    let list = groups.get(g);
    if (!list) groups.set(g, (list = []));
    list.push(r);
  }
  const keys = [...groups.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const slots: { r: number; pos: number; tie: number }[] = [];
  for (const g of keys) {
    const rs = shuffleInPlace(Int32Array.from(groups.get(g)!), rand);
    rs.forEach((r, k) => slots.push({ r, pos: (k + 0.5) / rs.length, tie: rand() }));
  }
  slots.sort((a, b) => a.pos - b.pos || a.tie - b.tie);
  return Int32Array.from(slots, (s) => s.r);
}

/** The training subset of every budget (sorted record indices), in the order of `budgets`; nested by size. */
export function budgetSubsets(train: ArrayLike<number>, strata: ArrayLike<number | string> | null, budgets: LabelBudget[], seed: number): Int32Array[] {
  const order = stratifiedOrder(train, strata, seed);
  return budgets.map((b) => order.slice(0, budgetCount(b, train.length)).sort());
}
