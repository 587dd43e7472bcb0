/**
 * One kernel helper thread for the wasm backend's convolutions (src/core/ml/kernels/threads): started by the
 * training worker when the page is cross-origin isolated; blocks in Atomics.wait between jobs.
 */
import { kernelHelperLoop, type HelperInit } from '../src/core/ml/kernels/threads/helperLoop';

self.onmessage = (e: MessageEvent<HelperInit>) => kernelHelperLoop(e.data);
