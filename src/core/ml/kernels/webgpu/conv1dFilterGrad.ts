/**
 * The filter gradient of a one-row convolution for the tfjs 'webgpu' backend (Conv2DBackpropFilter):
 * dW[k, ci, co] = Σ over batch b and output time t of x[b, t·stride − pad + k, ci] · dy[b, t, co].
 *
 * That is a matrix product with the reduction over the R = batch × outWidth rows: rows (k, ci) of the shifted
 * input against the columns co of dy. tfjs-webgpu's stock kernel runs one invocation per filter element that
 * loops over all of R serially (8 000 steps at 8 × 1000, each reading x and dy from global memory). Here a
 * workgroup of 64 invocations owns a 32 (k, ci) × 32 co tile of dW, each invocation a 4 × 4 block of it, and
 * walks its share of R 32 rows at a time through workgroup memory (8 reads there per 16 multiply-adds, one pair
 * of barriers per 32 rows); R is split over up to 64 workgroups along z
 * when the tiles alone would not fill the device; a second pass adds the partial sums. Every other shape
 * (2-D, NCHW, non-float32) goes to the stock kernel.
 */
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { int32Uniforms, MAX_GROUPS, oneRowConvInfo, type ConvGradAttrs, type WebGpuBackendLike } from './program';
import { stockCall } from './stock';

/** The dW tile of one workgroup: TILE (k, ci) rows × TILE co, 4 × 4 per invocation. */
const TILE = 32;
const THREADS = 64;
/** R rows per pass through workgroup memory (each invocation loads STAGE · TILE / THREADS values of x and of dy). */
const STAGE = 32;
/** The fewest R rows one split handles (smaller splits cost more in the second pass than they save). */
const MIN_SPLIT_ROWS = 64;
/** Enough workgroups to keep a GPU busy; R is split until the tiles reach this many (at most MAX_SPLITS). */
const TARGET_GROUPS = 256;
const MAX_SPLITS = 64;

/** How R is split: `splits` workgroups along z, each over `chunkStages` × 32 rows. */
export function filterGradSplit(rows: number, outputTiles: number): { splits: number; chunkStages: number } {
  const want = Math.max(1, Math.min(Math.ceil(rows / MIN_SPLIT_ROWS), Math.ceil(TARGET_GROUPS / outputTiles), MAX_SPLITS));
  const chunkStages = Math.ceil(rows / want / STAGE);
  return { splits: Math.ceil(rows / (chunkStages * STAGE)), chunkStages };
}

/** Partial (or, with one split, whole) filter gradients: output [splits, K, Cin, Cout]. */
export class Conv1dFilterGradProgram {
  readonly variableNames = ['x', 'dy'];
  readonly uniforms = 'convPad : i32, convStride : i32, kSize : i32, cIn : i32, inW : i32, cOut : i32, outW : i32, rows : i32, chunkStages : i32,';
  readonly workgroupSize: [number, number, number] = [THREADS, 1, 1];
  readonly size = false;
  readonly outputShape: number[];
  readonly dispatchLayout: { x: number[] };
  readonly dispatch: [number, number, number];
  readonly shaderKey = 'ecgConv1dFilterGrad';

  constructor(outShape: number[], mRows: number, cOut: number, splits: number) {
    this.outputShape = outShape;
    this.dispatchLayout = { x: outShape.map((_, i) => i) };
    this.dispatch = [Math.ceil(cOut / TILE), Math.ceil(mRows / TILE), splits];
  }

