/**
 * WebGPU in headless Chromium (the software adapter, SwiftShader, where there is no GPU): our 1-D convolution
 * kernels (forward, filter and input gradients) against tfjs's cpu backend on the lab's model shapes, the
 * training loop against cpu, and the synchronous-read guard.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath } from './run';
import { openWebGpuPage, type WebGpuPage } from './webgpuHost';
import { CONV_CASES, GRAD_CASES, GRAD_FALL_THROUGH, TRAIN_BATCH, TRAIN_SAMPLES } from './webgpuCases';
import type { ConvParity, GradParity, SyncGuardReply, TrainLossReply } from './webgpuProtocol';

describe.skipIf(!existsSync(chromiumPath()))('WebGPU in headless Chromium (software adapter)', () => {
  let page: WebGpuPage;
  beforeAll(async () => {
    page = (await openWebGpuPage())!;
  }, 300_000);
  afterAll(async () => page?.close());

  it('the 1-D conv kernel runs for every lab shape and matches cpu within 1e-4 (stock webgpu for reference)', async () => {
    const res = await page.call<ConvParity[]>('convParity', CONV_CASES);
    expect(res.map((r) => r.backend)).toEqual(CONV_CASES.map(() => 'webgpu'));
    for (const r of res) {
      const label = JSON.stringify(r.case);
      expect(r.ourCalls, label).toBe(1);
      expect(r.stockRanOurs, label).toBe(0);
      expect(r.n, label).toBeGreaterThan(0);
      expect(r.maxAbs, label).toBeGreaterThan(0.1); // the outputs are not all zeros
      expect(r.maxAbsErr, label).toBeLessThanOrEqual(1e-4 * Math.max(1, r.maxAbs));
      expect(r.stockMaxAbsErr, label).toBeLessThanOrEqual(1e-4 * Math.max(1, r.maxAbs));
    }
  }, 600_000);

  it('the 1-D conv gradient kernels (filter, input) run for every lab shape and match cpu within 1e-4; 2-D convs fall through', async () => {
    const res = await page.call<GradParity[]>('gradParity', [...GRAD_CASES, GRAD_FALL_THROUGH]);
    expect(res.map((r) => r.backend)).toEqual([...GRAD_CASES, GRAD_FALL_THROUGH].map(() => 'webgpu'));
    for (const r of res) {
      const label = JSON.stringify(r.case);
      const ours = r.case.rows === undefined;
      expect([r.filterCalls, r.inputCalls, r.filterFallbacks, r.inputFallbacks], label).toEqual(ours ? [1, 1, 0, 0] : [0, 0, 1, 1]);
      for (const g of [r.dW, r.dx]) {
        expect(g.n, label).toBeGreaterThan(0);
        expect(g.maxAbs, label).toBeGreaterThan(0.1); // the gradients are not all zeros
        expect(g.maxAbsErr, label).toBeLessThanOrEqual(1e-4 * Math.max(1, g.maxAbs));
      }
    }
  }, 600_000);

  it('trainModel on webgpu (resident data, our convs and conv gradients, lagged loss reads) gives cpu’s batch-loss sequence within 1e-3', async () => {
    const cpu = await page.call<TrainLossReply>('trainLosses', 'cpu', TRAIN_SAMPLES, TRAIN_BATCH);
    const gpu = await page.call<TrainLossReply>('trainLosses', 'webgpu', TRAIN_SAMPLES, TRAIN_BATCH);
    expect(cpu).toMatchObject({ backend: 'cpu', resident: false });
    expect(gpu).toMatchObject({ backend: 'webgpu', resident: true, lost: null });
    expect(gpu.ourConvCalls).toBeGreaterThan(0);
    expect(gpu.ourFilterGradCalls).toBeGreaterThan(0);
    expect(gpu.ourInputGradCalls).toBeGreaterThan(0);
    expect(cpu.batches).toHaveLength(2 * 4);
    expect(gpu.batches).toHaveLength(cpu.batches.length);
    expect(new Set(cpu.batches).size).toBeGreaterThan(1);
    const close = (a: number, b: number) => Math.abs(a - b) <= 1e-3 * Math.max(1, Math.abs(b));
    gpu.batches.forEach((v, i) => expect(close(v, cpu.batches[i]), `batch ${i}: ${v} vs ${cpu.batches[i]}`).toBe(true));
    gpu.epochs.forEach((v, i) => expect(close(v, cpu.epochs[i]), `epoch ${i}: ${v} vs ${cpu.epochs[i]}`).toBe(true));
    expect(close(gpu.valLoss, cpu.valLoss), `val ${gpu.valLoss} vs ${cpu.valLoss}`).toBe(true);
  }, 600_000);

  it('a synchronous read of a GPU tensor throws a clear error on the software adapter and the device survives', async () => {
    const r = await page.call<SyncGuardReply>('syncGuard');
    expect(r.backend).toBe('webgpu');
    expect(r.message).toMatch(/synchronous read .* software WebGPU adapter/);
    expect(r.after).toBe(3);
    expect(r.lost).toBeNull();
  }, 300_000);
});
