/** Local and global pooling (1-D and 2-D) on the channels-first graph values. */
import { intList, registerLayerConverter, type LayerContext } from '../registry';
import { tfPads } from './conv';

function localPool(op: 'MaxPool' | 'AveragePool') {
  return (ctx: LayerContext): string => {
    const c = ctx.config;
    const x = ctx.inputs[0];
    const spatial = x.shape.slice(1, -1);
    const n = spatial.length;
    if (c.dataFormat !== undefined && c.dataFormat !== 'channelsLast') ctx.unsupported(`dataFormat "${String(c.dataFormat)}"`);
    const kernel = intList(c.poolSize, n, 'poolSize');
    const strides = intList(c.strides ?? c.poolSize, n, 'strides');
    const pads = tfPads(ctx, String(c.padding ?? 'valid'), spatial, kernel, strides, Array(n).fill(1));
    // tfjs averages over the window's valid samples only (count_include_pad 0, the ONNX default)
    return ctx.g.op(op, [x.name], ctx.name, { kernel_shape: kernel, strides, pads, ...(op === 'AveragePool' ? { count_include_pad: 0 } : {}) });
  };
}

function globalPool(op: 'ReduceMean' | 'ReduceMax') {
  return (ctx: LayerContext): string => {
    const x = ctx.inputs[0];
    if (ctx.config.dataFormat !== undefined && ctx.config.dataFormat !== 'channelsLast') ctx.unsupported(`dataFormat "${String(ctx.config.dataFormat)}"`);
    const keep = ctx.config.keepDims === true;
    if (keep) ctx.unsupported('keepDims');
    const axes = Array.from({ length: x.shape.length - 2 }, (_, i) => i + 2);
    return ctx.g.op(op, [x.name], ctx.name, { axes, keepdims: 0 });
  };
}

registerLayerConverter('MaxPooling1D', localPool('MaxPool'));
registerLayerConverter('MaxPooling2D', localPool('MaxPool'));
registerLayerConverter('AveragePooling1D', localPool('AveragePool'));
registerLayerConverter('AveragePooling2D', localPool('AveragePool'));
registerLayerConverter('GlobalAveragePooling1D', globalPool('ReduceMean'));
registerLayerConverter('GlobalAveragePooling2D', globalPool('ReduceMean'));
registerLayerConverter('GlobalMaxPooling1D', globalPool('ReduceMax'));
registerLayerConverter('GlobalMaxPooling2D', globalPool('ReduceMax'));
