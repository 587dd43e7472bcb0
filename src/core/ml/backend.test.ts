import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { initBackend, isNodeRuntime } from './backend';

describe('initBackend in Node', () => {
  it('detects Node and picks wasm for auto, with the training kernel registered', async () => {
    expect(isNodeRuntime()).toBe(true);
    expect(await initBackend('auto')).toEqual({ backend: 'wasm' });
    expect(tf.getBackend()).toBe('wasm');
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeTruthy();
  });
  it('falls back from browser-only backends and says why', async () => {
    const r = await initBackend('webgpu');
    expect(r.backend).toBe('wasm');
    expect(r.reason).toMatch(/webgpu is not available in Node/);
  });
  it('honours cpu', async () => {
    expect(await initBackend('cpu')).toEqual({ backend: 'cpu' });
    expect(tf.getBackend()).toBe('cpu');
  });
});
