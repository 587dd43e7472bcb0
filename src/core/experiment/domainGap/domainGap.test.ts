import { beforeAll, describe, expect, it } from 'vitest';
import type { EcgDataset } from '../../data/dataset';
import { defaultSyntheticSpec, generateSyntheticDataset, type SyntheticDatasetSpec } from '../../data/synthDataset';
import { initBackend } from '../../ml/backend';
import { domainGapSpec } from './spec';
import { runExperiment } from '../runner';
import { parseSpec } from '../spec';
import { domainMix } from './mix';

beforeAll(async () => {
  await initBackend('wasm');
});

const spec = (n: number, seed: number): SyntheticDatasetSpec => ({ ...defaultSyntheticSpec(), n, seed, leads: '1' });

/** A synthetic dataset posing as an imported one (same generator, another seed), optionally with a 40 Hz sine added. */
function twin(n: number, seed: number, sineMv = 0): EcgDataset {
  const ds = generateSyntheticDataset(spec(n, seed));
  const x = Float32Array.from(ds.x, (v) => v * (ds.x instanceof Int16Array ? (ds.xScale ?? 0.001) : 1));
  if (sineMv) for (let r = 0; r < ds.n; r++) for (let t = 0; t < ds.nSamples; t++) x[r * ds.nSamples + t] += sineMv * Math.sin((2 * Math.PI * 40 * t) / ds.fs + r);
  const { xScale: _x, ...rest } = ds;
  return { ...rest, x, source: 'imported', name: 'twin', id: `twin-${seed}-${sineMv}`, fingerprint: `twin${seed}x${sineMv}`, recordNames: ds.recordNames.map((s, i) => `rec${i}#w0`) };
}

async function gap(real: EcgDataset, nSynthetic: number) {
  const s = parseSpec({ ...domainGapSpec({ ...spec(nSynthetic, 3) } as unknown as Record<string, unknown>, { name: 'twin' }), backend: 'wasm' });
  s.training.epochs = 8;
  const res = await runExperiment(s, { datasets: { real } });
  return res.stages[0];
}

describe('domain mix', () => {
  it('equal counts, origin labels, groups by record, the larger side cut', () => {
    const syn = generateSyntheticDataset(spec(30, 1));
    const real = twin(20, 2);
    const { dataset, info } = domainMix(syn, real, ['II'], 7);
    expect(info).toMatchObject({ perSide: 20, availableReal: 20, availableSynthetic: 30, realRecords: 20, zeroedLeads: [] });
    expect(dataset.n).toBe(40);
    expect(dataset.classes).toEqual(['real', 'synthetic']);
    expect(Array.from(dataset.y!.subarray(0, 2))).toEqual([1, 0]);
    expect(Array.from(dataset.y!.subarray(78, 80))).toEqual([0, 1]);
    expect(dataset.patientIds![0]).toBe('real:rec0');
    expect(new Set(dataset.patientIds).size).toBe(40);
    // real rows hold the real values in mV
    expect(dataset.x[5]).toBeCloseTo(real.x[5] as number, 6);
  });

  it('a lead the real records lack is zeroed on both sides; geometry must agree', () => {
    const syn = generateSyntheticDataset({ ...spec(10, 1), leads: '12' });
    const real = generateSyntheticDataset({ ...spec(10, 2), leads: '12' });
    const v1 = real.leadNames.indexOf('V1');
    for (let r = 0; r < real.n; r++) real.x.fill(0, (r * real.nLeads + v1) * real.nSamples, (r * real.nLeads + v1 + 1) * real.nSamples);
    const { dataset, info } = domainMix(syn, real, ['II', 'V1'], 1);
    expect(info.zeroedLeads).toEqual(['V1']);
    const T = dataset.nSamples;
    // the synthetic half's V1 is zero too, its II is not
    expect(dataset.x.subarray((15 * 2 + 1) * T, (15 * 2 + 2) * T).every((v) => v === 0)).toBe(true);
    expect(dataset.x.subarray(15 * 2 * T, (15 * 2 + 1) * T).some((v) => v !== 0)).toBe(true);
    const slow = generateSyntheticDataset({ ...spec(10, 2), fs: 250 as never });
    expect(() => domainMix(syn, slow, ['II'], 1)).toThrow(/import the real records at 100 Hz/);
  });
});

describe('domain-gap stage (known answers)', () => {
  it('two sources from the same generator: the held-out AUC interval covers 0.5', async () => {
    const st = await gap(twin(160, 11), 160);
    const g = st.domainGap!;
    expect(g.perSide).toBe(160);
    expect(g.nTestReal + g.nTestSynthetic).toBe(st.split.nTest);
    expect(g.nTestReal).toBeGreaterThan(40);
    expect(g.ci!.lo).toBeLessThan(0.5);
    expect(g.ci!.hi).toBeGreaterThan(0.5);
    expect(g.folded).toBeGreaterThanOrEqual(0.5);
  }, 240_000);

  it('the same records with a 40 Hz sine added: AUC ≈ 1', async () => {
    const st = await gap(twin(160, 11, 0.2), 160);
    expect(st.domainGap!.auc).toBeGreaterThan(0.97);
    expect(st.domainGap!.ci!.lo).toBeGreaterThan(0.9);
    expect(st.source).toBe('synth');
  }, 240_000);
});
