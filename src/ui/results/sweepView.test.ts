import { describe, expect, it } from 'vitest';
import { summarizeRepeats } from '../../core/ml/metrics';
import { cell, SWEEP } from './sweepView.fixture';
import { cellRows, diffText, diffTone, estimateParts, estimateText, forestDomain, forestRows, groupWarnings, learningCurves, liveBudgets, logAxis, metricWords, toneWords } from './sweepView';

describe('the colouring rule of a difference', () => {
  it('colours only an interval that excludes 0, by its side', () => {
    expect(diffTone(0.031, { lo: 0.004, hi: 0.06 })).toBe('gain');
    expect(diffTone(-0.031, { lo: -0.06, hi: -0.004 })).toBe('loss');
    expect(diffTone(0.031, { lo: -0.01, hi: 0.07 })).toBe('neutral');
    expect(diffTone(0.031, null)).toBe('neutral');
    expect(diffTone(0, { lo: 0, hi: 0.02 })).toBe('neutral');
    expect(diffTone(NaN, { lo: 0.1, hi: 0.2 })).toBe('neutral');
  });

  it('never prints a rounded zero as a gain and says what a neutral row means', () => {
    expect(diffText(0.0001, { lo: -0.02, hi: 0.02 })).toBe('±0.000 [−0.02, 0.02]');
    expect(diffTone(0.0001, { lo: -0.02, hi: 0.02 })).toBe('neutral');
    expect(toneWords('neutral', { lo: -0.02, hi: 0.02 })).toMatch(/no significant difference/);
    expect(toneWords('neutral', null)).toMatch(/significance unknown/);
  });

  it('writes estimates as value [lo, hi], and apart for a unit', () => {
    expect(estimateText(0.7712, { lo: 0.6899, hi: 0.8411 })).toBe('0.771 [0.69, 0.84]');
    expect(estimateText(0.7712, null)).toBe('0.771');
    expect(estimateText(undefined, null)).toBe('\u2013');
    expect(estimateParts(19.24, { lo: 15.2, hi: 23.4 }, 1)).toEqual({ value: '19.2', interval: '[15, 23]' });
    expect(estimateParts(19.24, null, 1)).toEqual({ value: '19.2', interval: '' });
  });
});

describe('learning curves', () => {
  it('gives one series per baseline/transfer stage, the baseline first, points in training-record order', () => {
    const s = learningCurves(SWEEP.budgets, 'macro_auc');
    expect(s.map((x) => x.stage)).toEqual(['baseline', 'transfer-hr']);
    expect(s[1].points.map((p) => [p.x, p.budgetLabel, p.lo, p.hi])).toEqual([
      [60, '50 %', 0.6, 0.8],
      [120, '100 %', 0.74, 0.88],
    ]);
    expect(s[1].points[1].text).toBe('0.810 [0.74, 0.88]');
    expect(s[0].points[0].ciMethod).toBe('repeats');
  });

  it('leaves out undefined values and other metrics', () => {
    expect(learningCurves(SWEEP.budgets, 'accuracy')).toEqual([]);
    expect(learningCurves(undefined, 'macro_auc')).toEqual([]);
  });

  it('spans a log axis over the training records, ticks at the budgets or at 1-2-5 steps', () => {
    const a = logAxis([60, 120, 30, 60.4]);
    expect(a.domain[0]).toBeCloseTo(24);
    expect(a.domain[1]).toBeCloseTo(150);
    expect(a.ticks).toEqual([30, 60, 120]);
    expect(logAxis([7]).ticks).toEqual([7]);
    expect(logAxis([3, 10, 30, 100, 300, 600, 800]).ticks).toEqual([5, 10, 20, 50, 100, 200, 500, 1000]);
    expect(metricWords('Macro AUC')).toBe('macro AUC');
  });
});

