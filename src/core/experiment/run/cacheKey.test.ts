import { describe, expect, it } from 'vitest';
import { presetSpec } from '../presets';
import { parseSpec, type ExperimentSpec } from '../spec';
import { canonicalJson, hashText, pretrainCacheKey } from './cacheKey';

const spec = () => presetSpec('paper-synthetic-to-real');
const pre = (s: ExperimentSpec) => {
  const st = s.stages[0];
  if (st.kind !== 'pretrain') throw new Error('stage 0 pretrains');
  return st;
};
const key = (s: ExperimentSpec, seed = s.seed, fp: string | undefined = 'fp') => pretrainCacheKey(s, pre(s), seed, () => fp);

describe('pretrained-model cache key', () => {
  it('is canonical: key order does not matter, content does', () => {
    expect(canonicalJson({ b: 1, a: [1, { d: 2, c: undefined }] })).toBe('{"a":[1,{"d":2}],"b":1}');
    expect(hashText('abc')).toMatch(/^[0-9a-f]{16}$/);
    expect(hashText('abc')).not.toBe(hashText('abd'));
  });

  it('changes with what the weights depend on, not with the rest of the sweep', () => {
    const k = key(spec());
    expect(k).toMatch(/^[0-9a-f]{16}$/);
    expect(key(spec())).toBe(k);
    // not: budgets, repeats, the classification stages, paths, the imported source's display name
    const same = spec();
    same.labelBudgets = [0.1, 1];
    same.repeats = 3;
    same.stages = same.stages.filter((st) => st.kind === 'pretrain' || st.name === 'baseline');
    const ptb = same.sources.ptbxl;
    if (ptb.kind === 'imported') Object.assign(ptb, { paths: ['/x'], name: 'renamed' });
    expect(key(parseSpec(same))).toBe(k);
    // yes: seed, training, synthetic data, model, preprocessing
    expect(key(spec(), 2)).not.toBe(k);
    const t = spec();
    pre(t).training = { epochs: 3 };
    expect(key(t)).not.toBe(k);
    const d = spec();
    const syn = d.sources.synth;
    if (syn.kind === 'synthetic') syn.spec.n = 100;
    expect(key(d)).not.toBe(k);
    const m = spec();
    m.model.kind = 'tiny-cnn';
    expect(key(m)).not.toBe(k);
    const p = spec();
    p.preprocessing.scaling = 'zscore';
    expect(key(p)).not.toBe(k);
  });

  it('an imported pretraining source needs a fingerprint', () => {
    const s = spec();
    const st = pre(s);
    st.source = 'ptbxl';
    expect(pretrainCacheKey(s, st, 1, () => undefined)).toBeNull();
    expect(pretrainCacheKey(s, st, 1, () => 'a')).not.toBe(pretrainCacheKey(s, st, 1, () => 'b'));
  });
});
