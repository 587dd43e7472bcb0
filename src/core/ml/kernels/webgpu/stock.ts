/**
 * The stock tfjs-webgpu kernels our webgpu kernels replace, kept for every shape ours do not take, and a count
 * of those fall-throughs per kernel (tests check that ours, not the stock kernel, did the work).
 */
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';

export const stockKernels = new Map<string, KernelConfig>();
const fallbacks = new Map<string, number>();

export function stockCall(name: string, args: Parameters<KernelFunc>[0]): TensorInfo | TensorInfo[] {
  const k = stockKernels.get(name);
  if (!k) throw new Error(`no stock webgpu ${name} kernel`);
  fallbacks.set(name, (fallbacks.get(name) ?? 0) + 1);
  return k.kernelFunc(args);
}

/** How often one of our registered kernels handed `name` to the stock kernel. */
export function webgpuStockFallbacks(name: string): number {
  return fallbacks.get(name) ?? 0;
}
