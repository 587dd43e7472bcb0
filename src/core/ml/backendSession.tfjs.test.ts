/**
 * The backend session on real tfjs: a named backend and 'auto' asked for together (a page planning its default
 * spec while a sweep is resumed on wasm) must not race tfjs's `setBackend`, which answers false to the first of two
 * overlapping calls for the same backend. tfjs initialises a backend once per process, so this file holds one case:
 * the first initialisation, where the race was.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { initBackend } from './backend';
import { measureBackends } from './backendProbe';
import { createBackendSession } from './backendSession';

function realSession() {
  return createBackendSession({
    startThreads: async () => ({ threads: 1 }),
    // A trivial step: what is measured does not matter here, only that 'auto' activates wasm through setBackend.
    measureAuto: () => measureBackends({}, { step: async () => void (await tf.scalar(1).data()) }),
    init: (pref) => initBackend(pref),
    active: () => tf.getBackend(),
  });
}

describe('backend session on tfjs', () => {
  it("wasm asked for while 'auto' starts: both answer wasm, nothing falls back, tfjs runs on wasm", async () => {
    await tf.setBackend('cpu');
    const s = realSession();
    const wasm = s.ensure('wasm');
    const auto = s.ensure('auto');
    expect(await wasm).toEqual({ backend: 'wasm', requested: 'wasm', threads: 1 });
    expect(await auto).toMatchObject({ backend: 'wasm', requested: 'auto' });
    expect(tf.getBackend()).toBe('wasm');
  });
});
