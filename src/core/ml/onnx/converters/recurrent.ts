/**
 * LSTM, GRU and SimpleRNN as the ONNX recurrent ops (one direction, zero initial state).
 * Gate orders: tfjs LSTM kernels are [i, f, c, o] blocks, ONNX LSTM wants [i, o, f, c]; GRU is [z, r, h] in both
 * (tfjs GRU resets before the recurrent matmul: ONNX linear_before_reset 0). tfjs adds one bias (to the input
 * part); the ONNX recurrence bias Rb is zero. The recurrent activation (tfjs default hardSigmoid, 0.2·x + 0.5)
 * becomes the ONNX gate activation with its alpha/beta.
 */
import type { OnnxAttr } from '../onnxProto';
import { registerLayerConverter, type LayerContext } from '../registry';
import { RNN_ACTIVATIONS } from './activations';
import { permute, reorderGates } from './weights';

interface RnnKind {
  op: 'LSTM' | 'GRU' | 'RNN';
  /** tfjs gate block for each ONNX gate block. */
  gates: number[];
  /** tfjs config keys of the ONNX activation list, in order. */
  activations: ('recurrentActivation' | 'activation')[];
}

const KINDS: Record<string, RnnKind> = {
  LSTM: { op: 'LSTM', gates: [0, 3, 1, 2], activations: ['recurrentActivation', 'activation', 'activation'] },
  GRU: { op: 'GRU', gates: [0, 1, 2], activations: ['recurrentActivation', 'activation'] },
  SimpleRNN: { op: 'RNN', gates: [0], activations: ['activation'] },
};

const DEFAULTS: Record<string, string> = { recurrentActivation: 'hardSigmoid', activation: 'tanh' };

function convert(kind: RnnKind) {
  return (ctx: LayerContext): string => {
    const c = ctx.config;
    const x = ctx.inputs[0];
    if (x.shape.length !== 3) ctx.unsupported(`input of rank ${x.shape.length}`);
    if (c.returnState) ctx.unsupported('returnState');
    if (c.stateful) ctx.unsupported('stateful');
    if (c.goBackwards && c.returnSequences) ctx.unsupported('goBackwards with returnSequences');
    if (c.resetAfter) ctx.unsupported('resetAfter');
    const U = Number(c.units);
    const nG = kind.gates.length;
    const g = ctx.g;
    const acts = kind.activations.map((key) => {
      const name = String(c[key] ?? DEFAULTS[key]);
      const a = RNN_ACTIVATIONS[name];
      if (!a) ctx.unsupported(`${key} "${name}" has no ONNX recurrent mapping`);
      return a;
    });
    const k = ctx.needWeight('kernel');
    const r = ctx.needWeight('recurrent_kernel');
    const Cin = k.shape[0];
    // [Cin, nG·U] → gates reordered → [1, nG·U, Cin]
    const W = permute(reorderGates(k.data, Cin, U, kind.gates), [Cin, nG * U], [1, 0]);
    const R = permute(reorderGates(r.data, U, U, kind.gates), [U, nG * U], [1, 0]);
    const B = new Float32Array(2 * nG * U);
    const bias = c.useBias === false ? undefined : ctx.weight('bias');
    if (bias) B.set(reorderGates(bias.data, 1, U, kind.gates));
    // channels-first [N, C, T] → ONNX sequence layout [T, N, C]
    const seq = g.transpose(x.name, [2, 0, 1], `${ctx.name}_seq`);
    const attrs: Record<string, OnnxAttr> = {
      hidden_size: U,
      direction: c.goBackwards ? 'reverse' : 'forward',
      activations: acts.map((a) => a.op),
    };
    const alphas = acts.filter((a) => a.alpha !== undefined).map((a) => a.alpha!);
    const betas = acts.filter((a) => a.beta !== undefined).map((a) => a.beta!);
    if (alphas.length) attrs.activation_alpha = { floats: alphas };
    if (betas.length) attrs.activation_beta = { floats: betas };
    if (kind.op === 'GRU') attrs.linear_before_reset = 0;
    const inputs = [seq, g.floats(`${ctx.name}_W`, [1, ...W.shape], W.data), g.floats(`${ctx.name}_R`, [1, ...R.shape], R.data), g.floats(`${ctx.name}_B`, [1, 2 * nG * U], B)];
    const [Y, Yh] = g.ops(kind.op, inputs, ctx.name, attrs, 2);
    if (!c.returnSequences) return g.op('Squeeze', [Yh, g.int64s(`${ctx.name}_axis0`, [0])], `${ctx.name}_h`);
    // Y [T, 1, N, U] → [T, N, U] → channels first [N, U, T]
    const y = g.op('Squeeze', [Y, g.int64s(`${ctx.name}_axis1`, [1])], `${ctx.name}_y`);
    return g.transpose(y, [1, 2, 0], `${ctx.name}_out`);
  };
}

for (const [cls, kind] of Object.entries(KINDS)) registerLayerConverter(cls, convert(kind));
