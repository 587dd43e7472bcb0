/**
 * Conv2DBackpropFilter for the tfjs 'wasm' backend (tfjs-backend-wasm 4.22 ships none, so convolution
 * weights cannot be trained on wasm without it).
 *
 *   dW[fh, fw, ci, co] = Σ_{n, oh, ow} x[n, oh·sH − padTop + fh, ow·sW − padLeft + fw, ci] · dy[n, oh, ow, co]
 *
 * Reads x and dy straight from the wasm heap and writes dW into a fresh heap tensor. tfjs's conv2d
 * gradient rejects dilations > 1, so (like the cpu backend) the kernel has no dilation attribute.
 * Handles NHWC and NCHW, any stride and padding ('same', 'valid', explicit, with dimRoundingMode).
 * Accumulates in float64 (as the cpu backend does), then stores float32.
 */
import {
  backend_util,
  Conv2DBackpropFilter,
  type Conv2DBackpropFilterAttrs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { conv1dBackpropFilter } from './conv1dFast';

function conv2DBackpropFilterWasm(args: {
  inputs: { x: TensorInfo; dy: TensorInfo };
  backend: BackendWasm;
  attrs: Conv2DBackpropFilterAttrs;
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { x, dy } = inputs;
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs;
  const convInfo = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filterShape,
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    backend_util.convertConv2DDataFormat(dataFormat),
  );
  const fast = conv1dBackpropFilter(backend, x, dy, convInfo);
  if (fast) return fast;
  return referenceBackpropFilter(backend, x, dy, convInfo);
}

/** Plain loops, any layout/stride/padding: the fallback and the reference for tests. */
function referenceBackpropFilter(
  backend: BackendWasm,
  x: TensorInfo,
  dy: TensorInfo,
  convInfo: backend_util.Conv2DInfo,
): TensorInfo {
  const xv = backend.typedArrayFromHeap(x) as Float32Array;
  const dyv = backend.typedArrayFromHeap(dy) as Float32Array;
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels } = convInfo;
  const { strideHeight: sH, strideWidth: sW, filterHeight: fH, filterWidth: fW } = convInfo;
  const top = convInfo.padInfo.top;
  const left = convInfo.padInfo.left;
  const last = convInfo.dataFormat === 'channelsLast';
  // element strides of x and dy: batch, row, column, channel
  const xS = last
    ? [inHeight * inWidth * inChannels, inWidth * inChannels, inChannels, 1]
    : [inHeight * inWidth * inChannels, inWidth, 1, inHeight * inWidth];
  const yS = last
    ? [outHeight * outWidth * outChannels, outWidth * outChannels, outChannels, 1]
    : [outHeight * outWidth * outChannels, outWidth, 1, outHeight * outWidth];
  const acc = new Float64Array(fH * fW * inChannels * outChannels);
  const dyRow = new Float64Array(outChannels);
  for (let n = 0; n < batchSize; n++) {
    for (let oh = 0; oh < outHeight; oh++) {
      for (let ow = 0; ow < outWidth; ow++) {
        const yBase = n * yS[0] + oh * yS[1] + ow * yS[2];
        for (let co = 0; co < outChannels; co++) dyRow[co] = dyv[yBase + co * yS[3]];
        for (let fh = 0; fh < fH; fh++) {
          const xr = oh * sH - top + fh;
          if (xr < 0 || xr >= inHeight) continue;
          for (let fw = 0; fw < fW; fw++) {
            const xc = ow * sW - left + fw;
            if (xc < 0 || xc >= inWidth) continue;
            const xBase = n * xS[0] + xr * xS[1] + xc * xS[2];
            const wBase = (fh * fW + fw) * inChannels * outChannels;
            for (let ci = 0; ci < inChannels; ci++) {
              const a = xv[xBase + ci * xS[3]];
              if (a === 0) continue;
              const o = wBase + ci * outChannels;
              for (let co = 0; co < outChannels; co++) acc[o + co] += a * dyRow[co];
            }
          }
        }
      }
    }
  }
  const out = backend.makeOutput(convInfo.filterShape, 'float32');
  (backend.typedArrayFromHeap(out) as Float32Array).set(acc);
  return out;
}

export const conv2DBackpropFilterConfig: KernelConfig = {
  kernelName: Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: conv2DBackpropFilterWasm as unknown as KernelFunc,
};
