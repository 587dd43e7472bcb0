import { describe, expect, it } from 'vitest';
import type { BackendReport } from './backendReport';
import { createBackendSession, type BackendSessionDeps } from './backendSession';

function fakeDeps(over: Partial<BackendSessionDeps> = {}) {
  const calls = { threads: 0, measure: 0, init: [] as string[] };
  let active = 'cpu';
  const deps: BackendSessionDeps = {
    startThreads: async () => (calls.threads++, { threads: 3 }),
    measureAuto: async () => {
      calls.measure++;
      active = 'wasm';
      return { backend: 'wasm', requested: 'auto', measured: 'wasm: 1 ms/step' };
    },
    init: async (pref): Promise<BackendReport> => {
      calls.init.push(pref);
      active = pref === 'webgpu' ? 'webgl' : pref;
      return pref === 'webgpu' ? { backend: 'webgl', reason: 'no adapter' } : { backend: pref };
    },
    active: () => active,
    ...over,
  };
  return { deps, calls };
}

describe('backend session', () => {
  it("measures 'auto' once; later 'auto' requests re-activate the winner without timing again", async () => {
    const { deps, calls } = fakeDeps();
    const s = createBackendSession(deps);
    expect(await s.ensure('auto')).toEqual({ backend: 'wasm', requested: 'auto', measured: 'wasm: 1 ms/step', threads: 3 });
    expect(await s.ensure('cpu')).toEqual({ backend: 'cpu', requested: 'cpu' });
    expect(await s.ensure('auto')).toMatchObject({ backend: 'wasm', measured: 'wasm: 1 ms/step' });
    expect(calls).toEqual({ threads: 1, measure: 1, init: ['cpu', 'wasm'] });
  });

  it('a named backend reports its fallback; threads only for wasm', async () => {
    const { deps } = fakeDeps();
    const s = createBackendSession(deps);
    expect(await s.ensure('webgpu')).toEqual({ backend: 'webgl', reason: 'no adapter', requested: 'webgpu' });
    expect(await s.ensure('wasm')).toEqual({ backend: 'wasm', requested: 'wasm', threads: 3 });
  });

  it('threads that cannot start are reported, not fatal', async () => {
    const { deps } = fakeDeps({ startThreads: async () => Promise.reject(new Error('not cross-origin isolated')) });
    expect(await createBackendSession(deps).ensure('wasm')).toEqual({ backend: 'wasm', requested: 'wasm', threads: 1, threadsNote: 'not cross-origin isolated' });
  });

  it('a failed measurement is forgotten: the next request measures again', async () => {
    let n = 0;
    const { deps } = fakeDeps({ measureAuto: async () => (++n === 1 ? Promise.reject(new Error('gpu lost')) : { backend: 'wasm', requested: 'auto' }) });
    const s = createBackendSession(deps);
    await expect(s.ensure('auto')).rejects.toThrow('gpu lost');
    expect(await s.ensure('auto')).toMatchObject({ backend: 'wasm' });
    expect(n).toBe(2);
  });

  it('a WebGPU backend whose device was lost is initialised again (and falls back with the reason)', async () => {
    let gone: string | null = null;
    const inits: string[] = [];
    const { deps } = fakeDeps({
      init: async (pref) => {
        inits.push(pref);
        return gone ? { backend: 'wasm', reason: `webgpu: the WebGPU device was lost (${gone})` } : { backend: 'webgpu' };
      },
      lost: () => gone,
    });
    const s = createBackendSession(deps);
    expect(await s.ensure('webgpu')).toEqual({ backend: 'webgpu', requested: 'webgpu' });
    expect(await s.ensure('webgpu')).toEqual({ backend: 'webgpu', requested: 'webgpu' });
    expect(inits).toEqual(['webgpu']); // kept while the device works
    gone = 'destroyed: Device was destroyed.';
    expect(await s.ensure('webgpu')).toMatchObject({ backend: 'wasm', reason: 'webgpu: the WebGPU device was lost (destroyed: Device was destroyed.)' });
    expect(inits).toEqual(['webgpu', 'webgpu']);
    expect(await s.ensure('webgpu')).toMatchObject({ backend: 'wasm' }); // a fallback is kept: no re-init loop
    expect(inits).toHaveLength(2);
  });

  it("never runs two choices at once: a named backend asked for while 'auto' is measured waits for the measurement", async () => {
    let inFlight = 0;
    let most = 0;
    const order: string[] = [];
    const gates: (() => void)[] = [];
    const held = async (what: string) => {
      inFlight++;
      most = Math.max(most, inFlight);
      order.push(`${what} start`);
      await new Promise<void>((r) => gates.push(r));
      order.push(`${what} end`);
      inFlight--;
    };
    let active = 'cpu';
    const { deps } = fakeDeps({
      measureAuto: async () => {
        await held('measure');
        active = 'wasm';
        return { backend: 'wasm', requested: 'auto' };
      },
      init: async (pref) => {
        await held(`init ${pref}`);
        active = pref;
        return { backend: pref };
      },
      active: () => active,
    });
    const s = createBackendSession(deps);
    const auto = s.ensure('auto');
    const wasm = s.ensure('wasm');
    // Let each held step finish in turn, as the backends would.
    while ((await Promise.race([wasm.then(() => true), new Promise<false>((r) => setTimeout(() => r(false), 0))])) === false) gates.shift()?.();
    expect(await auto).toMatchObject({ backend: 'wasm', requested: 'auto' });
    expect(await wasm).toMatchObject({ backend: 'wasm', requested: 'wasm' });
    expect(most).toBe(1);
    expect(order).toEqual(['measure start', 'measure end', 'init wasm start', 'init wasm end']);
  });

  it('a failed choice does not block the next one', async () => {
    const { deps } = fakeDeps({ measureAuto: async () => Promise.reject(new Error('gpu lost')) });
    const s = createBackendSession(deps);
    const auto = s.ensure('auto');
    const cpu = s.ensure('cpu');
    await expect(auto).rejects.toThrow('gpu lost');
    expect(await cpu).toEqual({ backend: 'cpu', requested: 'cpu' });
  });
});
