import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ADAM_KERNEL } from './kernels';
import { initBackend } from './backend';
import { CancelledError, RunControl } from './control';
import { evaluateModel } from './evaluate';
import { buildModel } from './models';
import { learningRateAt } from './schedule';
import { prepareTask } from './task';
import { toyDataset } from './toyDataset';
import { RESIDENT_MAX_BYTES, trainModel, usesResidentData, type TrainConfig } from './train';
import { copyWeights, frozenPrefixes } from './transfer';

beforeAll(async () => {
  // wasm (+ the project's Conv2DBackpropFilter kernel) is ~20× faster than cpu in Node; losses match cpu
  await initBackend('wasm');
});

const ds = toyDataset(96, 1);
const train = Int32Array.from({ length: 64 }, (_, i) => i);
const val = Int32Array.from({ length: 32 }, (_, i) => 64 + i);
const cfg = (over: Partial<TrainConfig> = {}): TrainConfig => ({
  epochs: 6, batchSize: 16, lr: 0.01, weightDecay: 0, schedule: { kind: 'constant' }, patience: 0, restoreBest: true,
  classWeighting: 'none', seed: 3, batch: { scaling: 'minmax' }, ...over,
});

describe('schedules', () => {
  it('step, exponential, cosine', () => {
    expect(learningRateAt({ kind: 'step', stepEpochs: 2, gamma: 0.5 }, 1, 5, 10)).toBe(0.25);
    expect(learningRateAt({ kind: 'exponential', gamma: 0.99 }, 0.01, 2, 10)).toBeCloseTo(0.01 * 0.9801, 12);
    expect(learningRateAt({ kind: 'cosine' }, 1, 0, 11)).toBe(1);
    expect(learningRateAt({ kind: 'cosine' }, 1, 5, 11)).toBeCloseTo(0.5, 12);
    expect(learningRateAt({ kind: 'cosine', minLr: 0.1 }, 1, 10, 11)).toBeCloseTo(0.1, 12);
  });
});

