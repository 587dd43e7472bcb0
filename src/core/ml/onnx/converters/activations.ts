/** tfjs activations (by their serialised names) as ONNX ops, and the activation layers. */
import { onnxAxis, type GraphBuilder } from '../graph';
import { registerLayerConverter, type LayerContext } from '../registry';

/** ONNX recurrent-op activation names of the tfjs activations an LSTM/GRU/SimpleRNN may use. */
export const RNN_ACTIVATIONS: Record<string, { op: string; alpha?: number; beta?: number }> = {
  tanh: { op: 'Tanh' },
  sigmoid: { op: 'Sigmoid' },
  hardSigmoid: { op: 'HardSigmoid', alpha: 0.2, beta: 0.5 },
  relu: { op: 'Relu' },
  linear: { op: 'Affine', alpha: 1, beta: 0 },
  softsign: { op: 'Softsign' },
  softplus: { op: 'Softplus' },
  elu: { op: 'Elu', alpha: 1 },
};

/**
 * Emits `activation` applied to `x` (a value of tfjs rank `rank`); returns the output name, `x` itself for
 * 'linear'. Returns undefined for an activation it does not know.
 */
export function activation(g: GraphBuilder, x: string, name: string, rank: number, base: string): string | undefined {
  const sig = (v: string) => g.op('Sigmoid', [v], `${base}_sigmoid`);
  switch (name) {
    case 'linear':
      return x;
    case 'relu':
      return g.op('Relu', [x], base);
    case 'relu6':
      return g.op('Clip', [x, g.floats(`${base}_min`, [], [0]), g.floats(`${base}_max`, [], [6])], base);
    case 'sigmoid':
      return g.op('Sigmoid', [x], base);
    case 'hardSigmoid':
      return g.op('HardSigmoid', [x], base, { alpha: { float: 0.2 }, beta: { float: 0.5 } });
    case 'tanh':
      return g.op('Tanh', [x], base);
    case 'softmax':
      return g.op('Softmax', [x], base, { axis: onnxAxis(-1, rank) });
    case 'logSoftmax':
      return g.op('LogSoftmax', [x], base, { axis: onnxAxis(-1, rank) });
    case 'elu':
      return g.op('Elu', [x], base, { alpha: { float: 1 } });
    case 'selu':
      return g.op('Selu', [x], base);
    case 'softplus':
      return g.op('Softplus', [x], base);
    case 'softsign':
      return g.op('Softsign', [x], base);
    case 'swish':
      return g.op('Mul', [x, sig(x)], base);
    case 'mish':
      return g.op('Mul', [x, g.op('Tanh', [g.op('Softplus', [x], `${base}_softplus`)], `${base}_tanh`)], base);
    case 'gelu': {
      // 0.5 · x · (1 + erf(x / √2)), as tfjs computes it
      const erf = g.op('Erf', [g.op('Div', [x, g.floats(`${base}_sqrt2`, [], [Math.SQRT2])], `${base}_scaled`)], `${base}_erf`);
      const onePlus = g.op('Add', [erf, g.floats(`${base}_one`, [], [1])], `${base}_cdf1`);
      return g.op('Mul', [g.op('Mul', [x, onePlus], `${base}_xcdf`), g.floats(`${base}_half`, [], [0.5])], base);
    }
    case 'gelu_new': {
      // 0.5 · x · (1 + tanh(√(2/π) · (x + 0.044715 x³)))
      const x3 = g.op('Mul', [g.op('Mul', [x, x], `${base}_x2`), x], `${base}_x3`);
      const inner = g.op('Add', [x, g.op('Mul', [x3, g.floats(`${base}_c`, [], [0.044715])], `${base}_cx3`)], `${base}_inner`);
      const t = g.op('Tanh', [g.op('Mul', [inner, g.floats(`${base}_k`, [], [Math.sqrt(2 / Math.PI)])], `${base}_kinner`)], `${base}_tanh`);
      const onePlus = g.op('Add', [t, g.floats(`${base}_one`, [], [1])], `${base}_1pt`);
      return g.op('Mul', [g.op('Mul', [x, onePlus], `${base}_x1pt`), g.floats(`${base}_half`, [], [0.5])], base);
    }
    default:
      return undefined;
  }
}

/** The layer's `activation` config applied to `x` (throws naming the layer for an unknown activation). */
export function layerActivation(ctx: LayerContext, x: string, rank: number): string {
  const name = String(ctx.config.activation ?? 'linear');
  const y = activation(ctx.g, x, name, rank, `${ctx.name}_${name}`);
  if (y === undefined) ctx.unsupported(`activation "${name}" has no ONNX mapping`);
  return y;
}

registerLayerConverter('Activation', (ctx) => layerActivation(ctx, ctx.inputs[0].name, ctx.inputs[0].shape.length));

registerLayerConverter('ReLU', (ctx) => {
  const x = ctx.inputs[0].name;
  const max = ctx.config.maxValue as number | null | undefined;
  if (max === null || max === undefined) return ctx.g.op('Relu', [x], ctx.name);
  return ctx.g.op('Clip', [x, ctx.g.floats(`${ctx.name}_min`, [], [0]), ctx.g.floats(`${ctx.name}_max`, [], [max])], ctx.name);
});

registerLayerConverter('LeakyReLU', (ctx) => ctx.g.op('LeakyRelu', [ctx.inputs[0].name], ctx.name, { alpha: { float: Number(ctx.config.alpha ?? 0.3) } }));

registerLayerConverter('ELU', (ctx) => ctx.g.op('Elu', [ctx.inputs[0].name], ctx.name, { alpha: { float: Number(ctx.config.alpha ?? 1) } }));

registerLayerConverter('Softmax', (ctx) => {
  const rank = ctx.inputs[0].shape.length;
  const axis = ctx.config.axis as number | number[] | undefined;
  const a = Array.isArray(axis) ? axis : [axis ?? -1];
  if (a.length !== 1) ctx.unsupported('softmax over several axes');
  return ctx.g.op('Softmax', [ctx.inputs[0].name], ctx.name, { axis: onnxAxis(a[0], rank) });
});
