import { describe, expect, it } from 'vitest';
import { budgetText, parseBudgetText } from './budgetText';

describe('label budget text', () => {
  it('reads percentages as fractions, plain numbers above 1 as record counts', () => {
    expect(parseBudgetText('5%, 10%, 25%, 100%')).toEqual({ ok: true, budgets: [0.05, 0.1, 0.25, 1] });
    expect(parseBudgetText('50, 100')).toEqual({ ok: true, budgets: [50, 100] });
    expect(parseBudgetText('0.25 1')).toEqual({ ok: true, budgets: [0.25, 1] });
    expect(parseBudgetText('12.5 %; 50 %')).toEqual({ ok: true, budgets: [0.125, 0.5] });
    expect(parseBudgetText('-5%').ok).toBe(false);
  });

  it('an empty field means the whole split; words are an error naming the part', () => {
    expect(parseBudgetText('  ')).toEqual({ ok: true, budgets: undefined });
    const r = parseBudgetText('10%, half');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain('“half”');
  });

  it('writes the spec back as the field shows it, and reads it back to the same budgets', () => {
    const b = [0.05, 0.1, 0.5, 1, 50];
    expect(budgetText(b)).toBe('5%, 10%, 50%, 100%, 50');
    expect(parseBudgetText(budgetText(b))).toEqual({ ok: true, budgets: b });
    expect(budgetText(undefined)).toBe('');
  });
});
