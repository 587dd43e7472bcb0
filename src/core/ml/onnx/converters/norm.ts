/** BatchNormalization (inference: moving statistics) and LayerNormalization. */
import { onnxAxis, toTfPerm, fromTfPerm } from '../graph';
import { registerLayerConverter } from '../registry';

const fill = (n: number, v: number) => new Float32Array(n).fill(v);

registerLayerConverter('BatchNormalization', (ctx) => {
  const x = ctx.inputs[0];
  const rank = x.shape.length;
  const axis = ctx.config.axis as number | number[];
  if (Array.isArray(axis) || onnxAxis(axis, rank) !== 1) ctx.unsupported(`axis ${JSON.stringify(axis)} (only the channel axis)`);
  const mean = ctx.needWeight('moving_mean');
  const variance = ctx.needWeight('moving_variance');
  const C = mean.data.length;
  const gamma = ctx.weight('gamma')?.data ?? fill(C, 1);
  const beta = ctx.weight('beta')?.data ?? fill(C, 0);
  const g = ctx.g;
  return g.op(
    'BatchNormalization',
    [x.name, g.floats(`${ctx.name}_scale`, [C], gamma), g.floats(`${ctx.name}_B`, [C], beta), g.floats(`${ctx.name}_mean`, [C], mean.data), g.floats(`${ctx.name}_var`, [C], variance.data)],
    ctx.name,
    { epsilon: { float: Number(ctx.config.epsilon ?? 1e-3) } },
  );
});

registerLayerConverter('LayerNormalization', (ctx) => {
  const x = ctx.inputs[0];
  const rank = x.shape.length;
  const axis = ctx.config.axis as number | number[];
  const axes = (Array.isArray(axis) ? axis : [axis]).map((a) => (a < 0 ? a + rank : a));
  if (axes.length !== 1 || axes[0] !== rank - 1) ctx.unsupported(`axis ${JSON.stringify(axis)} (only the last axis)`);
  const C = x.shape[rank - 1]!;
  const g = ctx.g;
  const t = g.transpose(x.name, toTfPerm(rank), `${ctx.name}_in`);
  const scale = ctx.config.scale === false ? fill(C, 1) : ctx.needWeight('gamma').data;
  const inputs = [t, g.floats(`${ctx.name}_scale`, [C], scale)];
  if (ctx.config.center !== false) inputs.push(g.floats(`${ctx.name}_B`, [C], ctx.needWeight('beta').data));
  const y = g.op('LayerNormalization', inputs, rank < 3 ? ctx.name : `${ctx.name}_ln`, { axis: -1, epsilon: { float: Number(ctx.config.epsilon ?? 1e-3) } });
  return g.transpose(y, fromTfPerm(rank), ctx.name);
});
