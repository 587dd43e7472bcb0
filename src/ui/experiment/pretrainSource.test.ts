import { describe, expect, it } from 'vitest';
import { defaultSyntheticSpec } from '../../core/data/synthDataset';
import { presetSpec } from '../../core/experiment/presets';
import { parseSpec } from '../../core/experiment/spec';
import { pretrainingFromDesigner } from './pretrainSource';

const designed = () => ({ ...defaultSyntheticSpec(), name: 'designed set', n: 321, seed: 77, params: { hrBpm: { kind: 'uniform' as const, min: 50, max: 90 } } });

describe('Use for pretraining', () => {
  it('replaces a synthetic pretraining source in place, keeping its split; the spec stays valid', () => {
    const base = presetSpec('synthetic-demo');
    const r = pretrainingFromDesigner(base, designed());
    if (!r.ok) throw new Error(r.error);
    expect(r).toMatchObject({ source: 'synth', replaced: true });
    const src = r.spec.sources.synth;
    expect(src.kind === 'synthetic' && src.spec).toMatchObject({ name: 'designed set', n: 321, seed: 77, params: { hrBpm: { kind: 'uniform', min: 50, max: 90 } } });
    expect(src.split).toEqual(base.sources.synth.split);
    // The other stages' source is untouched.
    expect(r.spec.sources.morph).toEqual(base.sources.morph);
    expect(parseSpec(r.spec)).toEqual(r.spec);
  });

  it('a pretraining stage on imported data moves to a new synthetic source; other stages keep the import', () => {
    const base = presetSpec('synthetic-demo');
    base.sources.synth = { kind: 'imported', name: 'PTB-XL' };
    const r = pretrainingFromDesigner(base, designed());
    if (!r.ok) throw new Error(r.error);
    expect(r).toMatchObject({ source: 'designer', replaced: false });
    expect(r.spec.stages.filter((s) => s.kind === 'pretrain').every((s) => s.source === 'designer')).toBe(true);
    expect(r.spec.sources.synth).toEqual({ kind: 'imported', name: 'PTB-XL' });
    expect(parseSpec(r.spec)).toEqual(r.spec);
  });

  it('an experiment without pretraining says so', () => {
    const base = presetSpec('synthetic-demo');
    base.stages = base.stages.filter((s) => s.kind === 'baseline');
    const r = pretrainingFromDesigner(base, designed());
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/no pretraining stage/);
  });
});