describe('trainModel', () => {
  it('uses fusedAdam: same numerics as tf.train.adam (bit-identical on cpu, weight decay included)', async () => {
    const task = prepareTask(ds, { kind: 'regression', targets: ['hr_bpm'] }, train);
    const sub = train.subarray(0, 16);
    const run = async (optimizer: 'fused-adam' | 'adam') => {
      const m = buildModel({ kind: 'tiny-cnn', nLeads: 2, nSamples: 200, nOut: 1, seed: 5 });
      const out = await trainModel(m, ds, sub, val.subarray(0, 4), task, cfg({ epochs: 2, batchSize: 8, weightDecay: 0.01, restoreBest: false, optimizer }));
      const w = m.getWeights().map((t) => Array.from(t.dataSync()));
      m.dispose();
      return { losses: out.history.map((h) => h.loss), w };
    };
    const adam = vi.spyOn(tf.train, 'adam');
    try {
      const fusedWasm = await run('fused-adam');
      expect(adam).not.toHaveBeenCalled();
      expect(tf.getKernel(ADAM_KERNEL, 'wasm')).toBeDefined(); // the fused kernel ran
      const stockWasm = await run('adam');
      expect(adam).toHaveBeenCalledTimes(1);
      for (let i = 0; i < 2; i++) expect(Math.abs(fusedWasm.losses[i] - stockWasm.losses[i]) / stockWasm.losses[i]).toBeLessThan(1e-4);
      await tf.setBackend('cpu');
      const fusedCpu = await run('fused-adam');
      const stockCpu = await run('adam');
      expect(fusedCpu.losses).toEqual(stockCpu.losses);
      expect(fusedCpu.w).toEqual(stockCpu.w);
      expect(fusedCpu.losses[1]).not.toBe(fusedCpu.losses[0]); // it trained
    } finally {
      adam.mockRestore();
      await initBackend('wasm');
    }
  });

  it('resident data (packed once, batches gathered on the device) gives the per-batch path’s losses and weights exactly', async () => {
    {
      const task = prepareTask(ds, { kind: 'regression', targets: ['hr_bpm'] }, train);
      const sub = train.subarray(0, 40); // 40 = 2 full batches of 16 and a last one of 8
      const run = async (residentData: boolean) => {
        const m = buildModel({ kind: 'tiny-cnn', nLeads: 2, nSamples: 200, nOut: 1, seed: 5 });
        const batches: { epoch: number; batch: number; loss: number }[] = [];
        const before = tf.memory().numTensors;
        let losses: number[] = [];
        const prof = await tf.profile(async () => {
          const out = await trainModel(m, ds, sub, val.subarray(0, 4), task, cfg({ epochs: 2, restoreBest: false, residentData }), {
            onBatch: (b) => batches.push({ epoch: b.epoch, batch: b.batch, loss: b.loss }),
          });
          losses = out.history.map((h) => h.loss);
        });
        expect(tf.memory().numTensors).toBe(before); // the packed set and its batches are freed
        const w = m.getWeights().map((t) => Array.from(t.dataSync()));
        m.dispose();
        return { losses, batches, w, gathers: prof.kernels.filter((k) => k.name === 'GatherV2').length };
      };
      const resident = await run(true);
      const perBatch = await run(false);
      expect(resident.gathers).toBe(2 * 3 * 2); // x and y, 3 batches, 2 epochs
      expect(perBatch.gathers).toBe(0);
      expect(resident.batches.map((b) => [b.epoch, b.batch])).toEqual([0, 1].flatMap((e) => [0, 1, 2].map((b) => [e, b])));
      expect(resident.batches).toEqual(perBatch.batches);
      expect(resident.losses).toEqual(perBatch.losses);
      expect(resident.w).toEqual(perBatch.w);
      expect(new Set(resident.batches.map((b) => b.loss)).size).toBeGreaterThan(1);
    }
  });

  it('residentData auto: on GPU backends up to RESIDENT_MAX_BYTES, never on cpu/wasm', () => {
    expect(usesResidentData(undefined, 'webgpu', 1 << 20)).toBe(true);
    expect(usesResidentData(undefined, 'webgl', RESIDENT_MAX_BYTES)).toBe(true);
    expect(usesResidentData(undefined, 'webgpu', RESIDENT_MAX_BYTES + 1)).toBe(false);
    expect(usesResidentData(undefined, 'wasm', 1 << 20)).toBe(false);
    expect(usesResidentData(true, 'cpu', 1 << 30)).toBe(true);
    expect(usesResidentData(false, 'webgpu', 1)).toBe(false);
  });

  it('learns a regression target, is reproducible, keeps tensor memory flat', async () => {
    const task = prepareTask(ds, { kind: 'regression', targets: ['hr_bpm'] }, train);
    const run = async () => {
      const m = buildModel({ kind: 'tiny-cnn', nLeads: 2, nSamples: 200, nOut: 1, seed: 5 });
      const before = tf.memory().numTensors;
      const out = await trainModel(m, ds, train, val, task, cfg({ epochs: 8, schedule: { kind: 'exponential', gamma: 0.99 } }));
      const after = tf.memory().numTensors;
      const ev = await evaluateModel(m, ds, val, task, { scaling: 'minmax' });
      m.dispose();
      return { out, leaked: after - before, ev };
    };
    const a = await run();
    expect(a.leaked).toBe(0);
    expect(a.out.history).toHaveLength(8);
    expect(a.out.history[7].loss).toBeLessThan(a.out.history[0].loss);
    const mae = a.ev.result.kind === 'regression' ? a.ev.result.perTarget.hr_bpm.mae : NaN;
    // predicting the mean gives ≈ 30 bpm MAE on U(40, 160)
    expect(mae).toBeLessThan(20);
    // best-weights restore: the final model is the best epoch's
    const bestVal = Math.min(...a.out.history.map((h) => h.valLoss));
    expect(a.ev.result.loss).toBeCloseTo(bestVal, 4);
    const b = await run();
    expect(b.out.history.map((h) => h.loss)).toEqual(a.out.history.map((h) => h.loss));
  });

  it('classifies with class weights and early-stops on val macro AUC', async () => {
    const task = prepareTask(ds, { kind: 'single-label', classes: ['slow', 'normal', 'fast'] }, train);
    const m = buildModel({ kind: 'tiny-cnn', nLeads: 2, nSamples: 200, nOut: 3, seed: 5 });
    const out = await trainModel(m, ds, train, val, task, cfg({ epochs: 30, patience: 2, classWeighting: 'balanced' }));
    expect(out.history.length).toBeLessThan(30);
    expect(out.stoppedEarly).toBe(true);
    const last = out.history[out.history.length - 1];
    expect(out.history.length - 1 - out.bestEpoch).toBe(2);
    expect(last.val.kind).toBe('single-label');
    expect(out.history[out.bestEpoch].monitor).toBeLessThan(-0.7); // val macro AUC > 0.7
    m.dispose();
  });

  it('pauses, resumes and cancels between batches', async () => {
    const task = prepareTask(ds, { kind: 'regression', targets: ['hr_bpm'] }, train);
    const m = buildModel({ kind: 'tiny-cnn', nLeads: 2, nSamples: 200, nOut: 1, seed: 5 });
    const control = new RunControl();
    const batches: number[] = [];
    const held: number[] = [];
    control.onHeld = () => held.push(batches.length);
    const p = trainModel(m, ds, train, val, task, cfg({ epochs: 3 }), {
      control,
      onBatch: (b) => {
        batches.push(b.batch);
        if (batches.length === 2) control.pause();
        if (batches.length === 4) control.cancel(); // deterministic: a fast backend may finish 3 epochs in 30 ms
      },
    });
    while (batches.length < 2) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 150));
    expect(batches.length).toBe(2); // paused
    expect(held).toEqual([2]); // the hold is reported once, where the loop stopped
    control.resume();
    await expect(p).rejects.toBeInstanceOf(CancelledError);
    expect(batches).toEqual([0, 1, 2, 3]); // resumed, then cancelled before the 5th batch
    m.dispose();
  });
});

describe('transfer', () => {
  it('copies every layer but head_out and freezes the first block while training', async () => {
    const src = buildModel({ kind: 'tiny-cnn', nLeads: 2, nSamples: 200, nOut: 1, seed: 1 });
    const dst = buildModel({ kind: 'tiny-cnn', nLeads: 2, nSamples: 200, nOut: 3, seed: 2 });
    const rep = copyWeights(src, dst);
    expect(rep.fresh).toEqual(['head_out']);
    expect(rep.copied).toContain('bb1_conv');
    const k0 = Array.from(dst.getLayer('bb1_conv').getWeights()[0].dataSync());
    expect(k0).toEqual(Array.from(src.getLayer('bb1_conv').getWeights()[0].dataSync()));
    const task = prepareTask(ds, { kind: 'single-label', classes: ['slow', 'normal', 'fast'] }, train);
    const k2 = Array.from(dst.getLayer('bb2_conv').getWeights()[0].dataSync());
    await trainModel(dst, ds, train, val, task, cfg({ epochs: 1, frozenPrefixes: frozenPrefixes('finetune') }));
    expect(Array.from(dst.getLayer('bb1_conv').getWeights()[0].dataSync())).toEqual(k0);
    expect(Array.from(dst.getLayer('bb2_conv').getWeights()[0].dataSync())).not.toEqual(k2);
    src.dispose();
    dst.dispose();
  });
});
