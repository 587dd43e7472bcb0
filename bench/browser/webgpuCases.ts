/**
 * The shapes the WebGPU checks run (bench/browser/webgpu.test.ts) and `npm run bench -- webgpu --parity` prints:
 * the lab's conv shapes at small batch and width (enough to reach every code path, short on the software adapter).
 */
import type { ConvCase, GradCase } from './webgpuProtocol';

export const CONV_CASES: ConvCase[] = [
  // inception1d: bottleneck (k1), the three branches (k39/19/9), 'same', 32 → 32 channels
  { batch: 2, width: 128, cin: 32, cout: 32, k: 39, stride: 1, pad: 'same', epilogue: 'none' },
  { batch: 2, width: 100, cin: 32, cout: 32, k: 19, stride: 1, pad: 'same', epilogue: 'none' },
  { batch: 2, width: 128, cin: 8, cout: 32, k: 1, stride: 1, pad: 'same', epilogue: 'none' },
  // resnet1d: stride-2 stem from 8 leads, k7; a stride-2 block conv with odd width; a 'valid' conv
  { batch: 3, width: 149, cin: 8, cout: 16, k: 7, stride: 2, pad: 'same', epilogue: 'none' },
  { batch: 2, width: 151, cin: 16, cout: 32, k: 7, stride: 2, pad: 'same', epilogue: 'none' },
  { batch: 2, width: 64, cin: 5, cout: 7, k: 3, stride: 1, pad: 'valid', epilogue: 'none' },
  // the folded inference convs (FusedConv2D with bias, with bias + ReLU)
  { batch: 2, width: 100, cin: 16, cout: 32, k: 7, stride: 1, pad: 'same', epilogue: 'bias' },
  { batch: 2, width: 101, cin: 16, cout: 32, k: 7, stride: 2, pad: 'same', epilogue: 'bias-relu' },
];

export const GRAD_CASES: GradCase[] = [
  // inception1d: the three branches (k39/19/9, 'same', 32 → 32) and the bottleneck (k1, 128 → 32)
  { batch: 2, width: 128, cin: 32, cout: 32, k: 39, stride: 1, pad: 'same' },
  { batch: 2, width: 100, cin: 32, cout: 32, k: 19, stride: 1, pad: 'same' },
  { batch: 2, width: 150, cin: 32, cout: 32, k: 9, stride: 1, pad: 'same' },
  { batch: 2, width: 64, cin: 128, cout: 32, k: 1, stride: 1, pad: 'same' },
  // resnet1d: the stride-2 stem (k7, 8 leads, odd width), a stride-2 block conv, its stride-2 k1 projection
  { batch: 2, width: 151, cin: 8, cout: 16, k: 7, stride: 2, pad: 'same' },
  { batch: 2, width: 75, cin: 16, cout: 32, k: 7, stride: 2, pad: 'same' },
  { batch: 2, width: 75, cin: 16, cout: 32, k: 1, stride: 2, pad: 'same' },
  // 'valid', odd sizes, stride 1 and 2 with an even kernel
  { batch: 2, width: 67, cin: 5, cout: 7, k: 3, stride: 1, pad: 'valid' },
  { batch: 2, width: 65, cin: 3, cout: 5, k: 4, stride: 2, pad: 'valid' },
];
/** A 2-D conv (3 rows, 2-row filter): both gradients must go to the stock kernels, still matching cpu. */
export const GRAD_FALL_THROUGH: GradCase = { batch: 2, width: 20, cin: 3, cout: 4, k: 3, stride: 1, pad: 'same', rows: 3 };

/** trainModel's parity run: resnet1d on 2-lead records of this many samples, batches of this size (2 epochs × 4). */
export const TRAIN_SAMPLES = 128;
export const TRAIN_BATCH = 4;
