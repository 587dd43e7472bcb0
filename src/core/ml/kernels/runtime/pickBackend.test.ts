import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { pickFastestBackend } from './pickBackend';
import { wasmKernelNames } from '../index';

describe('pickFastestBackend', () => {
  it('times each backend with a fake clock, skips unknown ones and activates the fastest', async () => {
    let clock = 0;
    const cost: Record<string, number> = { cpu: 50, wasm: 10 };
    const seen: string[] = [];
    const pick = await pickFastestBackend(
      ['nope', 'cpu', 'wasm'],
      (b) => {
        seen.push(`${b}:${tf.getBackend()}`);
        clock += cost[b];
      },
      { now: () => clock, reps: 3 },
    );
    expect(pick.backend).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(pick.timings).toEqual([
      { backend: 'nope', error: 'not registered' },
      { backend: 'cpu', msPerStep: 50 },
      { backend: 'wasm', msPerStep: 10 },
    ]);
    expect(seen).toEqual([...Array(4).fill('cpu:cpu'), ...Array(4).fill('wasm:wasm')]);
    // a slower backend after a faster one gets the warm-up and one timed step only
    seen.length = 0;
    const again = await pickFastestBackend(['wasm', 'cpu'], (b) => {
      seen.push(b);
      clock += cost[b];
    }, { now: () => clock, reps: 3 });
    expect(again.backend).toBe('wasm');
    expect(seen).toEqual(['wasm', 'wasm', 'wasm', 'wasm', 'cpu', 'cpu']);
    // wasm got our kernels (Conv2DBackpropFilter is missing from stock tfjs-wasm)
    expect(tf.getKernel(wasmKernelNames()[0], 'wasm')).toBeDefined();
  });

  it('skips a backend whose step throws; a real conv step picks a working backend', async () => {
    const pick = await pickFastestBackend(['wasm', 'cpu'], (b) => {
      if (b === 'wasm') throw new Error('boom');
      const w = tf.variable(tf.ones([3, 1, 2]));
      const x = tf.ones([1, 8, 1]);
      tf.train.sgd(0.1).minimize(() => tf.conv1d(x as tf.Tensor3D, w as tf.Tensor3D, 1, 'same').sum() as tf.Scalar);
      tf.dispose([w, x]);
    });
    expect(pick.backend).toBe('cpu');
    expect(pick.timings[0]).toEqual({ backend: 'wasm', error: 'boom' });
    expect(pick.timings[1].msPerStep).toBeGreaterThan(0);
  });

  it('throws when nothing works', async () => {
    await expect(pickFastestBackend(['nope'], () => undefined)).rejects.toThrow(/no backend could run the step \(nope: not registered\)/);
  });
});
