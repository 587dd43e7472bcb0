/**
 * MaxPoolGrad for wasm (NHWC): each output's gradient goes to the first maximum of its window, as in
 * the cpu backend; channels innermost so the window scan walks memory linearly. With our SIMD module
 * (asm/simd.as maxPoolGrad) four channels at a time (max, then first-equal mask); otherwise plain JS.
 */
import { backend_util, MaxPoolGrad, type KernelConfig, type KernelFunc, type MaxPoolGradAttrs, type TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { ptr, simd } from '../runtime/simd';

function maxPoolGradWasm(args: {
  inputs: { dy: TensorInfo; input: TensorInfo; output: TensorInfo };
  backend: BackendWasm;
  attrs: MaxPoolGradAttrs;
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { dy, input } = inputs;
  const ci = backend_util.computePool2DInfo(input.shape as [number, number, number, number], attrs.filterSize, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
  const { batchSize, inHeight, inWidth, inChannels: C, outHeight, outWidth, strideHeight, strideWidth } = ci;
  const fH = ci.effectiveFilterHeight;
  const fW = ci.effectiveFilterWidth;
  const top = ci.padInfo.top;
  const left = ci.padInfo.left;
  const dx = backend.makeOutput(input.shape, 'float32');
  const x = backend.typedArrayFromHeap(input) as Float32Array;
  const g = backend.typedArrayFromHeap(dy) as Float32Array;
  const out = backend.typedArrayFromHeap(dx) as Float32Array;
  out.fill(0);
  const mod = simd(backend);
  if (mod && input.dtype === 'float32') {
    mod.maxPoolGrad(ptr(backend, input), ptr(backend, dy), ptr(backend, dx), batchSize, inHeight, inWidth, C, outHeight, outWidth, strideHeight, strideWidth, fH, fW, top, left);
    return dx;
  }
  for (let n = 0; n < batchSize; n++) {
    const xn = n * inHeight * inWidth * C;
    for (let oh = 0; oh < outHeight; oh++) {
      const h0 = oh * strideHeight - top;
      const hs = Math.max(0, h0);
      const he = Math.min(inHeight, h0 + fH);
      for (let ow = 0; ow < outWidth; ow++) {
        const w0 = ow * strideWidth - left;
        const ws = Math.max(0, w0);
        const we = Math.min(inWidth, w0 + fW);
        const go = ((n * outHeight + oh) * outWidth + ow) * C;
        for (let c = 0; c < C; c++) {
          let best = -Infinity;
          let pos = -1;
          for (let h = hs; h < he; h++) {
            for (let w = ws; w < we; w++) {
              const p = xn + (h * inWidth + w) * C + c;
              const v = x[p];
              if (v > best || pos < 0) {
                best = v;
                pos = p;
              }
            }
          }
          if (pos >= 0) out[pos] += g[go + c];
        }
      }
    }
  }
  return dx;
}

export const maxPoolGradConfig: KernelConfig = { kernelName: MaxPoolGrad, backendName: 'wasm', kernelFunc: maxPoolGradWasm as unknown as KernelFunc };