  getUserCode(): string {
    // The loop count comes from uniforms only, so every invocation of a workgroup reaches the barriers.
    return `
      var<workgroup> ecgFgX : array<f32, ${STAGE * TILE}>;
      var<workgroup> ecgFgDy : array<f32, ${STAGE * TILE}>;
      fn main(index : i32) {
        let lid = i32(localId.x);
        let tx = lid % 8;
        let ty = lid / 8;
        let n0 = i32(workgroupId.x) * ${TILE};
        let m0 = i32(workgroupId.y) * ${TILE};
        let split = i32(workgroupId.z);
        let mRows = uniforms.kSize * uniforms.cIn;
        let rBegin = split * uniforms.chunkStages * ${STAGE};
        let rEnd = min(rBegin + uniforms.chunkStages * ${STAGE}, uniforms.rows);
        let col = lid % ${TILE};
        let mLoad = m0 + col;
        let kLoad = mLoad / uniforms.cIn;
        let ciLoad = mLoad % uniforms.cIn;
        let nLoad = n0 + col;
        var acc : array<f32, 16>;
        for (var c = 0; c < uniforms.chunkStages; c = c + 1) {
          for (var e = lid; e < ${STAGE * TILE}; e = e + ${THREADS}) {
            let rr = e / ${TILE};
            let r = rBegin + c * ${STAGE} + rr;
            var xv = 0.0;
            var dv = 0.0;
            if (r < rEnd) {
              let b = r / uniforms.outW;
              let t = r - b * uniforms.outW;
              let ti = t * uniforms.convStride - uniforms.convPad + kLoad;
              if (mLoad < mRows && ti >= 0 && ti < uniforms.inW) {
                xv = x[(b * uniforms.inW + ti) * uniforms.cIn + ciLoad];
              }
              if (nLoad < uniforms.cOut) {
                dv = dy[r * uniforms.cOut + nLoad];
              }
            }
            ecgFgX[e] = xv;
            ecgFgDy[e] = dv;
          }
          workgroupBarrier();
          for (var j = 0; j < ${STAGE}; j = j + 1) {
            let xa = vec4<f32>(ecgFgX[j * ${TILE} + ty], ecgFgX[j * ${TILE} + ty + 8], ecgFgX[j * ${TILE} + ty + 16], ecgFgX[j * ${TILE} + ty + 24]);
            let da = vec4<f32>(ecgFgDy[j * ${TILE} + tx], ecgFgDy[j * ${TILE} + tx + 8], ecgFgDy[j * ${TILE} + tx + 16], ecgFgDy[j * ${TILE} + tx + 24]);
            for (var i = 0; i < 4; i = i + 1) {
              acc[i * 4] = acc[i * 4] + xa[i] * da.x;
              acc[i * 4 + 1] = acc[i * 4 + 1] + xa[i] * da.y;
              acc[i * 4 + 2] = acc[i * 4 + 2] + xa[i] * da.z;
              acc[i * 4 + 3] = acc[i * 4 + 3] + xa[i] * da.w;
            }
          }
          workgroupBarrier();
        }
        for (var i = 0; i < 4; i = i + 1) {
          let m = m0 + ty + 8 * i;
          for (var jj = 0; jj < 4; jj = jj + 1) {
            let n = n0 + tx + 8 * jj;
            if (m < mRows && n < uniforms.cOut) {
              setOutputAtIndex((split * mRows + m) * uniforms.cOut + n, acc[i * 4 + jj]);
            }
          }
        }
      }
    `;
  }
}

/** Adds the partial sums over the splits: output = the filter shape. */
export class SplitSumProgram {
  readonly variableNames = ['partial'];
  readonly uniforms = 'splits : i32,';
  readonly workgroupSize: [number, number, number] = [64, 1, 1];
  readonly size = true;
  readonly outputShape: number[];
  readonly dispatchLayout: { x: number[] };
  readonly dispatch: [number, number, number];
  readonly shaderKey = 'ecgSplitSum';

  constructor(outShape: number[]) {
    this.outputShape = outShape;
    this.dispatchLayout = { x: outShape.map((_, i) => i) };
    const groups = Math.ceil(outShape.reduce((a, b) => a * b, 1) / 64);
    const gx = groups <= MAX_GROUPS ? groups : Math.ceil(Math.sqrt(groups));
    this.dispatch = [gx, Math.ceil(groups / gx), 1];
  }

  getUserCode(): string {
    return `
      fn main(index : i32) {
        if (index < uniforms.size) {
          var acc = 0.0;
          for (var s = 0; s < uniforms.splits; s = s + 1) {
            acc = acc + partial[s * uniforms.size + index];
          }
          setOutputAtIndex(index, acc);
        }
      }
    `;
  }
}

let calls = 0;
/** How many filter gradients this kernel has computed (tests check that it, not the stock kernel, ran). */
export function webgpuConv1dFilterGradCalls(): number {
  return calls;
}

const conv2dBackpropFilter: KernelFunc = (args) => {
  const { x, dy } = args.inputs as { x: TensorInfo; dy: TensorInfo };
  const attrs = args.attrs as unknown as ConvGradAttrs & { filterShape: number[] };
  const info = x.dtype === 'float32' && dy.dtype === 'float32' ? oneRowConvInfo(x.shape, attrs.filterShape, attrs) : null;
  const mRows = info ? info.filterWidth * info.inChannels : 0;
  if (!info || dy.shape.join() !== info.outShape.join() || Math.ceil(mRows / TILE) > MAX_GROUPS) return stockCall('Conv2DBackpropFilter', args);
  calls++;
  const backend = args.backend as unknown as WebGpuBackendLike;
  const rows = info.batchSize * info.outWidth;
  const { splits, chunkStages } = filterGradSplit(rows, Math.ceil(mRows / TILE) * Math.ceil(info.outChannels / TILE));
  const uniforms = int32Uniforms([info.padInfo.left, info.strideWidth, info.filterWidth, info.inChannels, info.inWidth, info.outChannels, info.outWidth, rows, chunkStages]);
  const shape = [1, info.filterWidth, info.inChannels, info.outChannels];
  if (splits === 1) return backend.runWebGPUProgram(new Conv1dFilterGradProgram(shape, mRows, info.outChannels, 1), [x, dy], 'float32', uniforms);
  const partial = backend.runWebGPUProgram(new Conv1dFilterGradProgram([splits, info.filterWidth, info.inChannels, info.outChannels], mRows, info.outChannels, splits), [x, dy], 'float32', uniforms);
  const out = backend.runWebGPUProgram(new SplitSumProgram(shape), [partial], 'float32', int32Uniforms([splits]));
  backend.disposeData(partial.dataId);
  return out;
};

export const conv1dFilterGradKernels: KernelConfig[] = [{ kernelName: 'Conv2DBackpropFilter', backendName: 'webgpu', kernelFunc: conv2dBackpropFilter }];
