import { describe, expect, it } from 'vitest';
import { backendCandidates, describePick, measureBackends, webglProblem, webgpuProblem, type GlContext } from './backendProbe';

const gl = (renderer: string, unmasked = true): GlContext => ({
  RENDERER: 1,
  getExtension: (name) => (name === 'WEBGL_debug_renderer_info' && unmasked ? { UNMASKED_RENDERER_WEBGL: 2 } : name === 'WEBGL_lose_context' ? { loseContext() {} } : null),
  getParameter: (p) => (p === 2 ? renderer : p === 1 ? `masked ${renderer}` : null),
});
const gpu = (adapter: { isFallbackAdapter?: boolean; info?: { vendor?: string; description?: string } } | null) => ({ gpu: { requestAdapter: async () => adapter } });

describe('GPU probing', () => {
  it('WebGL: a hardware renderer is usable; software renderers, no canvas or no context are named', () => {
    expect(webglProblem(() => gl('ANGLE (NVIDIA RTX)'))).toBeNull();
    expect(webglProblem(() => gl('Google SwiftShader'))).toBe('software renderer: Google SwiftShader');
    expect(webglProblem(() => gl('llvmpipe', false))).toBe('software renderer: masked llvmpipe');
    expect(webglProblem(undefined)).toBe('no OffscreenCanvas in this worker');
    expect(webglProblem(() => null)).toBe('no WebGL2 context');
    expect(webglProblem(() => { throw new Error('context lost'); })).toBe('context lost');
  });

  it('WebGPU: a hardware adapter is usable; fallback or software adapters and a missing API are named', async () => {
    expect(await webgpuProblem(gpu({ info: { vendor: 'nvidia' } }))).toBeNull();
    expect(await webgpuProblem(gpu({ isFallbackAdapter: true }))).toBe('software adapter');
    expect(await webgpuProblem(gpu({ info: { description: 'SwiftShader Device' } }))).toBe('software adapter: SwiftShader Device');
    expect(await webgpuProblem(gpu(null))).toBe('no WebGPU adapter');
    expect(await webgpuProblem({})).toBe('navigator.gpu is not available');
    expect(await webgpuProblem(undefined)).toBe('navigator.gpu is not available');
  });

  it('candidates: wasm always; GPUs only when hardware and their backend loads', async () => {
    const none = await backendCandidates({ webgl2: () => gl('SwiftShader'), navigator: {} });
    expect(none).toEqual({ candidates: ['wasm'], skipped: ['webgl skipped (software renderer: SwiftShader)', 'webgpu skipped (navigator.gpu is not available)'] });
    const all = await backendCandidates({ webgl2: () => gl('Apple M2'), navigator: gpu({}), loadWebGpu: async () => undefined });
    expect(all).toEqual({ candidates: ['wasm', 'webgl', 'webgpu'], skipped: [] });
    const broken = await backendCandidates({ navigator: gpu({}), loadWebGpu: async () => Promise.reject(new Error('no module')) });
    expect(broken.candidates).toEqual(['wasm']);
    expect(broken.skipped).toContain('webgpu unavailable (no module)');
  });
});

describe("'auto' measurement", () => {
  it('describes the pick fastest first, then the backends that failed', () => {
    const text = describePick({ backend: 'wasm', timings: [{ backend: 'webgl', msPerStep: 240 }, { backend: 'wasm', msPerStep: 8.25 }, { backend: 'webgpu', error: 'no adapter' }] });
    expect(text).toBe('wasm: 8.3 ms/step vs webgl 240 ms/step; webgpu unavailable (no adapter)');
  });

  it('reports the picked backend with how it was chosen and what was skipped', async () => {
    let timed: string[] = [];
    const report = await measureBackends(
      { webgl2: undefined, navigator: {} },
      { step: async () => undefined, pick: async (c) => ((timed = c), { backend: 'wasm', timings: [{ backend: 'wasm', msPerStep: 12 }] }) },
    );
    expect(timed).toEqual(['wasm']);
    expect(report).toEqual({ backend: 'wasm', requested: 'auto', measured: 'wasm: 12 ms/step; webgl skipped (no OffscreenCanvas in this worker); webgpu skipped (navigator.gpu is not available)' });
  });
});
