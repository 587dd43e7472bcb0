/** Merge layers: element-wise (Add, Multiply, Average, Maximum, Minimum) and Concatenate. */
import { onnxAxis } from '../graph';
import { registerLayerConverter, type LayerContext } from '../registry';

const names = (ctx: LayerContext) => ctx.inputs.map((v) => v.name);

/** Two inputs: the binary op; more: the variadic one (ONNX Sum/Mean/Max/Min broadcast like tfjs). */
function elementwise(binary: string, variadic: string) {
  return (ctx: LayerContext): string => {
    const xs = names(ctx);
    if (xs.length >= 2) return ctx.g.op(xs.length === 2 ? binary : variadic, xs, ctx.name);
    ctx.unsupported(`${xs.length} inputs`);
  };
}

registerLayerConverter('Add', elementwise('Add', 'Sum'));
registerLayerConverter('Maximum', elementwise('Max', 'Max'));
registerLayerConverter('Minimum', elementwise('Min', 'Min'));
registerLayerConverter('Average', elementwise('Mean', 'Mean'));
registerLayerConverter('Multiply', (ctx) => {
  const xs = names(ctx);
  let y = xs[0];
  for (let i = 1; i < xs.length; i++) y = ctx.g.op('Mul', [y, xs[i]], i === xs.length - 1 ? ctx.name : `${ctx.name}_${i}`);
  return y;
});

registerLayerConverter('Concatenate', (ctx) => {
  const rank = ctx.inputs[0].shape.length;
  return ctx.g.op('Concat', names(ctx), ctx.name, { axis: onnxAxis(Number(ctx.config.axis ?? -1), rank) });
});
