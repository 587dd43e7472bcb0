import { describe, expect, it } from 'vitest';
import { importRecordings } from '../core/data/importDataset';
import { memoryBacking } from '../core/data/keptDataset';
import { summarize } from '../core/data/summary';
import type { Recording } from '../core/formats/recording';
import { getDataset, registerDataset, setKeptBacking, useDataStore, type DatasetMeta } from './dataStore';

const rec = (name: string): Recording => ({ name, fs: 100, nSamples: 1000, sigNames: ['I', 'II'], units: ['mV', 'mV'], signals: [new Float32Array(1000).fill(0.2), new Float32Array(1000).fill(-0.1)], nanCount: 0, comments: [], labels: { superclasses: ['MI'] } });

describe('datasets kept on this computer', () => {
  it('keep, restore after a "reload", forget; a full disk leaves the dataset working and nothing written', async () => {
    const { dataset } = importRecordings([rec('a'), rec('b')], { fs: 100, name: 'kept one' });
    const backing = memoryBacking<DatasetMeta>();
    setKeptBacking(backing);
    registerDataset(dataset, summarize(dataset), { kind: 'imported' });
    await useDataStore.getState().setKept(dataset.id, true);
    const meta = useDataStore.getState().datasets.find((d) => d.id === dataset.id)!;
    expect(meta.kept!.bytes).toBeGreaterThan(dataset.x.byteLength - 1);
    expect(backing.map.has(dataset.id)).toBe(true);

    // A reload: the page forgets everything, then lists what was kept.
    useDataStore.getState().removeDataset(dataset.id);
    await new Promise((r) => setTimeout(r, 0));
    expect(backing.map.size).toBe(0); // removing a kept dataset forgets its copy
    await backing.put({ id: dataset.id, savedAt: 1, bytes: 10, dataset, meta: { ...meta, kept: undefined } });
    expect(await useDataStore.getState().restoreKept()).toBe(1);
    const back = useDataStore.getState().datasets.find((d) => d.id === dataset.id)!;
    expect(back).toMatchObject({ name: 'kept one', kept: { bytes: 10 } });
    expect(getDataset(dataset.id)!.x).toEqual(dataset.x);

    await useDataStore.getState().setKept(dataset.id, false);
    expect(backing.map.size).toBe(0);
    expect(useDataStore.getState().datasets.find((d) => d.id === dataset.id)!.kept).toBeUndefined();

    const full = memoryBacking<DatasetMeta>(() => Object.assign(new Error('full'), { name: 'QuotaExceededError' }));
    setKeptBacking(full);
    await useDataStore.getState().setKept(dataset.id, true);
    expect(useDataStore.getState().keepError).toMatchObject({ id: dataset.id, message: expect.stringMatching(/storage is full/) });
    expect(full.map.size).toBe(0);
    expect(useDataStore.getState().datasets.find((d) => d.id === dataset.id)!.kept).toBeUndefined();
    expect(getDataset(dataset.id)).toBeDefined();
    setKeptBacking(null);
  });
});
