/** Kernel threads for the wasm backend (see pool.ts). Hosts: workers/kernelHelper.worker.ts, cli/kernelThreads.ts. */
export { startKernelThreads, stopKernelThreads, kernelThreads, kernelThreadsInfo, kernelThreadJobs, threadsUnavailable, type HelperHandle, type SpawnHelper, type KernelThreadsInfo } from './pool';
export { kernelHelperLoop, type HelperInit } from './helperLoop';
export { MIN_PARALLEL_MACS } from './parallelConv';
