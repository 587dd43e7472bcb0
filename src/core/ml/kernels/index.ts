/**
 * Custom kernels for the tfjs 'wasm' backend. Call `registerWasmKernels()` once after
 * `await tf.setBackend('wasm')` (calling it again is harmless). See docs/performance.md.
 */
export { registerWasmKernels, unregisterWasmKernels, wasmKernelNames, type RegisterOptions } from './runtime/register';
export { pickFastestBackend, type BackendTiming, type PickResult, type PickOptions } from './runtime/pickBackend';
export { fusedAdam, FusedAdamOptimizer } from './optimiser/fusedAdam';
export { simdVariant, simdVariantMode, type SimdVariant } from './runtime/simd';
export { ADAM_KERNEL } from './optimiser/fusedAdam';
export { CONV_POOL_KERNEL, convPool, convPoolApplies, convPoolConfig, type ConvPoolAttrs } from './forward/convPool';
export { bnTrainingApplies, bnTrainingFast, type BnTrainingResult } from './backward/bnTraining';
export { Conv1dProgram, conv1dInfo, webgpuConv1dCalls } from './webgpu/conv1d';
export { Conv1dFilterGradProgram, filterGradSplit, webgpuConv1dFilterGradCalls } from './webgpu/conv1dFilterGrad';
export { Conv1dInputGradProgram, webgpuConv1dInputGradCalls } from './webgpu/conv1dInputGrad';
export { registerWebGpuKernels, unregisterWebGpuKernels, webgpuKernelNames } from './webgpu/register';
export { webgpuStockFallbacks } from './webgpu/stock';
