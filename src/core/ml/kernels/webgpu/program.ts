/**
 * What the webgpu kernels here share: the structural type of the tfjs-webgpu backend they call (nothing imports
 * tfjs-backend-webgpu: core may run in Node) and the uniform helpers.
 */
import { backend_util, type DataId, type TensorInfo } from '@tensorflow/tfjs-core';

export type Uniform = { type: 'int32' | 'float32'; data: number[] };

/** The part of tfjs-webgpu's WebGPUBackend these kernels use. */
export interface WebGpuBackendLike {
  runWebGPUProgram(program: object, inputs: TensorInfo[], outputDtype: 'float32', uniforms?: Uniform[]): TensorInfo;
  disposeData(dataId: DataId): boolean;
}

/** WebGPU's minimum guaranteed maxComputeWorkgroupsPerDimension. */
export const MAX_GROUPS = 65535;

export function int32Uniforms(values: number[]): Uniform[] {
  return values.map((v) => ({ type: 'int32', data: [v] }));
}

type Shape4 = [number, number, number, number];

/** The attributes tfjs passes to Conv2DBackpropFilter / Conv2DBackpropInput (dilations are always 1 there). */
export interface ConvGradAttrs {
  strides: number | [number, number];
  pad: 'valid' | 'same' | number | backend_util.ExplicitPadding;
  dataFormat?: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/**
 * The geometry of a one-row NHWC float32 convolution (x [B, 1, W, Cin], filter [1, K, Cin, Cout], one output
 * row, no top padding, left padding ≥ 0), or null when the stock kernel should run.
 */
export function oneRowConvInfo(xShape: readonly number[], filterShape: readonly number[], attrs: ConvGradAttrs): backend_util.Conv2DInfo | null {
  if ((attrs.dataFormat ?? 'NHWC') !== 'NHWC' || xShape.length !== 4 || filterShape.length !== 4) return null;
  if (xShape[1] !== 1 || filterShape[0] !== 1 || xShape[3] !== filterShape[2]) return null;
  const info = backend_util.computeConv2DInfo([...xShape] as Shape4, [...filterShape] as Shape4, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode, false, 'channelsLast');
  if (info.outHeight !== 1 || info.padInfo.top !== 0 || info.padInfo.left < 0 || info.outWidth < 1) return null;
  return info;
}
