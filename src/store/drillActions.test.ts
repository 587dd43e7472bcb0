/** The drill-down's orchestration with the workers and stores mocked: which record, from where, with which model. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { EcgDataset } from '../core/data/dataset';
import type { ExperimentSpec, RunResults } from '../core/experiment/contract';

const fake = vi.hoisted(() => ({
  calls: [] as unknown[][],
  datasets: [] as { id: string; name: string; fingerprint: string }[],
  objects: new Map<string, unknown>(),
  models: new Map<string, unknown>(),
}));

vi.mock('../../workers/dataClient', () => ({
  withDataWorker: async <T>(fn: (w: unknown) => T) =>
    fn({
      syntheticRecord: (spec: unknown, id: string) => (fake.calls.push(['syntheticRecord', spec, id]), id === '00002' ? { view: { name: id }, samples: { name: id } } : null),
    }),
}));
vi.mock('../../workers/trainClient', () => ({
  withTrainWorker: async <T>(fn: (w: unknown) => T) => fn({ explain: async (req: unknown, pref: unknown) => (fake.calls.push(['explain', req, pref]), { ok: true, explanation: {} }) }),
}));
vi.mock('./dataStore', () => ({
  useDataStore: { getState: () => ({ datasets: fake.datasets }) },
  getDataset: (id: string) => fake.objects.get(id),
  fetchRecord: async (id: string, index: number) => (fake.calls.push(['fetchRecord', id, index]), { name: `view ${index}` }),
}));
vi.mock('./historyStore', () => ({ useHistoryStore: { getState: () => ({ getModel: async (runId: string, stage: string) => fake.models.get(`${runId}/${stage}`) }) } }));

const { explainDrillRecord, loadDrillRecord } = await import('./drillActions');

const spec = {
  backend: 'wasm',
  preprocessing: { scaling: 'zscore' },
  sources: { syn: { kind: 'synthetic', spec: { n: 10, seed: 3 } }, imp: { kind: 'imported', name: 'PTB-XL', fingerprint: 'ff00' } },
} as unknown as ExperimentSpec;
const results = {
  leads: ['I', 'II'],
  sources: { syn: { name: 'Synthetic 10' }, imp: { name: 'PTB-XL', fingerprint: 'ff00' } },
  stages: [{ name: 'base', kind: 'baseline' }, { name: 'ev', kind: 'evaluate', from: 'pre' }],
} as unknown as RunResults;

beforeEach(() => {
  fake.calls = [];
  fake.datasets = [];
  fake.objects.clear();
  fake.models.clear();
});

describe('loadDrillRecord', () => {
  it('a synthetic source: the record is synthesized again from the run’s source spec; an unknown id says so', async () => {
    const ok = await loadDrillRecord(spec, results, 'syn', '00002');
    expect(ok).toMatchObject({ ok: true, datasetName: 'Synthetic 10' });
    expect(fake.calls[0]).toEqual(['syntheticRecord', { n: 10, seed: 3 }, '00002']);
    expect(await loadDrillRecord(spec, results, 'syn', '00011')).toEqual({ ok: false, reason: 'record 00011 is not one of the synthetic source "syn"' });
  });

  it('an imported source that is not loaded: names the dataset and its fingerprint to drop', async () => {
    fake.datasets = [{ id: 'other', name: 'PTB-XL', fingerprint: 'another' }];
    const r = await loadDrillRecord(spec, results, 'imp', 'a');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.missing).toEqual({ name: 'PTB-XL', fingerprint: 'ff00' });
      expect(r.reason).toMatch(/imported dataset “PTB-XL” \(fingerprint ff00\), which is not loaded: drop its files on the Data panel/);
    }
    expect(fake.calls).toEqual([]);
  });

  it('an imported source that is loaded: the model’s samples from the page’s dataset, the view from the data worker', async () => {
    const ds = { id: 'd1', name: 'PTB-XL', fingerprint: 'ff00', fs: 100, nLeads: 2, nSamples: 3, leadNames: ['I', 'II'], n: 2, x: Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), recordNames: ['a', 'b'] } as unknown as EcgDataset;
    fake.datasets = [{ id: 'd1', name: 'PTB-XL', fingerprint: 'ff00' }];
    fake.objects.set('d1', ds);
    const r = await loadDrillRecord(spec, results, 'imp', 'b');
    if (!r.ok) throw new Error(r.reason);
    expect(Array.from(r.samples.x)).toEqual([7, 8, 9, 10, 11, 12]);
    expect(r.view).toEqual({ name: 'view 1' });
    expect(fake.calls).toEqual([['fetchRecord', 'd1', 1]]);
    expect(await loadDrillRecord(spec, results, 'imp', 'zz')).toMatchObject({ ok: false, reason: expect.stringMatching(/record zz is not in the loaded dataset/) });
  });
});

describe('explainDrillRecord', () => {
  const samples = { name: 'a', fs: 100, leadNames: ['I', 'II'], nSamples: 3, x: new Float32Array(6) };
  it('asks the training worker with the stored model, the run’s preprocessing and backend; an evaluate stage uses the model it evaluates', async () => {
    fake.models.set('run1/pre', { stage: 'pre' });
    const a = await explainDrillRecord({ runId: 'run1', spec, results, stage: 'ev', samples, output: 1, method: 'integrated-gradients' });
    expect(a.ok).toBe(true);
    expect(fake.calls).toEqual([['explain', { stage: 'pre', model: { stage: 'pre' }, record: samples, prep: { scaling: 'zscore', leads: ['I', 'II'] }, output: 1, method: 'integrated-gradients' }, 'wasm']]);
  });

  it('no stored model: an answer saying so, the worker is not asked', async () => {
    const a = await explainDrillRecord({ runId: 'run1', spec, results, stage: 'base', samples, output: 0 });
    expect(a).toEqual({ ok: false, error: 'the trained model of stage "base" is not stored with this run (it is saved when its stage finishes)' });
    expect(fake.calls).toEqual([]);
  });
});
