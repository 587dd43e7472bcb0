/**
 * A direct 1-D convolution for the tfjs 'webgpu' backend: Conv2D and FusedConv2D (bias, ReLU) when the input is
 * one row (NHWC with H = 1, the shape tf.conv1d and tfjs-layers' Conv1D produce) and the filter one row.
 * tfjs-webgpu's generic path (Conv2DMMProgram) treats these as an implicit GEMM with 2-D index arithmetic per
 * element; this shader walks the time axis and input channels directly: one invocation per output element,
 * consecutive invocations on consecutive output channels, so filter reads are contiguous and the input sample
 * is shared. Every other shape (2-D convs, NCHW, other activations) goes to the stock kernel.
 *
 * Nothing here imports tfjs-backend-webgpu (core may run in Node): the program is the plain object the
 * backend's `runWebGPUProgram` reads, and the backend is typed structurally.
 */
import { backend_util, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import { int32Uniforms, MAX_GROUPS, type WebGpuBackendLike } from './program';
import { stockCall } from './stock';

const WORKGROUP = 64;

/** The program object tfjs-webgpu compiles (its WebGPUProgram interface, structurally). */
export class Conv1dProgram {
  readonly variableNames: string[];
  readonly uniforms = 'convPad : i32, convStride : i32, convDilation : i32, kSize : i32, cIn : i32, inW : i32, cOut : i32, outW : i32,';
  readonly workgroupSize: [number, number, number] = [WORKGROUP, 1, 1];
  readonly size = true;
  readonly outputShape: number[];
  readonly dispatchLayout: { x: number[] };
  readonly dispatch: [number, number, number];
  readonly shaderKey: string;

  constructor(outShape: number[], private readonly bias: boolean, private readonly relu: boolean) {
    this.outputShape = outShape;
    this.variableNames = bias ? ['x', 'W', 'bias'] : ['x', 'W'];
    this.dispatchLayout = { x: outShape.map((_, i) => i) };
    const groups = Math.ceil(outShape.reduce((a, b) => a * b, 1) / WORKGROUP);
    // past the per-dimension limit the groups spread over y (tfjs's global index then counts workgroup ids)
    const gx = groups <= MAX_GROUPS ? groups : Math.ceil(Math.sqrt(groups));
    this.dispatch = [gx, Math.ceil(groups / gx), 1];
    this.shaderKey = `ecgConv1d_${bias}_${relu}`;
  }

  getUserCode(): string {
    return `
      fn main(index : i32) {
        if (index < uniforms.size) {
          let co = index % uniforms.cOut;
          let rest = index / uniforms.cOut;
          let t = rest % uniforms.outW;
          let b = rest / uniforms.outW;
          let t0 = t * uniforms.convStride - uniforms.convPad;
          var acc = 0.0;
          for (var k = 0; k < uniforms.kSize; k = k + 1) {
            let ti = t0 + k * uniforms.convDilation;
            if (ti >= 0 && ti < uniforms.inW) {
              let xb = (b * uniforms.inW + ti) * uniforms.cIn;
              let wb = k * uniforms.cIn * uniforms.cOut + co;
              for (var ci = 0; ci < uniforms.cIn; ci = ci + 1) {
                acc = acc + x[xb + ci] * W[wb + ci * uniforms.cOut];
              }
            }
          }
          ${this.bias ? 'acc = acc + bias[co];' : ''}
          ${this.relu ? 'acc = max(acc, 0.0);' : ''}
          setOutputAtIndex(index, acc);
        }
      }
    `;
  }
}

export interface ConvAttrs {
  strides: number | [number, number];
  pad: 'valid' | 'same' | number | backend_util.ExplicitPadding;
  dataFormat?: 'NHWC' | 'NCHW';
  dilations?: number | [number, number];
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  activation?: string;
}

/** The 1-D geometry, or null when the stock kernel should run. */
export function conv1dInfo(x: TensorInfo, filter: TensorInfo, attrs: ConvAttrs): backend_util.Conv2DInfo | null {
  if ((attrs.dataFormat ?? 'NHWC') !== 'NHWC' || x.dtype !== 'float32' || filter.dtype !== 'float32') return null;
  if (x.shape.length !== 4 || filter.shape.length !== 4 || x.shape[1] !== 1 || filter.shape[0] !== 1) return null;
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filter.shape as [number, number, number, number],
    attrs.strides,
    attrs.dilations ?? 1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    'channelsLast',
  );
  return info.outHeight === 1 && info.padInfo.top === 0 ? info : null;
}

let calls = 0;
/** How many convolutions this kernel has run (tests check that it, not the stock kernel, ran). */
export function webgpuConv1dCalls(): number {
  return calls;
}

function run(backend: WebGpuBackendLike, x: TensorInfo, filter: TensorInfo, bias: TensorInfo | undefined, relu: boolean, info: backend_util.Conv2DInfo): TensorInfo {
  calls++;
  const program = new Conv1dProgram(info.outShape, !!bias, relu);
  const uniforms = int32Uniforms([info.padInfo.left, info.strideWidth, info.dilationWidth, info.filterWidth, info.inChannels, info.inWidth, info.outChannels, info.outWidth]);
  return backend.runWebGPUProgram(program, bias ? [x, filter, bias] : [x, filter], 'float32', uniforms);
}

const conv2d: KernelFunc = (args) => {
  const { x, filter } = args.inputs as { x: TensorInfo; filter: TensorInfo };
  const info = conv1dInfo(x, filter, args.attrs as unknown as ConvAttrs);
  return info ? run(args.backend as unknown as WebGpuBackendLike, x, filter, undefined, false, info) : stockCall('Conv2D', args);
};

const fusedConv2d: KernelFunc = (args) => {
  const { x, filter, bias, preluActivationWeights } = args.inputs as { x: TensorInfo; filter: TensorInfo; bias?: TensorInfo; preluActivationWeights?: TensorInfo };
  const attrs = args.attrs as unknown as ConvAttrs;
  const act = attrs.activation ?? 'linear';
  const info = conv1dInfo(x, filter, attrs);
  const biasOk = !bias || (bias.shape.length === 1 && info !== null && bias.shape[0] === info.outChannels);
  if (!info || preluActivationWeights || !biasOk || (act !== 'linear' && act !== 'relu')) return stockCall('FusedConv2D', args);
  return run(args.backend as unknown as WebGpuBackendLike, x, filter, bias, act === 'relu', info);
};

/** The forward kernels (registered by register.ts). */
export const conv1dKernels: KernelConfig[] = [
  { kernelName: 'Conv2D', backendName: 'webgpu', kernelFunc: conv2d },
  { kernelName: 'FusedConv2D', backendName: 'webgpu', kernelFunc: fusedConv2d },
];
