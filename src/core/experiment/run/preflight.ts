/**
 * Checks before the first cell runs, so a sweep does not fail after hours of pretraining: every label budget is
 * valid for the training split of every budgeted stage in every repeat (the splits made here are the ones the
 * cells then use).
 */
import { BudgetError, budgetCount } from '../../data/budgets';
import { specBudgets } from '../spec';
import type { CellRef } from './cells';
import type { RunContext } from './context';
import { loadSource } from './sources';
import { trainingSplit } from './stages/split';
import { domainDataKey } from '../domainGap/stage';

export async function checkBudgets(ctx: RunContext, cells: CellRef[]): Promise<void> {
  const budgets = specBudgets(ctx.spec);
  const seen = new Set<string>();
  for (const c of cells) {
    const st = ctx.spec.stages.find((s) => s.name === c.stage);
    if (!st || (st.kind !== 'transfer' && st.kind !== 'baseline') || seen.has(`${st.source}|${JSON.stringify(st.task)}|${c.seed}`)) continue;
    seen.add(`${st.source}|${JSON.stringify(st.task)}|${c.seed}`);
    const key = st.kind === 'baseline' ? (await domainDataKey(ctx, st, c.seed)).key : st.source;
    const ds = await loadSource(ctx, key);
    const sp = trainingSplit(ctx, key, ds, st.task, c.seed);
    for (const b of budgets) {
      try {
        budgetCount(b, sp.train.length);
      } catch (e) {
        if (e instanceof BudgetError) throw new BudgetError(`stage "${st.name}": ${e.message} of source "${st.source}"${c.repeat ? ` in repeat ${c.repeat + 1}` : ''}`);
        throw e;
      }
    }
  }
}
