import { describe, expect, it } from 'vitest';
import { importRecordings } from './importDataset';
import { keepDataset, keptBytes, memoryBacking } from './keptDataset';
import type { Recording } from '../formats/recording';

const rec = (name: string): Recording => ({ name, fs: 100, nSamples: 1000, sigNames: ['I', 'II'], units: ['mV', 'mV'], signals: [new Float32Array(1000).fill(0.2), new Float32Array(1000).fill(-0.1)], nanCount: 0, comments: [], labels: { superclasses: ['MI'] } });

describe('kept datasets', () => {
  const { dataset } = importRecordings([rec('a'), rec('b')], { fs: 100 });
  it('writes the dataset and its meta, with its size, and reads them back', async () => {
    const b = memoryBacking<{ name: string }>();
    const out = await keepDataset(b, dataset, { name: 'x' }, 5);
    expect(out).toEqual({ ok: true, bytes: keptBytes(dataset) });
    expect(keptBytes(dataset)).toBeGreaterThanOrEqual(2 * 12 * 1000 * 2);
    const [r] = await b.all();
    expect(r).toMatchObject({ id: dataset.id, savedAt: 5, meta: { name: 'x' } });
    expect(r.dataset.x).toEqual(dataset.x);
    await b.delete(dataset.id);
    expect(await b.all()).toEqual([]);
  });
  it('a full disk: a clear message, nothing written', async () => {
    const b = memoryBacking(() => Object.assign(new Error('quota'), { name: 'QuotaExceededError' }));
    const out = await keepDataset(b, dataset, {});
    expect(out.ok).toBe(false);
    if (!out.ok) {
      expect(out.quota).toBe(true);
      expect(out.message).toMatch(/storage is full/);
    }
    expect(b.map.size).toBe(0);
  });
  it('refuses a dataset whose samples are not on the page', async () => {
    const out = await keepDataset(memoryBacking(), { ...dataset, x: new Int16Array(0) }, {});
    expect(out).toMatchObject({ ok: false, quota: false });
  });
});
