/**
 * Custom kernels for the tfjs 'wasm' backend. Call `registerWasmKernels()` once after
 * `await tf.setBackend('wasm')` (calling it again is harmless). See docs/performance.md.
 */
import { getKernel, registerKernel, unregisterKernel, type KernelConfig } from '@tensorflow/tfjs-core';
import { conv2DBackpropFilterConfig } from './conv2dBackpropFilter';

/** Every kernel this module provides (kernelName → config), all for backendName 'wasm'. */
export const wasmKernelConfigs: readonly KernelConfig[] = [conv2DBackpropFilterConfig];

/**
 * Registers (or replaces the stock versions of) our kernels for the 'wasm' backend. Idempotent.
 * Kernels do their own lazy set-up, so this works before or after the backend is initialised.
 */
export function registerWasmKernels(): void {
  for (const config of wasmKernelConfigs) {
    const existing = getKernel(config.kernelName, config.backendName);
    if (existing?.kernelFunc === config.kernelFunc) continue;
    if (existing) unregisterKernel(config.kernelName, config.backendName);
    registerKernel(config);
  }
}

/** Names of the kernels `registerWasmKernels` installs (for reporting in the UI / bench). */
export function wasmKernelNames(): string[] {
  return wasmKernelConfigs.map((c) => c.kernelName);
}
