/**
 * Registers our webgpu kernels over tfjs-webgpu's (the stock ones are kept for the shapes ours do not take):
 * the 1-D convolution forward (conv1d.ts), its filter gradient (conv1dFilterGrad.ts) and input gradient
 * (conv1dInputGrad.ts).
 */
import { getKernel, registerKernel, unregisterKernel, type KernelConfig } from '@tensorflow/tfjs-core';
import { conv1dKernels } from './conv1d';
import { conv1dFilterGradKernels } from './conv1dFilterGrad';
import { conv1dInputGradKernels } from './conv1dInputGrad';
import { stockKernels } from './stock';

const OURS: KernelConfig[] = [...conv1dKernels, ...conv1dFilterGradKernels, ...conv1dInputGradKernels];

/** The kernel names ours replace on webgpu. */
export const webgpuKernelNames: readonly string[] = OURS.map((k) => k.kernelName);

/** Replaces webgpu's kernels with ours (stock kept for other shapes). Idempotent. */
export function registerWebGpuKernels(): void {
  for (const k of OURS) {
    const cur = getKernel(k.kernelName, 'webgpu');
    if (cur?.kernelFunc === k.kernelFunc) continue;
    if (!cur) throw new Error(`tfjs-webgpu has no ${k.kernelName} kernel: register the webgpu backend first`);
    stockKernels.set(k.kernelName, cur);
    unregisterKernel(k.kernelName, 'webgpu');
    registerKernel(k);
  }
}

/** Puts the stock kernels back (the bench compares both in one run). */
export function unregisterWebGpuKernels(): void {
  for (const k of OURS) {
    const s = stockKernels.get(k.kernelName);
    if (!s || getKernel(k.kernelName, 'webgpu')?.kernelFunc !== k.kernelFunc) continue;
    unregisterKernel(k.kernelName, 'webgpu');
    registerKernel(s);
  }
}
