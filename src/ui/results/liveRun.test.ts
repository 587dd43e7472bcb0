import { describe, expect, it } from 'vitest';
import { applyEvents, asRoc, emptyLiveRun, liveFromResults, type LiveEvent } from './liveRun';
import { normaliseComparison } from './Comparison';
import { metricLabel, targetLabel } from './format';
import { evaluationStages, targetsOf, unitOf } from './Evaluation';
import { matchRefs, withFingerprints } from '../share/refs';

describe('applyEvents', () => {
  const events: LiveEvent[] = [
    { type: 'stage-start', stage: 'pretrain-hr', kind: 'pretrain', target: 'hr_bpm', epochs: 2 },
    { type: 'batch', stage: 'pretrain-hr', epoch: 1, batch: 3, batches: 10, etaS: 12 },
    { type: 'epoch', stage: 'pretrain-hr', epoch: 1, loss: 0.9, valLoss: 1.1, metrics: { mae_hr_bpm: 7.5 } },
    { type: 'epoch', stage: 'pretrain-hr', epoch: 2, loss: 0.5, valLoss: 0.6, metrics: { mae_hr_bpm: 3.25 } },
    { type: 'stage-end', stage: 'pretrain-hr', metrics: { val: { mae_hr_bpm: 3.25 }, test: { mae_hr_bpm: 3.5 } } },
    { type: 'stage-start', stage: 'baseline', kind: 'baseline', epochs: 1, classes: ['A', 'B'] },
    { type: 'epoch', stage: 'baseline', epoch: 1, loss: 0.7, metrics: { accuracy: 0.5, confusion: [[1, 1], [1, 1]], roc: [{ class: 'A', auc: 0.5, fpr: [0, 1], tpr: [0, 1] }] } },
    { type: 'stage-end', stage: 'baseline', metrics: { test: { accuracy: 0.75, confusion: [[3, 1], [0, 4]] } } },
  ];

  it('folds stage, epoch, batch and end events into per-stage curves and final matrices', () => {
    const live = applyEvents(emptyLiveRun(), events);
    expect(live.stages.map((s) => [s.name, s.status])).toEqual([
      ['pretrain-hr', 'done'],
      ['baseline', 'done'],
    ]);
    const hr = live.stages[0];
    expect(hr.epochs.map((p) => p.metrics.mae_hr_bpm)).toEqual([7.5, 3.25]);
    expect(hr.epochs[1].valLoss).toBe(0.6);
    expect(hr.progress).toBeUndefined();
    expect(live.etaS).toBeUndefined(); // no ETA once every stage is done
    const b = live.stages[1];
    expect(b.epochs[0].metrics).toEqual({ accuracy: 0.5 }); // matrices are not numeric series
    expect(b.confusion).toEqual({ split: 'test', matrix: [[3, 1], [0, 4]] });
    expect(b.roc?.curves[0]).toEqual({ className: 'A', auc: 0.5, points: [{ fpr: 0, tpr: 0 }, { fpr: 1, tpr: 1 }] });
  });

  it('does not mutate its input and coalesces repeated epochs', () => {
    const first = applyEvents(emptyLiveRun(), events.slice(0, 3));
    const snapshot = JSON.stringify(first);
    const second = applyEvents(first, [{ type: 'epoch', stage: 'pretrain-hr', epoch: 1, loss: 0.8, metrics: {} }]);
    expect(JSON.stringify(first)).toBe(snapshot);
    expect(second.stages[0].epochs).toHaveLength(1);
    expect(second.stages[0].epochs[0].loss).toBe(0.8);
  });
});

describe('results helpers', () => {
  it('rebuilds curves from a results object', () => {
    const live = liveFromResults({
      // engine shape: history epochs count from 0, validation metrics under `val`
      stages: [
        {
          name: 's',
          kind: 'transfer',
          metrics: { test: { confusion: [[2, 0], [1, 3]] } },
          split: { method: 'random', nTrain: 10, nVal: 4, nTest: 6 },
          bestEpoch: 0,
          history: [{ epoch: 0, lr: 0.01, loss: 2, valLoss: 3, seconds: 1, improved: true, val: { n: 4, loss: 3, accuracy: 0.4 } }],
        },
      ],
      comparison: [],
    });
    expect(live.stages[0].epochs[0]).toEqual({ epoch: 1, loss: 2, valLoss: 3, metrics: { n: 4, loss: 3, accuracy: 0.4 } });
    expect(live.stages[0].bestEpoch).toBe(1);
    expect(live.stages[0].split?.nTest).toBe(6);
    expect(live.stages[0].confusion?.matrix.flat().reduce((a, b) => a + b)).toBe(6);
  });

  it('normalises comparison rows and puts the baseline first', () => {
    const rows = normaliseComparison([
      { name: 'transfer-hr', kind: 'transfer', from: 'pretrain-hr', val: { accuracy: 0.7 }, test: { accuracy: 0.8, macro_auc: 0.9 } },
      { stage: 'baseline', split: 'test', accuracy: 0.6 } as never,
      { name: 'baseline', split: 'val', accuracy: 0.55 },
    ]);
    expect(rows.map((r) => r.name)).toEqual(['baseline', 'transfer-hr']);
    expect(rows[0]).toMatchObject({ kind: 'baseline', val: { accuracy: 0.55 }, test: { accuracy: 0.6 } });
    expect(rows[1].test.macro_auc).toBe(0.9);
  });

  it('accepts ROC points as pairs', () => {
    expect(asRoc([{ auc: 1, points: [[0, 0], [0, 1], [1, 1]] }], ['NORM'])?.[0].className).toBe('NORM');
  });

  it('labels metrics with their units', () => {
    expect(metricLabel('mae_qrs_ms')).toBe('QRS MAE (ms)');
    expect(metricLabel('rmse_hr_bpm')).toBe('HR RMSE (bpm)');
    expect(metricLabel('macro_auc')).toBe('Macro AUC');
    expect(targetLabel('hr_bpm')).toBe('HR');
    expect(targetLabel('hr_bpm+pr_ms+qrs_ms+qt_ms')).toBe('HR/PR/QRS/QT');
    expect(unitOf('qt_ms')).toBe('ms');
    expect(unitOf('hr_bpm')).toBe('bpm');
  });
});

