import { describe, expect, it } from 'vitest';
import { BudgetError, budgetCount, budgetLabel, budgetSubsets, stratifiedOrder } from './budgets';

/** 100 training records (dataset indices 1000…1099) in 3 classes: 60 / 30 / 10. */
const train = Int32Array.from({ length: 100 }, (_, i) => 1000 + i);
const strata: number[] = [];
for (const r of train) strata[r] = r - 1000 < 60 ? 0 : r - 1000 < 90 ? 1 : 2;
const countBy = (idx: Int32Array) => [0, 1, 2].map((c) => Array.from(idx).filter((r) => strata[r] === c).length);

describe('label budgets', () => {
  it('counts: fractions of the split (rounded), absolute counts, and the errors', () => {
    expect(budgetCount(0.1, 100)).toBe(10);
    expect(budgetCount(0.25, 302)).toBe(76);
    expect(budgetCount(1, 77)).toBe(77);
    expect(budgetCount(40, 100)).toBe(40);
    expect(budgetCount(100, 100)).toBe(100);
    expect(() => budgetCount(101, 100)).toThrow(/larger than the training split \(100 records\)/);
    expect(() => budgetCount(0, 100)).toThrow(BudgetError);
    expect(() => budgetCount(-0.1, 100)).toThrow(BudgetError);
    expect(() => budgetCount(1.5, 100)).toThrow(/not a whole number/);
    expect(() => budgetCount(0.01, 100)).toThrow(/at least 2/);
    expect([budgetLabel(0.05), budgetLabel(1), budgetLabel(50)]).toEqual(['5 %', '100 %', '50 rec']);
  });

  it('is a permutation of the training records, seeded', () => {
    const o = stratifiedOrder(train, strata, 7);
    expect(Array.from(o).sort()).toEqual(Array.from(train));
    expect(Array.from(stratifiedOrder(train, strata, 7))).toEqual(Array.from(o));
    expect(Array.from(stratifiedOrder(train, strata, 8))).not.toEqual(Array.from(o));
  });

  it('nests: every smaller subset is inside every larger one', () => {
    const budgets = [0.05, 0.1, 0.25, 0.5, 1, 37];
    const subs = budgetSubsets(train, strata, budgets, 3);
    expect(subs.map((s) => s.length)).toEqual([5, 10, 25, 50, 100, 37]);
    const bySize = [...subs].sort((a, b) => a.length - b.length);
    for (let i = 1; i < bySize.length; i++) {
      const big = new Set(bySize[i]);
      expect(Array.from(bySize[i - 1]).every((r) => big.has(r)), `${bySize[i - 1].length} ⊂ ${bySize[i].length}`).toBe(true);
    }
    expect(subs.every((s) => s.every((r, i) => i === 0 || r > s[i - 1]))).toBe(true); // sorted, no repeats
  });

  it('stratifies: each class within one record of its share, at every prefix length', () => {
    const order = stratifiedOrder(train, strata, 11);
    for (let k = 2; k <= 100; k++) {
      const got = countBy(order.slice(0, k));
      [0.6, 0.3, 0.1].forEach((share, c) => expect(Math.abs(got[c] - share * k), `k=${k} class ${c}`).toBeLessThanOrEqual(1));
    }
    expect(countBy(budgetSubsets(train, strata, [0.1], 1)[0])).toEqual([6, 3, 1]);
    expect(countBy(budgetSubsets(train, strata, [0.5], 1)[0])).toEqual([30, 15, 5]);
  });

  it('multi-label strata (label-set keys) and no strata', () => {
    const keys: string[] = [];
    for (const r of train) keys[r] = r % 4 === 0 ? '10' : '01';
    const sub = budgetSubsets(train, keys, [0.2], 5)[0];
    expect(Array.from(sub).filter((r) => keys[r] === '10')).toHaveLength(5);
    expect(budgetSubsets(train, null, [20], 5)[0]).toHaveLength(20);
  });
});
