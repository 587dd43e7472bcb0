/**
 * Custom kernels for the tfjs 'wasm' backend. Call `registerWasmKernels()` once after
 * `await tf.setBackend('wasm')` (calling it again is harmless). See docs/performance.md.
 */
import { getKernel, registerKernel, unregisterKernel, type KernelConfig } from '@tensorflow/tfjs-core';
import { conv2DBackpropFilterConfig } from './conv2dBackpropFilter';
import { conv2DBackpropInputConfig } from './conv2dBackpropInput';
import { maxPoolGradConfig } from './maxPoolGrad';
import { rememberStock } from './stock';
import { identityConfig } from './identity';
import { meanConfig, sumConfig } from './sum';
import { tileConfig } from './tile';
import { concatConfig, splitVConfig } from './concat';
import { compareConfigs } from './compare';
import { batchNormConfig } from './batchNorm';
import { conv2dConfig, fusedConv2dConfig } from './conv2d';
import { castConfig } from './cast';
import { addConfig, maxConfig, maxPoolConfig } from './inference';
import { convPoolConfig } from './convPool';
import { installGradients, restoreGradients } from './gradients';
import { bnTrainingMode } from './bnTraining';

/** The kernel without which wasm cannot train convolutions (stock tfjs-wasm 4.22 lacks it). */
const requiredConfigs: readonly KernelConfig[] = [conv2DBackpropFilterConfig];
/** Speed-ups replacing stock wasm kernels (filled in as they are added). */
const fastConfigs: readonly KernelConfig[] = [conv2DBackpropInputConfig, tileConfig, sumConfig, meanConfig, maxPoolGradConfig, identityConfig, concatConfig, splitVConfig, batchNormConfig, conv2dConfig, fusedConv2dConfig, castConfig, addConfig, maxPoolConfig, maxConfig, convPoolConfig, ...compareConfigs];

export interface RegisterOptions {
  /** 'all' (default): required + fast kernels. 'required': only the missing Conv2DBackpropFilter. */
  set?: 'all' | 'required';
}

function install(config: KernelConfig): void {
  const existing = getKernel(config.kernelName, config.backendName);
  if (existing?.kernelFunc === config.kernelFunc) return;
  rememberStock(config.kernelName);
  if (existing) unregisterKernel(config.kernelName, config.backendName);
  registerKernel(config);
}

function restore(config: KernelConfig): void {
  const existing = getKernel(config.kernelName, config.backendName);
  if (existing?.kernelFunc !== config.kernelFunc) return;
  unregisterKernel(config.kernelName, config.backendName);
  const original = rememberStock(config.kernelName);
  if (original) registerKernel(original);
}

/**
 * Registers our kernels for the 'wasm' backend, replacing stock versions where we have faster ones.
 * Idempotent. Kernels set themselves up lazily, so this works before or after the backend is initialised.
 */
export function registerWasmKernels(options: RegisterOptions = {}): void {
  for (const c of requiredConfigs) install(c);
  if ((options.set ?? 'all') === 'all') {
    for (const c of fastConfigs) install(c);
    installGradients();
    bnTrainingMode.value = 'auto';
  } else {
    for (const c of fastConfigs) restore(c);
    restoreGradients();
    bnTrainingMode.value = 'off';
  }
}

/** Undoes `registerWasmKernels` (stock kernels back; wasm can then no longer train convolutions). */
export function unregisterWasmKernels(): void {
  for (const c of [...requiredConfigs, ...fastConfigs]) restore(c);
  restoreGradients();
  bnTrainingMode.value = 'off';
}

/** Names of the kernels `registerWasmKernels()` installs (for reporting in the UI / bench). */
export function wasmKernelNames(): string[] {
  return [...requiredConfigs, ...fastConfigs].map((c) => c.kernelName);
}

export { pickFastestBackend, type BackendTiming, type PickResult, type PickOptions } from './pickBackend';
export { fusedAdam, FusedAdamOptimizer } from './fusedAdam';
export { simdVariant, simdVariantMode, type SimdVariant } from './simd';