describe('epoch numbering', () => {
  it('results with epochBase 1 keep their epoch numbers (history rows and best epoch)', () => {
    const live = liveFromResults({
      epochBase: 1,
      stages: [{ name: 's', kind: 'pretrain', metrics: {}, bestEpoch: 2, history: [{ epoch: 1, loss: 2, valLoss: 3, val: { n: 4, loss: 3 } }, { epoch: 2, loss: 1, valLoss: 2, val: { n: 4, loss: 2 } }] }],
      comparison: [],
    });
    expect(live.stages[0].epochs.map((e) => e.epoch)).toEqual([1, 2]);
    expect(live.stages[0].bestEpoch).toBe(2);
  });
});

describe('evaluate stages', () => {
  it('finds the targets of an evaluate stage and keeps its predictions from the stage-end event', () => {
    const test = { n: 4, loss: 1, mae_pr_ms: 19.2, rmse_pr_ms: 29.2, r2_pr_ms: -0.9, n_pr_ms: 4, mae_qt_ms: 62.9, n_qt_ms: 3 };
    const live = applyEvents(emptyLiveRun(), [
      { type: 'stage-start', stage: 'real-intervals', kind: 'evaluate', from: 'pretrain-intervals' },
      { type: 'stage-end', stage: 'real-intervals', metrics: { test }, predictions: [{ target: 'pr_ms', true: [150, 160], pred: [170, 155] }], targets: ['qt_ms', 'pr_ms'] },
    ]);
    const [st] = evaluationStages(live.stages);
    expect(st.name).toBe('real-intervals');
    expect(st.predictions?.[0].pred).toEqual([170, 155]);
    expect(targetsOf(st.final?.test, st.targets)).toEqual(['qt_ms', 'pr_ms']);
    expect(evaluationStages(applyEvents(emptyLiveRun(), [{ type: 'stage-start', stage: 'e', kind: 'evaluate' }]).stages)).toHaveLength(0);
  });
});

describe('imported data for a spec', () => {
  const ludb = { id: 'a', name: 'LUDB', fingerprint: 'fp-ludb', kind: 'imported' as const, targets: { pr_ms: 12 } };
  const ptb = { id: 'b', name: 'PTB-XL', fingerprint: 'fp-ptb', kind: 'imported' as const, classes: ['NORM', 'MI'], targets: {} };
  const spec = {
    sources: { synth: { kind: 'synthetic', spec: {} }, real: { kind: 'imported', name: 'LUDB' } },
    stages: [{ kind: 'evaluate', name: 'e', from: 'p', source: 'real' }],
  };
  it('matches a preset source without fingerprint by name, then writes the fingerprint in', () => {
    const m = matchRefs(spec, [ptb, ludb]);
    expect(m.map((x) => [x.how, x.dataset?.id])).toEqual([['name', 'a']]);
    const s2 = withFingerprints(spec, m) as typeof spec & { sources: { real: { fingerprint?: string } } };
    expect(s2.sources.real.fingerprint).toBe('fp-ludb');
    expect((spec.sources.real as { fingerprint?: string }).fingerprint).toBeUndefined();
    expect(matchRefs(s2, [ptb, ludb])[0].how).toBe('fingerprint');
  });
  it('falls back to the only imported dataset that fits; a named fingerprint must match exactly', () => {
    const renamed = { ...ludb, name: 'my-ludb-folder' };
    expect(matchRefs(spec, [ptb, renamed])[0]).toMatchObject({ how: 'only', dataset: { id: 'a' } });
    expect(matchRefs(spec, [ptb])[0].how).toBe('missing'); // PTB-XL has no interval labels
    const shared = { ...spec, sources: { ...spec.sources, real: { kind: 'imported', name: 'LUDB', fingerprint: 'other' } } };
    expect(matchRefs(shared, [ludb])[0]).toMatchObject({ how: 'differs', sameName: { id: 'a' } });
  });
});
