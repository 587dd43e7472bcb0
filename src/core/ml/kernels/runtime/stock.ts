/** The stock tfjs-wasm kernels we replace, kept so our kernels can fall back to (or build on) them. */
import { getKernel, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

const originals = new Map<string, KernelConfig | undefined>();

/** Remembers the currently registered kernel as the stock one (first call per name wins). */
export function rememberStock(kernelName: string): KernelConfig | undefined {
  if (!originals.has(kernelName)) originals.set(kernelName, getKernel(kernelName, 'wasm'));
  return originals.get(kernelName);
}

/** The stock wasm kernel function for `kernelName` (never one of ours). */
function stockKernel(kernelName: string): KernelFunc | undefined {
  return (originals.has(kernelName) ? originals.get(kernelName) : getKernel(kernelName, 'wasm'))?.kernelFunc;
}

/** Runs the stock wasm kernel `kernelName`; throws when there is none. */
export function runStock(kernelName: string, backend: BackendWasm, inputs: Record<string, TensorInfo>, attrs: object): TensorInfo {
  const f = stockKernel(kernelName);
  if (!f) throw new Error(`tfjs-wasm has no ${kernelName} kernel`);
  return f({ inputs, backend, attrs } as unknown as Parameters<KernelFunc>[0]) as TensorInfo;
}

/** Releases intermediate tensors created inside a kernel. */
export function free(backend: BackendWasm, ...infos: TensorInfo[]): void {
  for (const t of infos) backend.disposeData(t.dataId);
}
