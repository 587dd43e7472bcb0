import { describe, expect, it } from 'vitest';
import { decodeSpec, encodeSpec } from './codec';
import { PRESET_NAMES, presetSpec } from './presets';
import { migrateSpec, parseSpec, SpecError, SPEC_VERSION } from './spec';

const base = () => JSON.parse(JSON.stringify(presetSpec('teaching-quick')));

function errorOf(f: () => unknown): SpecError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(SpecError);
    return e as SpecError;
  }
  throw new Error('expected a SpecError');
}

describe('parseSpec', () => {
  it('accepts every preset', () => {
    for (const p of PRESET_NAMES) expect(presetSpec(p).name).toBe(p);
    expect(presetSpec('paper-synthetic-to-real').stages.map((s) => s.name)).toEqual([
      'pretrain-hr', 'pretrain-qrs', 'pretrain-pr', 'pretrain-qt', 'transfer-hr', 'transfer-qrs', 'transfer-pr', 'transfer-qt', 'baseline',
    ]);
  });
  it('rejects unknown versions', () => {
    const s = base();
    s.version = 3;
    expect(errorOf(() => parseSpec(s)).message).toBe('version: unsupported spec version 3 (this lab reads versions 1 and 2)');
    expect(errorOf(() => parseSpec('{"name": 1}')).path).toBe('version');
    expect(errorOf(() => parseSpec('{oops')).message).toMatch(/not valid JSON/);
  });
  it('points at the invalid field', () => {
    const s = base();
    s.stages[1].mode = 'sideways';
    expect(errorOf(() => parseSpec(s)).path).toBe('stages[1].mode');
    const t = base();
    t.training.lr = -1;
    expect(errorOf(() => parseSpec(t)).path).toBe('training.lr');
    const u = base();
    u.stages[0].training = { epochs: 0 };
    expect(errorOf(() => parseSpec(u)).path).toBe('stages[0].training.epochs');
    const v = base();
    v.extra = 1;
    expect(errorOf(() => parseSpec(v)).message).toMatch(/extra/);
  });
  it('checks references between stages and sources', () => {
    const s = base();
    s.stages[1].from = 'nope';
    expect(errorOf(() => parseSpec(s)).message).toBe('stages[1].from: "nope" is not an earlier stage');
    const t = base();
    t.stages[2].source = 'ptbxl';
    expect(errorOf(() => parseSpec(t)).message).toMatch(/^stages\[2\]\.source: unknown source "ptbxl"/);
    const u = base();
    u.stages[2].name = 'pretrain-hr';
    expect(errorOf(() => parseSpec(u)).path).toBe('stages[2].name');
    const w = base();
    w.stages[1].from = 'baseline';
    w.stages.push(w.stages.splice(1, 1)[0]);
    expect(errorOf(() => parseSpec(w)).message).toMatch(/transfer needs a pretrain stage/);
  });
  it('validates the synthetic dataset spec with its own validator, naming the field', () => {
    const s = base();
    s.sources.synth.spec.n = 0;
    expect(errorOf(() => parseSpec(s)).path).toBe('sources.synth.spec.n');
  });
});

describe('URL codec', () => {
  it('round-trips and drops local paths', () => {
    const s = presetSpec('paper-synthetic-to-real');
    const src = s.sources.ptbxl;
    if (src.kind !== 'imported') throw new Error('expected imported');
    src.paths = ['/home/me/secret/ptb-xl'];
    src.fingerprint = 'abc123';
    const enc = encodeSpec(s);
    expect(enc).toMatch(/^[A-Za-z0-9+\-$]+$/);
    expect(enc.length).toBeLessThan(3000);
    const back = decodeSpec(enc);
    expect(JSON.stringify(back)).not.toContain('secret');
    expect(back.sources.ptbxl).toEqual({ kind: 'imported', name: 'PTB-XL', fingerprint: 'abc123', split: src.split });
    expect(back.stages).toEqual(s.stages);
  });
  it('rejects damaged links', () => {
    expect(() => decodeSpec('garbage!!')).toThrow(SpecError);
    expect(() => decodeSpec(encodeSpec(presetSpec('teaching-quick')).slice(0, 20))).toThrow(SpecError);
  });
});

