import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { summarizeModel } from '../summary';
import { buildModel, MODEL_KINDS } from './index';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('inception1d', () => {
  it('has exactly 506 369 trainable parameters for 8 leads × 1 output (paper / PTB-XL benchmark)', () => {
    const m = buildModel({ kind: 'inception1d', nLeads: 8, nSamples: 1000, nOut: 1, seed: 1 });
    const s = summarizeModel(m);
    expect(s.trainableParams).toBe(506_369);
    // BN running stats: 6 blocks × 128 + 2 shortcuts × 128 + head 256 + 128, × 2 (mean and variance)
    expect(s.nonTrainableParams).toBe(2 * (6 * 128 + 2 * 128 + 256 + 128));
    // block 1: bottleneck 8→32, three convs 32→32 (k 39, 19, 9), pool branch 8→32, BN 128
    const p = (n: string) => s.layers.find((l) => l.name === n)!.params;
    expect(p('bb1_bottleneck')).toBe(8 * 32);
    expect(p('bb1_conv0_k39')).toBe(39 * 32 * 32);
    expect(p('bb3_shortcut_conv')).toBe(8 * 128);
    expect(p('bb6_shortcut_conv')).toBe(128 * 128);
    expect(p('head_out')).toBe(129);
    // FLOPs: dominated by the 1000-step convs: ≥ 2 × 1000 × (6 × 67 × 1024) ≈ 0.82 GFLOP
    expect(s.flopsPerSample).toBeGreaterThan(0.8e9);
    expect(s.flopsPerSample).toBeLessThan(1.2e9);
    m.dispose();
  });
  it('5 outputs change only the last layer (506 369 + 4 × 129)', () => {
    const m = buildModel({ kind: 'inception1d', nLeads: 8, nSamples: 100, nOut: 5, seed: 1 });
    expect(summarizeModel(m).trainableParams).toBe(506_369 + 4 * 129);
    m.dispose();
  });
});

describe('model zoo', () => {
  it.each(MODEL_KINDS.filter((k) => k !== 'inception1d'))('%s builds, runs and is seeded', (kind) => {
    const a = buildModel({ kind, nLeads: 2, nSamples: 64, nOut: 3, seed: 7 });
    const b = buildModel({ kind, nLeads: 2, nSamples: 64, nOut: 3, seed: 7 });
    const x = tf.randomNormal([2, 64, 2], 0, 1, 'float32', 3);
    const ya = a.predict(x) as tf.Tensor;
    const yb = b.predict(x) as tf.Tensor;
    expect(ya.shape).toEqual([2, 3]);
    expect(Array.from(ya.dataSync())).toEqual(Array.from(yb.dataSync()));
    expect(a.layers.some((l) => l.name.startsWith('bb1_'))).toBe(true);
    expect(a.getLayer('head_out')).toBeTruthy();
    const s = summarizeModel(a);
    expect(s.trainableParams).toBeGreaterThan(0);
    expect(s.flopsPerSample).toBeGreaterThan(0);
    tf.dispose([x, ya, yb]);
    a.dispose();
    b.dispose();
  });
});
