/**
 * A sweep's cells: stage × repeat × label budget. Pretrain stages are budget-free (one per repeat, reused by every
 * budget and every transfer naming them); transfer and baseline stages run once per budget; an evaluate stage
 * follows the stage it evaluates. Repeat 0 uses the spec's seed (a one-repeat, full-budget spec runs exactly as a
 * version 1 spec did); repeat k > 0 a seed derived from it.
 */
import { seedForTask } from '../../ml/random';
import { specBudgets, specRepeats, type ExperimentSpec, type StageSpec } from '../spec';

export interface CellRef {
  /** Unique id: "stage#r0" or "stage#r0#b0.25". */
  id: string;
  stage: string;
  kind: StageSpec['kind'];
  repeat: number;
  /** Label budget (transfer, baseline, and evaluate of those); absent for budget-free cells. */
  budget?: number;
  /** The seed of the cell's repeat. */
  seed: number;
}

export function repeatSeed(seed: number, repeat: number): number {
  return repeat === 0 ? seed : seedForTask(seed, `repeat:${repeat}`);
}

export function cellId(stage: string, repeat: number, budget?: number): string {
  return budget === undefined ? `${stage}#r${repeat}` : `${stage}#r${repeat}#b${budget}`;
}

/** Whether a stage's cells depend on the label budget. */
export function isBudgeted(spec: ExperimentSpec, st: StageSpec): boolean {
  if (st.kind === 'transfer' || st.kind === 'baseline') return true;
  if (st.kind === 'pretrain') return false;
  const from = spec.stages.find((s) => s.name === st.from);
  return !!from && isBudgeted(spec, from);
}

/** The budget whose repeat-0 cells make the headline `stages` of the results: 1 (the whole split) if listed, else the last listed. */
export function headlineBudget(spec: ExperimentSpec): number {
  const b = specBudgets(spec);
  return b.includes(1) ? 1 : b[b.length - 1];
}

/**
 * Cells in run order: repeat by repeat; within a repeat budget by budget, the stages in spec order, a pretrain
 * stage at its first appearance only (later budgets reuse it).
 */
export function enumerateCells(spec: ExperimentSpec): CellRef[] {
  const cells: CellRef[] = [];
  const budgets = specBudgets(spec);
  for (let r = 0; r < specRepeats(spec); r++) {
    const seed = repeatSeed(spec.seed, r);
    budgets.forEach((b, bi) => {
      for (const st of spec.stages) {
        const budgeted = isBudgeted(spec, st);
        if (!budgeted && bi > 0) continue;
        cells.push({ id: cellId(st.name, r, budgeted ? b : undefined), stage: st.name, kind: st.kind, repeat: r, ...(budgeted ? { budget: b } : {}), seed });
      }
    });
  }
  return cells;
}

/** Whether a cell belongs to the headline run (repeat 0, headline budget or budget-free). */
export function isHeadline(spec: ExperimentSpec, c: Pick<CellRef, 'repeat' | 'budget'>): boolean {
  return c.repeat === 0 && (c.budget === undefined || c.budget === headlineBudget(spec));
}
