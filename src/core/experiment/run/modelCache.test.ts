import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../ml/backend';
import { buildModel } from '../../ml/models';
import type { PreparedTask } from '../../ml/task';
import type { StageResult } from '../results';
import { restoreWeights, serializeModel } from './modelCache';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('model cache entries', () => {
  it('round-trips the weights into a fresh model of the same architecture; rejects another one without leaking', async () => {
    const make = (seed: number, nOut = 1) => buildModel({ kind: 'tiny-cnn', nLeads: 1, nSamples: 200, nOut, seed });
    const a = make(1);
    const task = { spec: { kind: 'regression', targets: ['hr_bpm'] }, mean: [70], std: [12] } as unknown as PreparedTask;
    const entry = await serializeModel('k', a, task, { name: 'pre' } as StageResult);
    expect(entry.targetStats).toEqual({ mean: [70], std: [12] });
    const b = make(2);
    restoreWeights(b, entry);
    const wa = a.getWeights().map((t) => Array.from(t.dataSync()));
    expect(b.getWeights().map((t) => Array.from(t.dataSync()))).toEqual(wa);
    const other = make(3, 3);
    const before = tf.memory().numTensors;
    expect(() => restoreWeights(other, entry)).toThrow(/cached model k: weight \d+ is head_out/);
    expect(tf.memory().numTensors).toBe(before);
    for (const m of [a, b, other]) m.dispose();
  });
});
