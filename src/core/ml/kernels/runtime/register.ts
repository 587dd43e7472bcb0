/** Registers and unregisters our wasm kernels and gradient overrides, remembering the stock kernels they replace. */
import { getKernel, registerKernel, unregisterKernel, type KernelConfig } from '@tensorflow/tfjs-core';
import { conv2DBackpropFilterConfig } from '../backward/conv2dBackpropFilter';
import { conv2DBackpropInputConfig } from '../backward/conv2dBackpropInput';
import { maxPoolGradConfig } from '../backward/maxPoolGrad';
import { rememberStock } from './stock';
import { identityConfig } from '../forward/identity';
import { meanConfig, sumConfig } from '../forward/sum';
import { tileConfig } from '../forward/tile';
import { concatConfig, splitVConfig } from '../forward/concat';
import { compareConfigs } from '../forward/compare';
import { batchNormConfig } from '../forward/batchNorm';
import { conv2dConfig, fusedConv2dConfig } from '../forward/conv2d';
import { castConfig } from '../forward/cast';
import { addConfig, maxConfig, maxPoolConfig } from '../forward/inference';
import { convPoolConfig } from '../forward/convPool';
import { installGradients, restoreGradients } from '../backward/gradients';
import { bnTrainingMode } from '../backward/bnTraining';

/** The kernel without which wasm cannot train convolutions (stock tfjs-wasm 4.22 lacks it). */
const requiredConfigs: readonly KernelConfig[] = [conv2DBackpropFilterConfig];
/** Speed-ups replacing stock wasm kernels. */
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
