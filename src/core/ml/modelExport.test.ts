import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from './backend';
import { buildModel } from './models';
import { concatBuffers, exportModel, TrainedModels } from './modelExport';

beforeAll(async () => {
  await initBackend('cpu');
});

describe('model export', () => {
  it('concatenates weight buffers in order', () => {
    const a = new Uint8Array([1, 2]).buffer;
    const b = new Uint8Array([3]).buffer;
    expect([...new Uint8Array(concatBuffers([a, b]))]).toEqual([1, 2, 3]);
  });

  it('exports a model as artifacts with one weight buffer that loads back to the same weights', async () => {
    const model = buildModel({ kind: 'tiny-cnn', nSamples: 100, nLeads: 1, nOut: 2, seed: 3 });
    try {
      const file = await exportModel('baseline', model);
      expect(file.stage).toBe('baseline');
      const bytes = file.weightSpecs.length ? model.getWeights().reduce((n, w) => n + w.size * 4, 0) : 0;
      expect(file.weightData.byteLength).toBe(bytes);
      const loaded = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: file.modelTopology as object, weightSpecs: file.weightSpecs as tf.io.WeightsManifestEntry[], weightData: file.weightData }));
      const w0 = model.getWeights()[0].dataSync();
      expect(Array.from(loaded.getWeights()[0].dataSync())).toEqual(Array.from(w0));
      loaded.dispose();
    } finally {
      model.dispose();
    }
  });
});

describe('TrainedModels', () => {
  it('replacing a stage’s model disposes the old one; disposeAll frees every model', () => {
    const before = tf.memory().numTensors;
    const held = new TrainedModels();
    held.set('a', buildModel({ kind: 'tiny-cnn', nSamples: 100, nLeads: 1, nOut: 2, seed: 1 }));
    held.set('a', buildModel({ kind: 'tiny-cnn', nSamples: 100, nLeads: 1, nOut: 2, seed: 2 }));
    held.set('b', buildModel({ kind: 'tiny-cnn', nSamples: 100, nLeads: 1, nOut: 3, seed: 1 }));
    expect(held.stages()).toEqual(['a', 'b']);
    expect(held.size).toBe(2);
    held.disposeAll();
    expect(held.size).toBe(0);
    expect(tf.memory().numTensors).toBe(before);
  });
});
