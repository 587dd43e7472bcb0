/** A small finished sweep (two budgets, two repeats, a baseline and one transfer) for the view-model tests. */
import type { LiveCell } from '../../core/experiment/contract';
import type { RunResults } from '../../core/experiment/results';

export const SWEEP: Pick<RunResults, 'budgets' | 'repeats' | 'paired' | 'warnings' | 'sweep'> = {
  sweep: { repeats: 2, labelBudgets: [0.5, 1], headlineBudget: 1 },
  budgets: [
    {
      budget: 1,
      label: '100 %',
      stages: {
        'transfer-hr': {
          kind: 'transfer',
          nTrain: 120,
          metrics: { macro_auc: { mean: 0.81, ci: { lo: 0.74, hi: 0.88 }, ciMethod: 'repeats' } },
          diff: { macro_auc: { mean: 0.04, ci: { lo: 0.01, hi: 0.07 }, ciMethod: 'repeats' } },
        },
        baseline: { kind: 'baseline', nTrain: 120, metrics: { macro_auc: { mean: 0.77, ci: { lo: 0.7, hi: 0.84 }, ciMethod: 'repeats' } } },
      },
    },
    {
      budget: 0.5,
      label: '50 %',
      stages: {
        'pretrain-hr': { kind: 'pretrain', nTrain: 300, metrics: { macro_auc: { mean: 0.5, ci: null, ciMethod: 'repeats' } } },
        'transfer-hr': {
          kind: 'transfer',
          nTrain: 60,
          metrics: { macro_auc: { mean: 0.7, ci: { lo: 0.6, hi: 0.8 }, ciMethod: 'repeats' }, accuracy: { mean: NaN, ci: null, ciMethod: 'repeats' } },
          diff: { macro_auc: { mean: -0.0001, ci: { lo: -0.03, hi: 0.03 }, ciMethod: 'repeats' } },
        },
        baseline: { kind: 'baseline', nTrain: 60, metrics: { macro_auc: { mean: 0.7001, ci: { lo: 0.61, hi: 0.79 }, ciMethod: 'repeats' } } },
      },
    },
  ],
  repeats: [
    { stage: 'transfer-hr', kind: 'transfer', budget: 1, repeats: 2, nTrain: 120, metrics: {}, baseline: 'baseline' },
    { stage: 'transfer-hr', kind: 'transfer', budget: 0.5, repeats: 2, nTrain: 60, metrics: {}, baseline: 'baseline' },
  ],
  paired: [
    { transfer: 'transfer-hr', baseline: 'baseline', transferCell: 'transfer-hr#r0#b1', baselineCell: 'baseline#r0#b1', repeat: 0, budget: 1, n: 48, metrics: {} },
    { transfer: 'transfer-hr', baseline: 'baseline', transferCell: 'transfer-hr#r0#b0.5', baselineCell: 'baseline#r0#b0.5', repeat: 0, budget: 0.5, n: 48, metrics: {} },
  ],
  warnings: [
    { code: 'small-test-split', message: 'The test split has only 48 records (fewer than 50), so these results can change a lot by chance.', stage: 'baseline', value: 48, cell: 'baseline#r0#b0.5' },
    { code: 'small-test-split', message: 'The test split has only 48 records (fewer than 50), so these results can change a lot by chance.', stage: 'transfer-hr', value: 48, cell: 'transfer-hr#r0#b0.5' },
    { code: 'one-class-predictions', message: 'The model answers NORM for every test record, so it may have learned to give the same answer every time.', stage: 'baseline', className: 'NORM', value: 1, cell: 'baseline#r1#b0.5' },
  ],
};

export const cell = (over: Partial<LiveCell> & Pick<LiveCell, 'id' | 'stage'>): LiveCell => ({
  kind: 'baseline',
  repeat: 0,
  budget: 1,
  nTrain: 120,
  nTest: 48,
  test: { accuracy: 0.7, macro_auc: 0.8 },
  ...over,
});
