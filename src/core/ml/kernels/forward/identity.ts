/**
 * Identity for wasm without a copy: like the cpu backend (and the stock wasm Reshape), the output shares
 * the input's heap memory through a reference count. Safe because no wasm kernel writes into its inputs.
 * Training calls Identity ~2× per weight per step (clones in the optimizer and gradient tape).
 */
import { Identity, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

export function identityWasm(args: { inputs: { x: TensorInfo }; backend: BackendWasm }): TensorInfo {
  const { x } = args.inputs;
  args.backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

export const identityConfig: KernelConfig = { kernelName: Identity, backendName: 'wasm', kernelFunc: identityWasm as unknown as KernelFunc };