describe('describeExperiment', () => {
  it('summarises each training stage before any data exists', async () => {
    const { describeExperiment } = await import('./describe');
    const tf = await import('@tensorflow/tfjs');
    await tf.setBackend('cpu');
    const p = describeExperiment(presetSpec('paper-synthetic-to-real'), {}, 'wasm');
    expect(p.leads).toEqual(['I', 'II', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6']);
    expect(p.nSamples).toBe(1000);
    expect(p.stages).toHaveLength(9);
    expect(p.stages[0]).toMatchObject({ stage: 'pretrain-hr', nOut: 1, sourceRecords: 4000, estTrainRecords: 3200, epochs: 25 });
    expect(p.stages[4]).toMatchObject({ stage: 'transfer-hr', nOut: 5, epochs: 30 });
    expect(p.stages[0].summary.flopsPerSample).toBeGreaterThan(0);
    expect(p.stages[8]).toMatchObject({ stage: 'baseline', nOut: 5, sourceRecords: null, estSecondsPerEpoch: null });
    expect(p.estTotalSeconds).toBeNull();
    const full = presetSpec('paper-synthetic-to-real');
    full.model.kind = 'inception1d';
    expect(describeExperiment(full).stages[0].summary.trainableParams).toBe(506_369);
  });
});

describe('spec v2: migration, repeats and label budgets', () => {
  const v1 = () => ({ ...base(), version: 1 });
  it('migrates a v1 spec: same content, version 2, one repeat at the full budget', () => {
    const old = v1();
    const m = migrateSpec(old);
    expect(m.version).toBe(2);
    expect(old.version).toBe(1); // the input is left alone
    const { version: _a, ...restOld } = old;
    const { version: _b, ...restNew } = m;
    expect(restNew).toEqual(restOld);
    const s = parseSpec(JSON.stringify(old));
    expect(s.version).toBe(SPEC_VERSION);
    expect(s.repeats).toBeUndefined();
    expect(s.labelBudgets).toBeUndefined();
    expect(() => migrateSpec([])).toThrow(SpecError);
    expect(errorOf(() => migrateSpec({ version: '1' })).path).toBe('version');
  });
  it('a v1 share link still opens (decoded, migrated)', () => {
    const link = encodeSpec(parseSpec(v1()));
    expect(decodeSpec(link).version).toBe(2);
  });
  it('validates repeats and budgets, naming the field', () => {
    const ok = parseSpec({ ...base(), repeats: 3, labelBudgets: [0.05, 0.1, 0.25, 1, 50] });
    expect([ok.repeats, ok.labelBudgets]).toEqual([3, [0.05, 0.1, 0.25, 1, 50]]);
    expect(errorOf(() => parseSpec({ ...base(), repeats: 0 })).path).toBe('repeats');
    expect(errorOf(() => parseSpec({ ...base(), repeats: 1.5 })).path).toBe('repeats');
    expect(errorOf(() => parseSpec({ ...base(), labelBudgets: [0] })).path).toBe('labelBudgets[0]');
    expect(errorOf(() => parseSpec({ ...base(), labelBudgets: [0.5, -1] })).path).toBe('labelBudgets[1]');
    expect(errorOf(() => parseSpec({ ...base(), labelBudgets: [1.5] })).message).toMatch(/labelBudgets\[0\]: .*must be an integer/);
    expect(errorOf(() => parseSpec({ ...base(), labelBudgets: [] })).path).toBe('labelBudgets');
    expect(errorOf(() => parseSpec({ ...base(), labelBudgets: [0.5, 0.5] })).message).toBe('labelBudgets[1]: duplicate label budget 0.5');
  });
});

describe('protocol presets', () => {
  it('paper-exact: the study\'s protocol', () => {
    const s = presetSpec('paper-exact');
    expect(s.model.kind).toBe('inception1d');
    expect(s.preprocessing).toEqual({ scaling: 'minmax', leads: ['I', 'II', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6'] });
    expect(s.sources.ptbxl.split).toEqual({ method: 'random', val: 0.1, test: 0.2 });
    expect(s.training).toMatchObject({ batchSize: 31, lr: 0.01, schedule: { kind: 'exponential', gamma: 0.99 }, patience: 50, restoreBest: true });
    const classify = s.stages.filter((st) => st.kind === 'transfer' || st.kind === 'baseline');
    expect(classify.map((st) => 'task' in st && st.task.kind)).toEqual(Array(5).fill('single-label'));
    expect(s.stages.filter((st) => st.kind === 'transfer').map((st) => 'mode' in st && st.mode)).toEqual(Array(4).fill('finetune'));
  });
  it('ptbxl-benchmark: multi-label, strat_fold 1–8 / 9 / 10', () => {
    const s = presetSpec('ptbxl-benchmark');
    expect(s.sources.ptbxl.split?.method).toBe('folds');
    expect(s.stages).toEqual([{ kind: 'baseline', name: 'baseline', source: 'ptbxl', task: { kind: 'multi-label', classes: ['NORM', 'MI', 'STTC', 'CD', 'HYP'] } }]);
  });
  it('label-efficiency: baseline vs four transfers, 5 budgets, 3 repeats', () => {
    const s = presetSpec('label-efficiency');
    expect([s.repeats, s.labelBudgets]).toEqual([3, [0.05, 0.1, 0.25, 0.5, 1]]);
    expect(s.stages.filter((st) => st.kind === 'transfer').map((st) => st.name)).toEqual(['transfer-hr', 'transfer-qrs', 'transfer-pr', 'transfer-qt']);
  });
});
