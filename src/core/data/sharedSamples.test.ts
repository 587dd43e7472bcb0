import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { Recording } from '../formats/recording';
import type { EcgDataset } from './dataset';
import { DatasetBuilder } from './importDataset';
import { keepDataset, memoryBacking } from './keptDataset';
import { canShareMemory, datasetInfo, isShared, shareSamples, transferablesOf, unsharedSamples, withoutSamples } from './sharedSamples';
import { handOver } from './summary';

function rec(name: string, n: number, fs: number): Recording {
  const sigNames = ['I', 'II'];
  const signals = sigNames.map((_, l) => Float32Array.from({ length: n }, (_, t) => (l + 1) * 0.1 * Math.sin(t / 7)));
  return { name, fs, nSamples: n, sigNames, units: ['mV', 'mV'], signals, nanCount: 0, comments: [], labels: { superclasses: ['NORM'] } };
}

function built(shared: boolean, records = 4, capacity = records): EcgDataset {
  const b = new DatasetBuilder(capacity, { leads: ['I', 'II'], fs: 100, nSamples: 200, sharedSamples: shared });
  for (let i = 0; i < records; i++) b.add(rec(`r${i}`, 200, 100));
  return b.finish();
}

/**
 * A thread that, for each dataset posted to it, adds 1000 to its first sample and answers with the value it
 * sees there and the number of samples it received.
 */
const WRITER = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', (ds) => {
  ds.x[0] += 1000;
  parentPort.postMessage({ seen: ds.x[0], length: ds.x.length, shared: ds.x.buffer instanceof SharedArrayBuffer });
});`;

let workers: Worker[] = [];
afterEach(async () => {
  await Promise.all(workers.map((w) => w.terminate()));
  workers = [];
});

function postTo(ds: EcgDataset): Promise<{ seen: number; length: number; shared: boolean }> {
  const w = new Worker(WRITER, { eval: true });
  workers.push(w);
  return new Promise((resolve, reject) => {
    w.once('message', resolve);
    w.once('error', reject);
    w.postMessage(ds);
  });
}

describe('samples in shared memory', () => {
  it('a dataset built shared is handed to another thread as the same memory: a write there is read here', async () => {
    expect(canShareMemory()).toBe(true);
    const ds = built(true);
    expect(isShared(ds.x)).toBe(true);
    const { page, kept } = handOver(ds, true);
    // kept by the host and given to the page without a copy
    expect(page.x).toBe(ds.x);
    expect(kept.x).toBe(ds.x);
    expect(transferablesOf(page)).toEqual([]);
    const before = page.x[0];
    const answer = await postTo(page);
    expect(answer.shared).toBe(true);
    expect(answer.seen).toBe(before + 1000);
    expect(page.x[0]).toBe(before + 1000);
    expect(kept.x[0]).toBe(before + 1000);
  });

  it('without shared memory the dataset travels as a copy, as before: the other thread writes its own', async () => {
    expect(canShareMemory({ crossOriginIsolated: false })).toBe(false);
    // a non-isolated host: shareSamples leaves the dataset as it is
    const plain = built(false);
    expect(shareSamples(plain, { crossOriginIsolated: false })).toBe(plain);
    expect(isShared(plain.x)).toBe(false);
    const { page, kept } = handOver(plain, false);
    expect(kept.x.length).toBe(0);
    expect(transferablesOf(page)).toEqual([page.x.buffer]);
    const before = page.x[0];
    const answer = await postTo(page);
    expect(answer).toEqual({ seen: before + 1000, length: page.x.length, shared: false });
    expect(page.x[0]).toBe(before);
  });

  it('a dataset with rows left unused is made tight once, in shared memory', () => {
    const ds = built(true, 3, 10);
    expect(ds.n).toBe(3);
    expect(isShared(ds.x)).toBe(true);
    expect(ds.x.buffer.byteLength).toBe(ds.x.byteLength);
    const grown = built(true, 5, 2);
    expect(grown.n).toBe(2); // capacity bounds a non-windowed import: the rest are listed as skipped
    expect(isShared(grown.x)).toBe(true);
  });

  it('the samples shared and unshared hold the same values; the host keeps none when it can rebuild the records', () => {
    const plain = built(false);
    const shared = shareSamples(plain);
    expect(isShared(shared.x)).toBe(true);
    expect(Array.from(shared.x)).toEqual(Array.from(plain.x));
    const back = unsharedSamples(shared);
    expect(isShared(back.x)).toBe(false);
    expect(Array.from(back.x)).toEqual(Array.from(plain.x));
    const { kept } = handOver(shared, false);
    expect(kept.x.length).toBe(0);
    expect(kept.x.buffer).not.toBe(shared.x.buffer);
  });

  it('a kept dataset is written with ordinary arrays (IndexedDB refuses shared memory) and the same samples', async () => {
    const ds = built(true);
    const backing = memoryBacking<{ name: string }>();
    const out = await keepDataset(backing, ds, { name: 'd' });
    expect(out.ok).toBe(true);
    const stored = backing.map.get(ds.id)!.dataset;
    expect(isShared(stored.x)).toBe(false);
    expect(Array.from(stored.x)).toEqual(Array.from(ds.x));
    expect(structuredClone(stored).x).toEqual(stored.x);
  });

  it('a dataset described without samples posts no samples and keeps everything a plan reads', async () => {
    const ds = built(false);
    const info = datasetInfo(ds);
    expect('x' in info).toBe(false);
    const back = withoutSamples(structuredClone(info));
    expect(back.x).toBeInstanceOf(Int16Array);
    expect(back.x.length).toBe(0);
    expect({ ...back, x: undefined }).toEqual({ ...ds, x: undefined });
    const answer = await postTo(withoutSamples(info));
    expect(answer.length).toBe(0);
  });
});
