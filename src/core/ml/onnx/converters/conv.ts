/** Conv1D / Conv2D (channels last in tfjs) as ONNX Conv on the channels-first graph values. */
import { intList, registerLayerConverter, type LayerContext } from '../registry';
import { layerActivation } from './activations';
import { permute } from './weights';

/**
 * ONNX pads [begin…, end…] reproducing tfjs padding for the given input sizes ('same' needs them known).
 * tfjs 'same': total = max((ceil(L/s) − 1)·s + (k − 1)·d + 1 − L, 0), the odd one at the end.
 */
export function tfPads(ctx: LayerContext, padding: string, sizes: (number | null)[], kernel: number[], strides: number[], dilations: number[]): number[] {
  const n = sizes.length;
  const begin = new Array<number>(n).fill(0);
  const end = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    const span = (kernel[i] - 1) * dilations[i] + 1;
    if (padding === 'valid') continue;
    if (padding !== 'same') ctx.unsupported(`padding "${padding}"`);
    const L = sizes[i];
    if (L === null) ctx.unsupported(`'same' padding needs a known input length`);
    const total = Math.max((Math.ceil(L / strides[i]) - 1) * strides[i] + span - L, 0);
    begin[i] = Math.floor(total / 2);
    end[i] = total - begin[i];
  }
  return [...begin, ...end];
}

function convert(ctx: LayerContext): string {
  const c = ctx.config;
  const x = ctx.inputs[0];
  const spatial = x.shape.slice(1, -1);
  const n = spatial.length;
  if (c.dataFormat !== undefined && c.dataFormat !== 'channelsLast') ctx.unsupported(`dataFormat "${String(c.dataFormat)}"`);
  const kernel = intList(c.kernelSize, n, 'kernelSize');
  const strides = intList(c.strides ?? 1, n, 'strides');
  const dilations = intList(c.dilationRate ?? 1, n, 'dilationRate');
  const k = ctx.needWeight('kernel');
  // tfjs kernel [...spatial, cIn, cOut] → ONNX W [cOut, cIn, ...spatial]
  const w = permute(k.data, k.shape, [n + 1, n, ...Array.from({ length: n }, (_, i) => i)]);
  const inputs = [x.name, ctx.g.floats(`${ctx.name}_W`, w.shape, w.data)];
  const b = c.useBias === false ? undefined : ctx.weight('bias');
  if (b) inputs.push(ctx.g.floats(`${ctx.name}_B`, b.shape, b.data));
  const y = ctx.g.op('Conv', inputs, activationFree(ctx) ? ctx.name : `${ctx.name}_conv`, {
    kernel_shape: kernel,
    strides,
    dilations,
    pads: tfPads(ctx, String(c.padding ?? 'valid'), spatial, kernel, strides, dilations),
    group: 1,
  });
  return layerActivation(ctx, y, x.shape.length);
}

const activationFree = (ctx: LayerContext) => (ctx.config.activation ?? 'linear') === 'linear';

registerLayerConverter('Conv1D', convert);
registerLayerConverter('Conv2D', convert);
