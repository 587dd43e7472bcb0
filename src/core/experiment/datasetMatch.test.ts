import { describe, expect, it } from 'vitest';
import { datasetRefs, datasetsBySource, describeMissing, matchDatasets, withFingerprints, type DatasetCandidate } from './datasetMatch';
import { presetSpec } from './presets';
import { toyDataset } from '../ml/toyDataset';
import type { ExperimentSpec } from './spec';

type Loaded = DatasetCandidate & { id: string };
const ludb: Loaded = { id: 'a', name: 'LUDB', fingerprint: 'fp-ludb', kind: 'imported', targets: ['pr_ms', 'qrs_ms', 'qt_ms'] };
const ptb: Loaded = { id: 'b', name: 'PTB-XL', fingerprint: 'fp-ptb', kind: 'imported', classes: ['NORM', 'MI'], targets: [] };
const id = (d: Loaded) => d;

/** A spec with one synthetic pretraining source and one imported source read by an evaluate stage. */
function evalSpec(real: ExperimentSpec['sources'][string]): ExperimentSpec {
  const s = presetSpec('teaching-quick');
  return {
    ...s,
    sources: { synth: s.sources.synth, real },
    stages: [
      { kind: 'pretrain', name: 'p', source: 'synth', targets: ['pr_ms'] },
      { kind: 'evaluate', name: 'e', from: 'p', source: 'real', on: 'all' },
    ],
  };
}

describe('matchDatasets', () => {
  it('a source without fingerprint is matched by name, then names the chosen data by fingerprint', () => {
    const spec = evalSpec({ kind: 'imported', name: 'LUDB' });
    const m = matchDatasets(spec, [ptb, ludb], id);
    expect(m.map((x) => [x.ref.key, x.how, x.dataset?.id])).toEqual([['real', 'name', 'a']]);
    const pinned = withFingerprints(spec, m);
    expect(pinned.sources.real).toMatchObject({ kind: 'imported', fingerprint: 'fp-ludb' });
    expect(spec.sources.real).not.toHaveProperty('fingerprint'); // input untouched
    expect(matchDatasets(pinned, [ptb, ludb], id)[0].how).toBe('fingerprint');
  });

  it('names match ignoring case when no exact name fits', () => {
    expect(matchDatasets(evalSpec({ kind: 'imported', name: 'ludb' }), [{ ...ludb, name: 'LUDB' }, { ...ludb, id: 'c', name: 'other' }], id)[0]).toMatchObject({ how: 'name', dataset: { id: 'a' } });
  });

  it('falls back to the only imported dataset whose labels fit', () => {
    const spec = evalSpec({ kind: 'imported', name: 'LUDB' });
    expect(matchDatasets(spec, [ptb, { ...ludb, name: 'my-ludb-folder' }], id)[0]).toMatchObject({ how: 'only', dataset: { id: 'a' } });
    expect(matchDatasets(spec, [ptb], id)[0].how).toBe('missing'); // PTB-XL has no interval labels
    expect(matchDatasets(spec, [{ ...ludb, kind: 'synthetic', name: 'LUDB' }], id)[0].how).toBe('missing'); // synthetic data never feeds an imported source
  });

  it('a named fingerprint must match exactly: the same name with other content is reported, not used', () => {
    const spec = evalSpec({ kind: 'imported', name: 'LUDB', fingerprint: 'other' });
    const [m] = matchDatasets(spec, [ludb], id);
    expect(m).toMatchObject({ how: 'fingerprint-differs', sameName: { id: 'a' } });
    expect(m.dataset).toBeUndefined();
    expect(describeMissing(m)).toBe('LUDB (fingerprint other; the loaded “LUDB” has other content, fp-ludb)');
    expect(matchDatasets(spec, [ptb], id)[0].how).toBe('missing');
  });

  it('a fingerprint match wins over a dataset of the same name', () => {
    const spec = evalSpec({ kind: 'imported', name: 'LUDB', fingerprint: 'fp-2' });
    expect(matchDatasets(spec, [ludb, { ...ludb, id: 'c', name: 'renamed', fingerprint: 'fp-2' }], id)[0]).toMatchObject({ how: 'fingerprint', dataset: { id: 'c' } });
  });

  it('classification sources need a class of their task', () => {
    const s = presetSpec('teaching-quick');
    const spec: ExperimentSpec = {
      ...s,
      sources: { synth: s.sources.synth, ptbxl: { kind: 'imported', name: 'PTB-XL' } },
      stages: [{ kind: 'baseline', name: 'b', source: 'ptbxl', task: { kind: 'single-label', classes: ['NORM', 'MI'] } }],
    };
    expect(matchDatasets(spec, [{ ...ludb, name: 'PTB-XL' }], id)[0].how).toBe('missing');
    expect(matchDatasets(spec, [ptb], id)[0]).toMatchObject({ how: 'name', dataset: { id: 'b' } });
  });
});

describe('datasetsBySource', () => {
  it('keys engine datasets by the source they feed, by their content fingerprint', () => {
    const ds = toyDataset(12, 3);
    ds.source = 'imported';
    const other = toyDataset(10, 9);
    other.source = 'imported';
    const spec = evalSpec({ kind: 'imported', name: 'toy', fingerprint: ds.fingerprint });
    expect(Object.keys(datasetsBySource(spec, [other, ds]))).toEqual(['real']);
    expect(datasetsBySource(spec, [other, ds]).real).toBe(ds);
    expect(datasetsBySource(evalSpec({ kind: 'imported', name: 'toy', fingerprint: 'nope' }), [ds])).toEqual({});
  });

  it('lists the imported refs of a spec in order', () => {
    expect(datasetRefs(evalSpec({ kind: 'imported', name: 'LUDB', fingerprint: 'f' }))).toEqual([{ key: 'real', name: 'LUDB', fingerprint: 'f' }]);
    expect(datasetRefs(presetSpec('teaching-quick'))).toEqual([]);
  });
});
