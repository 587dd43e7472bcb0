/**
 * The input gradient of a one-row convolution for the tfjs 'webgpu' backend (Conv2DBackpropInput, also what
 * conv2dTranspose runs): a transposed 1-D convolution,
 * dx[b, ti, ci] = Σ over k and co of dy[b, t, co] · W[k, ci, co] where t·stride − pad + k = ti.
 *
 * tfjs-webgpu's stock kernel (Conv2DDerInputMMProgram) runs it as an implicit GEMM over all K × Cout taps with
 * 2-D index arithmetic and a float division per tap to find t; at stride 2 half of those taps are zero. Here an
 * invocation visits only the taps with an integer t: k ≡ ti + pad (mod stride), from the largest t down,
 * stopping when t drops below 0. Each invocation computes 4 consecutive input channels of one dx position (when
 * Cin is a multiple of 4; else 1), so one dy read feeds 4 multiply-adds, and reads their weights side by side from the
 * filter transposed to [K, Cout, Cin] by a first small pass; neighbouring invocations read neighbouring weights.
 * Every other shape (2-D, NCHW, non-float32) goes to the stock kernel.
 */
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { int32Uniforms, MAX_GROUPS, oneRowConvInfo, type ConvGradAttrs, type WebGpuBackendLike } from './program';
import { stockCall } from './stock';

const WORKGROUP = 64;

/** dx, each invocation `per` (4 when Cin allows, else 1) consecutive input channels of one (b, ti). */
export class Conv1dInputGradProgram {
  readonly variableNames = ['dy', 'WT'];
  readonly uniforms = 'convPad : i32, convStride : i32, kSize : i32, cIn : i32, inW : i32, cOut : i32, outW : i32, count : i32,';
  readonly workgroupSize: [number, number, number] = [WORKGROUP, 1, 1];
  readonly size = false;
  readonly outputShape: number[];
  readonly dispatchLayout: { x: number[] };
  readonly dispatch: [number, number, number];
  readonly shaderKey: string;
  /** Invocations: one per `per` outputs. */
  readonly count: number;

  constructor(inShape: number[], private readonly per: 1 | 4) {
    this.outputShape = inShape;
    this.dispatchLayout = { x: inShape.map((_, i) => i) };
    this.count = inShape.reduce((a, b) => a * b, 1) / per;
    const groups = Math.ceil(this.count / WORKGROUP);
    const gx = groups <= MAX_GROUPS ? groups : Math.ceil(Math.sqrt(groups));
    this.dispatch = [gx, Math.ceil(groups / gx), 1];
    this.shaderKey = `ecgConv1dInputGrad_${per}`;
  }

  getUserCode(): string {
    const p = this.per;
    const acc = p === 4 ? 'vec4<f32>(0.0)' : '0.0';
    const w = p === 4 ? 'vec4<f32>(WT[wb], WT[wb + 1], WT[wb + 2], WT[wb + 3])' : 'WT[wb]';
    const store = p === 4 ? 'for (var j = 0; j < 4; j = j + 1) { setOutputAtIndex(index * 4 + j, acc[j]); }' : 'setOutputAtIndex(index, acc);';
    return `
      fn main(index : i32) {
        if (index < uniforms.count) {
          let groupsPerRow = uniforms.cIn / ${p};
          let ci = (index % groupsPerRow) * ${p};
          let rest = index / groupsPerRow;
          let ti = rest % uniforms.inW;
          let b = rest / uniforms.inW;
          let base = ti + uniforms.convPad;
          var acc = ${acc};
          for (var k = base % uniforms.convStride; k < uniforms.kSize; k = k + uniforms.convStride) {
            let t = (base - k) / uniforms.convStride;
            if (t < 0) {
              break;
            }
            if (t < uniforms.outW) {
              let db = (b * uniforms.outW + t) * uniforms.cOut;
              let wk = k * uniforms.cOut * uniforms.cIn + ci;
              for (var co = 0; co < uniforms.cOut; co = co + 1) {
                let wb = wk + co * uniforms.cIn;
                acc = acc + dy[db + co] * ${w};
              }
            }
          }
          ${store}
        }
      }
    `;
  }
}

/** The filter [1, K, Cin, Cout] as [1, K, Cout, Cin]. */
export class FilterTransposeProgram {
  readonly variableNames = ['W'];
  readonly uniforms = 'cIn : i32, cOut : i32,';
  readonly workgroupSize: [number, number, number] = [WORKGROUP, 1, 1];
  readonly size = true;
  readonly outputShape: number[];
  readonly dispatchLayout: { x: number[] };
  readonly dispatch: [number, number, number];
  readonly shaderKey = 'ecgFilterTranspose';

  constructor(outShape: number[]) {
    this.outputShape = outShape;
    this.dispatchLayout = { x: outShape.map((_, i) => i) };
    const groups = Math.ceil(outShape.reduce((a, b) => a * b, 1) / WORKGROUP);
    const gx = groups <= MAX_GROUPS ? groups : Math.ceil(Math.sqrt(groups));
    this.dispatch = [gx, Math.ceil(groups / gx), 1];
  }

  getUserCode(): string {
    return `
      fn main(index : i32) {
        if (index < uniforms.size) {
          let ci = index % uniforms.cIn;
          let rest = index / uniforms.cIn;
          let co = rest % uniforms.cOut;
          let k = rest / uniforms.cOut;
          setOutputAtIndex(index, W[(k * uniforms.cIn + ci) * uniforms.cOut + co]);
        }
      }
    `;
  }
}

let calls = 0;
/** How many input gradients this kernel has computed (tests check that it, not the stock kernel, ran). */
export function webgpuConv1dInputGradCalls(): number {
  return calls;
}

const conv2dBackpropInput: KernelFunc = (args) => {
  const { dy, filter } = args.inputs as { dy: TensorInfo; filter: TensorInfo };
  const attrs = args.attrs as unknown as ConvGradAttrs & { inputShape: number[] };
  const info = dy.dtype === 'float32' && filter.dtype === 'float32' ? oneRowConvInfo(attrs.inputShape, filter.shape, attrs) : null;
  if (!info || dy.shape.join() !== info.outShape.join()) return stockCall('Conv2DBackpropInput', args);
  calls++;
  const backend = args.backend as unknown as WebGpuBackendLike;
  const wt = backend.runWebGPUProgram(new FilterTransposeProgram([1, info.filterWidth, info.outChannels, info.inChannels]), [filter], 'float32', int32Uniforms([info.inChannels, info.outChannels]));
  const program = new Conv1dInputGradProgram(info.inShape, info.inChannels % 4 === 0 ? 4 : 1);
  const uniforms = int32Uniforms([info.padInfo.left, info.strideWidth, info.filterWidth, info.inChannels, info.inWidth, info.outChannels, info.outWidth, program.count]);
  const dx = backend.runWebGPUProgram(program, [dy, wt], 'float32', uniforms);
  backend.disposeData(wt.dataId);
  return dx;
};

export const conv1dInputGradKernels: KernelConfig[] = [{ kernelName: 'Conv2DBackpropInput', backendName: 'webgpu', kernelFunc: conv2dBackpropInput }];
