/**
 * WebGPU in headless Chromium (the software adapter, SwiftShader, where there is no GPU): our 1-D convolution
 * kernel against tfjs's cpu backend on the lab's model shapes, and the synchronous-read guard.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath } from './run';
import { openWebGpuPage, type WebGpuPage } from './webgpuHost';
import type { ConvCase, ConvParity, SyncGuardReply, TrainLossReply } from './webgpuProtocol';

const CASES: ConvCase[] = [
  // inception1d: bottleneck (k1), the three branches (k39/19/9), 'same', 32 → 32 channels
  { batch: 2, width: 250, cin: 32, cout: 32, k: 39, stride: 1, pad: 'same', epilogue: 'none' },
  { batch: 2, width: 250, cin: 32, cout: 32, k: 19, stride: 1, pad: 'same', epilogue: 'none' },
  { batch: 2, width: 250, cin: 8, cout: 32, k: 1, stride: 1, pad: 'same', epilogue: 'none' },
  // resnet1d: stride-2 stem from 8 leads, k7; a stride-2 block conv with odd width; a 'valid' conv
  { batch: 3, width: 301, cin: 8, cout: 16, k: 7, stride: 2, pad: 'same', epilogue: 'none' },
  { batch: 2, width: 151, cin: 16, cout: 32, k: 7, stride: 2, pad: 'same', epilogue: 'none' },
  { batch: 2, width: 64, cin: 5, cout: 7, k: 3, stride: 1, pad: 'valid', epilogue: 'none' },
  // the folded inference convs (FusedConv2D with bias, with bias + ReLU)
  { batch: 2, width: 200, cin: 16, cout: 32, k: 7, stride: 1, pad: 'same', epilogue: 'bias' },
  { batch: 2, width: 200, cin: 16, cout: 32, k: 7, stride: 2, pad: 'same', epilogue: 'bias-relu' },
];

describe.skipIf(!existsSync(chromiumPath()))('WebGPU in headless Chromium (software adapter)', () => {
  let page: WebGpuPage;
  beforeAll(async () => {
    page = (await openWebGpuPage())!;
  }, 300_000);
  afterAll(async () => page?.close());

  it('the 1-D conv kernel runs for every lab shape and matches cpu within 1e-4 (stock webgpu for reference)', async () => {
    const res = await page.call<ConvParity[]>('convParity', CASES);
    expect(res.map((r) => r.backend)).toEqual(CASES.map(() => 'webgpu'));
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

  it('trainModel on webgpu (resident data, our convs, lagged loss reads) gives cpu’s batch-loss sequence within 1e-3', async () => {
    const cpu = await page.call<TrainLossReply>('trainLosses', 'cpu');
    const gpu = await page.call<TrainLossReply>('trainLosses', 'webgpu');
    expect(cpu).toMatchObject({ backend: 'cpu', resident: false });
    expect(gpu).toMatchObject({ backend: 'webgpu', resident: true, lost: null });
    expect(gpu.ourConvCalls).toBeGreaterThan(0);
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