describe('forest rows', () => {
  const rows = forestRows(SWEEP, 'macro_auc');

  it('has one row per transfer and budget with its difference, interval, tone and test records', () => {
    expect(rows.map((r) => [r.transfer, r.budget, r.tone, r.text, r.nTest, r.baseline])).toEqual([
      ['transfer-hr', 1, 'gain', '+0.040 [0.01, 0.07]', 48, 'baseline'],
      ['transfer-hr', 0.5, 'neutral', '±0.000 [−0.03, 0.03]', 48, 'baseline'],
    ]);
  });

  it('reads each row aloud, saying when there is no significant difference', () => {
    expect(rows[0].description).toContain('transfer-hr minus baseline at 100 % of the training records (120 records, mean of 2 repeats)');
    expect(rows[0].description).toContain('better than the baseline');
    expect(rows[1].description).toContain('no significant difference');
  });

  it('spans 0 and every interval', () => {
    const [lo, hi] = forestDomain(rows);
    expect(lo).toBeLessThan(-0.03);
    expect(hi).toBeGreaterThan(0.07);
    const [a, b] = forestDomain([{ diff: 0.05, ci: { lo: 0.02, hi: 0.08 } }]);
    expect(a).toBeLessThan(0);
    expect(b).toBeGreaterThan(0.08);
    expect(forestDomain([])).toEqual([-0.05, 0.05]);
  });
});

describe('warnings', () => {
  it('says a message once, naming every stage it concerns', () => {
    const g = groupWarnings(SWEEP.warnings);
    expect(g).toHaveLength(2);
    expect(g[0]).toEqual({ code: 'small-test-split', message: SWEEP.warnings![0].message, stages: ['baseline', 'transfer-hr'] });
    expect(groupWarnings(SWEEP.warnings, 'transfer-hr').map((w) => w.code)).toEqual(['small-test-split']);
    expect(groupWarnings(undefined)).toEqual([]);
  });
});

describe('cells', () => {
  it('lists finished cells with 1-based repeats, budgets in words and the metric with its interval', () => {
    const rows = cellRows(
      [
        cell({ id: 'pretrain-hr#r0', stage: 'pretrain-hr', kind: 'pretrain', budget: undefined, test: { mae_hr_bpm: 4.25 }, ci: { mae_hr_bpm: { lo: 3.9, hi: 4.61 } }, cached: true }),
        cell({ id: 'baseline#r1#b0.25', stage: 'baseline', repeat: 1, budget: 0.25, nTrain: 30, ci: { macro_auc: { lo: 0.7, hi: 0.9 } } }),
      ],
      'macro_auc',
    );
    expect(rows.map((r) => [r.stage, r.repeat, r.budgetLabel, r.nTrain, r.metric, r.text, r.cached])).toEqual([
      ['pretrain-hr', 1, 'all', 120, 'mae_hr_bpm', '4.25 [3.9, 4.6]', true],
      ['baseline', 2, '25 %', 30, 'macro_auc', '0.800 [0.70, 0.90]', undefined],
    ]);
  });

  it('builds learning curves from the cells of a sweep in progress', () => {
    const cells = [
      cell({ id: 'baseline#r0#b1', stage: 'baseline', test: { macro_auc: 0.7 }, ci: { macro_auc: { lo: 0.6, hi: 0.8 } } }),
      cell({ id: 'baseline#r0#b0.5', stage: 'baseline', budget: 0.5, nTrain: 60, test: { macro_auc: 0.65 }, ci: { macro_auc: { lo: 0.5, hi: 0.75 } } }),
      cell({ id: 'baseline#r1#b1', stage: 'baseline', repeat: 1, nTrain: 122, test: { macro_auc: 0.8 } }),
      cell({ id: 'pretrain-hr#r0', stage: 'pretrain-hr', kind: 'pretrain', budget: undefined }),
    ];
    const b = liveBudgets(cells);
    expect(b.map((x) => [x.budget, x.label, Object.keys(x.stages)])).toEqual([
      [0.5, '50 %', ['baseline']],
      [1, '100 %', ['baseline']],
    ]);
    // One repeat: the cell's bootstrap interval; two: the t-interval of the mean.
    expect(b[0].stages.baseline.metrics.macro_auc).toEqual({ mean: 0.65, ci: { lo: 0.5, hi: 0.75 }, ciMethod: 'bootstrap' });
    const two = b[1].stages.baseline;
    const ref = summarizeRepeats([0.7, 0.8]);
    expect(two.nTrain).toBe(121);
    expect(two.metrics.macro_auc.ciMethod).toBe('repeats');
    expect(two.metrics.macro_auc.mean).toBeCloseTo(0.75);
    expect(two.metrics.macro_auc.ci).toEqual(ref.ci);
    // t(0.975, 1) = 12.706: the interval of two repeats is wide.
    expect(two.metrics.macro_auc.ci!.hi - 0.75).toBeCloseTo((12.706 * Math.SQRT1_2 * 0.1) / Math.SQRT2, 3);
    expect(learningCurves(b, 'macro_auc')[0].points.map((p) => p.x)).toEqual([60, 121]);
  });
});
