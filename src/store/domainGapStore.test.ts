import { describe, expect, it } from 'vitest';
import { defaultSyntheticSpec } from '../core/data/synthDataset';
import { parseSpec } from '../core/experiment/spec';
import { designerGapSpec, MAX_PER_SIDE } from './domainGapStore';

describe('designer domain-gap spec', () => {
  const ds = { name: 'PTB-XL', fingerprint: 'abc123', n: 95, fs: 100, nSamples: 1000 };
  it('synthetic records take the dataset rate and length and its count; the dataset is named by fingerprint', () => {
    const spec = parseSpec(designerGapSpec({ ...defaultSyntheticSpec(), fs: 500, seconds: 5, n: 2000 }, ds));
    const synth = spec.sources.synth;
    expect(synth.kind === 'synthetic' && synth.spec).toMatchObject({ n: 95, fs: 100, seconds: 10 });
    expect(spec.sources.real).toMatchObject({ kind: 'imported', name: 'PTB-XL', fingerprint: 'abc123' });
    expect(spec.stages).toEqual([expect.objectContaining({ kind: 'baseline', source: 'synth', against: 'real', task: { kind: 'single-label', classes: ['real', 'synthetic'] } })]);
  });
  it('at most MAX_PER_SIDE synthetic records', () => {
    const spec = parseSpec(designerGapSpec(defaultSyntheticSpec(), { ...ds, n: 50_000 }));
    const synth = spec.sources.synth;
    expect(synth.kind === 'synthetic' && synth.spec.n).toBe(MAX_PER_SIDE);
  });
  it('a stage with against must have the origin task', () => {
    const s = designerGapSpec(defaultSyntheticSpec(), ds);
    const st = s.stages[0];
    if (st.kind === 'baseline') st.task = { kind: 'single-label', classes: ['NORM', 'MI'] };
    expect(() => parseSpec(s)).toThrow(/domain-gap stage/);
  });
});
