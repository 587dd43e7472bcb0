import { describe, expect, it } from 'vitest';
import type { StagePredictions } from '../../core/experiment/results';
import type { HistoryRun } from '../../store/historyStore';
import { compareEntries, pairedRows } from './compareView';

const N = 60;
const ids = Array.from({ length: N }, (_, i) => `r${i}`);
const labels = ids.map((_, i) => i % 2);

/** Predictions of a model that is right on the first `right` records (confident) and wrong on the rest. */
function preds(cell: string, right: number, recordIds = ids): StagePredictions {
  return {
    cell,
    stage: 'baseline',
    repeat: 0,
    task: 'single-label',
    classes: ['A', 'B'],
    ids: recordIds,
    labels,
    probs: labels.map((y, i) => {
      const p = i < right ? 0.9 : 0.1;
      return y === 0 ? [p, 1 - p] : [1 - p, p];
    }),
  };
}

function run(id: string, acc: number, p: StagePredictions): HistoryRun {
  return {
    id,
    name: id,
    presetName: 'x',
    createdAt: 0,
    updatedAt: 0,
    status: 'done',
    spec: {} as HistoryRun['spec'],
    results: {
      comparison: [{ stage: 'baseline', kind: 'baseline', source: 's', val: {}, test: { accuracy: acc, macro_auc: acc, macro_f1: acc }, n: { train: 1, val: 1, test: N } }],
      stages: [{ name: 'baseline', kind: 'baseline', cell: { id: p.cell, repeat: 0, seed: 1 }, split: { method: 'random', nTrain: 100, nVal: 20, nTest: N }, ci: { accuracy: { lo: acc - 0.1, hi: Math.min(1, acc + 0.1) } } }],
      predictions: [p],
    } as unknown as HistoryRun['results'],
  };
}

const label = (r: HistoryRun) => r.name;

describe('History comparison', () => {
  it('shows each test metric with its interval, and the number alone where the run kept none', () => {
    const [e] = compareEntries([run('a', 0.75, preds('baseline#r0', 45))]);
    expect(e.text.accuracy).toBe('0.750 [0.65, 0.85]');
    expect(e.text.macro_auc).toBe('0.750');
    expect(e.nTest).toBe(N);
  });

  it('pairs two runs tested on the same records: a clear gain is coloured, a tiny one is not', () => {
    const a = run('a', 0.5, preds('baseline#r0', 30));
    const better = run('b', 1, preds('baseline#r0', 60));
    const same = run('c', 0.517, preds('baseline#r0', 31));
    const rows = pairedRows(compareEntries([a, better, same]), label);
    expect(rows.map((r) => r.label)).toEqual(['b · baseline − a · baseline', 'c · baseline − a · baseline']);
    expect(rows[0].n).toBe(N);
    expect(rows[0].metrics.accuracy.text).toMatch(/^\+0\.500 \[0\.\d+, 0\.\d+\]$/);
    expect(rows[0].metrics.accuracy.tone).toBe('gain');
    expect(rows[0].metrics.accuracy.title).toContain('better than the first run');
    expect(rows[1].metrics.accuracy.tone).toBe('neutral');
    expect(rows[1].metrics.accuracy.title).toContain('no significant difference');
  });

  it('does not pair runs tested on other records', () => {
    const other = ids.map((x) => `${x}-other`);
    const rows = pairedRows(compareEntries([run('a', 0.5, preds('baseline#r0', 30)), run('b', 1, preds('baseline#r0', 60, other))]), label);
    expect(rows).toEqual([]);
  });
});
