import { describe, expect, it } from 'vitest';
import type { StageResult } from '../../core/experiment/results';
import type { LiveStage } from '../../core/experiment/contract';
import { comparisonStats, deltaView, headlineBudget, liveComparison } from './comparisonStats';
import { cell, SWEEP } from './sweepView.fixture';

const stage = (name: string, kind: StageResult['kind'], ci: StageResult['ci']): StageResult => ({
  name,
  kind,
  source: 'ptbxl',
  task: 'single-label',
  model: { kind: 'tiny-cnn', trainableParams: 10, flopsPerSample: 100, inputShape: [null, 100, 1] },
  split: { method: 'folds', nTrain: 70, nVal: 13, nTest: 13 },
  metrics: { test: { n: 13, loss: 1, macro_auc: 0.8 } },
  history: [],
  seconds: 1,
  cell: { id: `${name}#r0#b1`, repeat: 0, budget: 1, seed: 1 },
  ci,
});

describe('comparison statistics', () => {
  const paired = { diff: 0.031, ci: { lo: -0.012, hi: 0.074 }, winFraction: 0.91, n: 13 };
  const results = {
    stages: [stage('baseline', 'baseline', { macro_auc: { lo: 0.7, hi: 0.9 } }), stage('transfer-hr', 'transfer', { macro_auc: null }), stage('pretrain-hr', 'pretrain', {})],
    paired: [{ ...SWEEP.paired![0], metrics: { macro_auc: paired } }],
    warnings: SWEEP.warnings,
  };

  it('takes each headline stage its intervals, paired difference, split and warnings', () => {
    const s = comparisonStats(results);
    expect(Object.keys(s)).toEqual(['baseline', 'transfer-hr']);
    expect(s.baseline.ci.macro_auc).toEqual({ lo: 0.7, hi: 0.9 });
    expect(s.baseline.diff).toEqual({});
    expect(s.baseline.n).toEqual({ train: 70, val: 13, test: 13 });
    expect(s.baseline.split).toBe('folds');
    expect(s.baseline.warnings.map((w) => w.code)).toEqual(['small-test-split', 'one-class-predictions']);
    expect(s['transfer-hr'].diff.macro_auc).toEqual(paired);
    expect(s['transfer-hr'].baseline).toBe('baseline');
  });

  it('uses the latest live cell of each stage while the run is in progress', () => {
    const s = comparisonStats(null, [
      cell({ id: 'baseline#r0#b0.5', stage: 'baseline', ci: { macro_auc: { lo: 0.1, hi: 0.2 } } }),
      cell({ id: 'baseline#r0#b1', stage: 'baseline', ci: { macro_auc: { lo: 0.6, hi: 0.9 } } }),
      cell({ id: 'pretrain-hr#r0', stage: 'pretrain-hr', kind: 'pretrain' }),
    ]);
    expect(Object.keys(s)).toEqual(['baseline']);
    expect(s.baseline.ci.macro_auc).toEqual({ lo: 0.6, hi: 0.9 });
    expect(s.baseline.n?.test).toBe(48);
  });

  it('shows the paired difference with its interval, coloured only when the interval excludes 0', () => {
    expect(deltaView(0.83, 0.8, paired)).toEqual({
      text: '+0.031 [−0.01, 0.07]',
      tone: 'neutral',
      title: 'Difference to the baseline on the same 13 test records: no significant difference (the interval includes 0); the transfer is better in 91 % of resamples.',
    });
    expect(deltaView(0.83, 0.8, { ...paired, ci: { lo: 0.01, hi: 0.05 } })?.tone).toBe('gain');
    // Without a paired interval: the plain difference, never coloured; a tie is ±0.000.
    expect(deltaView(0.8, 0.8, undefined)).toMatchObject({ text: '±0.000', tone: 'neutral' });
    expect(deltaView(0.9, 0.8, undefined)).toMatchObject({ text: '+0.100', tone: 'neutral' });
    expect(deltaView(undefined, 0.8, undefined)).toBeUndefined();
  });
});

describe('the comparison of a run in progress', () => {
  const live = (name: string, kind: string, auc: number): LiveStage => ({ name, kind, status: 'done', epochs: [], final: { val: { macro_auc: 0.5 }, test: { macro_auc: auc } } });
  const stages = [live('pretrain-hr', 'pretrain', NaN), live('transfer-hr', 'transfer', 0.61), live('baseline', 'baseline', 0.62)];

  it('shows every finished classification stage of a plain run', () => {
    expect(liveComparison(stages, undefined, null).map((r) => [r.stage, r.test?.macro_auc])).toEqual([
      ['transfer-hr', 0.61],
      ['baseline', 0.62],
    ]);
  });

  it('shows a sweep\'s headline cells only, validation only where the stage last reported that cell', () => {
    const cells = [
      cell({ id: 'transfer-hr#r0#b1', stage: 'transfer-hr', kind: 'transfer', test: { macro_auc: 0.7 } }),
      cell({ id: 'baseline#r0#b0.5', stage: 'baseline', budget: 0.5, test: { macro_auc: 0.55 } }),
      cell({ id: 'baseline#r0#b1', stage: 'baseline', test: { macro_auc: 0.66 } }),
      cell({ id: 'transfer-hr#r1#b0.5', stage: 'transfer-hr', kind: 'transfer', repeat: 1, budget: 0.5, test: { macro_auc: 0.61 } }),
    ];
    const rows = liveComparison(stages, cells, { budget: 1 });
    expect(rows).toEqual([
      { stage: 'transfer-hr', kind: 'transfer', test: { macro_auc: 0.7 } },
      { stage: 'baseline', kind: 'baseline', val: { macro_auc: 0.5 }, test: { macro_auc: 0.66 } },
    ]);
    expect(liveComparison(stages, cells.slice(1, 2), { budget: 1 })).toEqual([]);
    expect(Object.keys(comparisonStats(null, cells.slice(1, 2), { budget: 1 }))).toEqual([]);
  });

  it('takes the whole split as the headline budget when listed, else the last', () => {
    expect(headlineBudget([0.1, 1, 0.5])).toBe(1);
    expect(headlineBudget([0.1, 0.25])).toBe(0.25);
    expect(headlineBudget(undefined)).toBe(1);
  });
});
