/** Dense, the identity layers of inference (dropout, noise), Flatten, Reshape and Permute. */
import { fromTfPerm, toTfPerm } from '../graph';
import { registerLayerConverter, type LayerContext } from '../registry';
import { layerActivation } from './activations';

registerLayerConverter('Dense', (ctx) => {
  const x = ctx.inputs[0];
  const rank = x.shape.length;
  const k = ctx.needWeight('kernel');
  const b = ctx.config.useBias === false ? undefined : ctx.weight('bias');
  const W = ctx.g.floats(`${ctx.name}_W`, k.shape, k.data);
  const linear = (ctx.config.activation ?? 'linear') === 'linear';
  let y: string;
  if (rank === 2) {
    const inputs = [x.name, W];
    if (b) inputs.push(ctx.g.floats(`${ctx.name}_B`, b.shape, b.data));
    y = ctx.g.op('Gemm', inputs, linear ? ctx.name : `${ctx.name}_gemm`);
  } else {
    // on sequences: in tfjs order, MatMul over the last axis, back to channels first
    const t = ctx.g.transpose(x.name, toTfPerm(rank), `${ctx.name}_in`);
    let z = ctx.g.op('MatMul', [t, W], `${ctx.name}_matmul`);
    if (b) z = ctx.g.op('Add', [z, ctx.g.floats(`${ctx.name}_B`, b.shape, b.data)], `${ctx.name}_bias`);
    y = ctx.g.transpose(z, fromTfPerm(rank), linear ? ctx.name : `${ctx.name}_out`);
  }
  return layerActivation(ctx, y, rank);
});

const identity = (ctx: LayerContext) => ctx.inputs[0].name;
for (const cls of ['Dropout', 'SpatialDropout1D', 'SpatialDropout2D', 'AlphaDropout', 'GaussianDropout', 'GaussianNoise', 'ActivityRegularization', 'Masking']) {
  registerLayerConverter(cls, cls === 'Masking' ? (ctx) => ctx.unsupported('masking') : identity);
}

/** Reshapes in tfjs order (row-major over the tfjs axes), returning a channels-first value of the output rank. */
function reshapeTf(ctx: LayerContext, target: number[]): string {
  const x = ctx.inputs[0];
  const t = ctx.g.transpose(x.name, toTfPerm(x.shape.length), `${ctx.name}_in`);
  const outRank = target.length + 1;
  const r = ctx.g.op('Reshape', [t, ctx.g.int64s(`${ctx.name}_shape`, [0, ...target])], outRank < 3 ? ctx.name : `${ctx.name}_reshape`);
  return ctx.g.transpose(r, fromTfPerm(outRank), ctx.name);
}

registerLayerConverter('Flatten', (ctx) => (ctx.inputs[0].shape.length <= 2 ? identity(ctx) : reshapeTf(ctx, [-1])));

registerLayerConverter('Reshape', (ctx) => {
  const target = ctx.config.targetShape as number[];
  return reshapeTf(ctx, target);
});

registerLayerConverter('Permute', (ctx) => {
  const x = ctx.inputs[0];
  const rank = x.shape.length;
  const dims = ctx.config.dims as number[];
  const t = ctx.g.transpose(x.name, toTfPerm(rank), `${ctx.name}_in`);
  const p = ctx.g.transpose(t, [0, ...dims], `${ctx.name}_perm`);
  return ctx.g.transpose(p, fromTfPerm(rank), ctx.name);
});
