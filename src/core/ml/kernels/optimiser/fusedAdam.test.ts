import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { ADAM_KERNEL, fusedAdam, FusedAdamOptimizer } from './fusedAdam';
import { registerWasmKernels } from '../index';
import { randomArray, relError } from '../testUtil';

beforeAll(async () => {
  await tf.setBackend('wasm');
  registerWasmKernels();
});

/** Three steps of `make()` on [7, 5] and [13] variables with fixed gradients; final values and moments. */
async function run(backend: 'cpu' | 'wasm', make: () => tf.Optimizer): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const a = tf.variable(tf.tensor(randomArray(35, 1), [7, 5]), true, `a_${backend}_${make.name}`);
  const b = tf.variable(tf.tensor(randomArray(13, 2), [13]), true, `b_${backend}_${make.name}`);
  const opt = make();
  for (let step = 0; step < 3; step++) {
    tf.tidy(() => {
      const ga = tf.tensor(randomArray(35, 10 + step), [7, 5]).mul(step + 1);
      const gb = tf.tensor(randomArray(13, 20 + step), [13]).mul(0.01);
      opt.applyGradients({ [a.name]: ga, [b.name]: gb });
    });
  }
  const weights = await opt.getWeights();
  const out = [a, b, ...weights.slice(1).map((w) => w.tensor)].map((t) => t.dataSync() as Float32Array);
  expect(weights.map((w) => w.name)).toEqual(['iter', `${a.name}/m`, `${b.name}/m`, `${a.name}/v`, `${b.name}/v`]);
  opt.dispose();
  tf.dispose([a, b]);
  return out;
}

describe('fusedAdam', () => {
  it('is a tf AdamOptimizer (same serialisation name)', () => {
    const o = fusedAdam(0.01);
    expect(o).toBeInstanceOf(tf.AdamOptimizer);
    expect((FusedAdamOptimizer as unknown as { className: string }).className).toBe('Adam');
    expect(o.getConfig()).toMatchObject({ learningRate: 0.01, beta1: 0.9, beta2: 0.999 });
    o.dispose();
  });

  it('equals tf.train.adam on the cpu backend (weights and moments) after 3 steps', async () => {
    const ref = await run('cpu', function stock() {
      return tf.train.adam(0.01, 0.9, 0.999, 1e-8);
    });
    const fused = await run('wasm', function fused() {
      return fusedAdam(0.01, 0.9, 0.999, 1e-8);
    });
    const cpuFused = await run('cpu', function fusedCpu() {
      return fusedAdam(0.01, 0.9, 0.999, 1e-8);
    });
    expect(tf.getKernel(ADAM_KERNEL, 'wasm')).toBeDefined(); // the fused kernel ran on wasm
    expect(fused.length).toBe(ref.length);
    for (let i = 0; i < ref.length; i++) {
      expect(relError(fused[i], ref[i])).toBeLessThanOrEqual(1e-6);
      expect(Array.from(cpuFused[i])).toEqual(Array.from(ref[i]));
    }
    // the update really moved the weights
    expect(relError(fused[0], randomArray(35, 1))).toBeGreaterThan(1e-3);
  });
});
