/**
 * The zoo's transformer layers (src/core/ml/models/attention.ts, matched by class name and weight names):
 * EcgMultiHeadSelfAttention as MatMul / Softmax over [batch, heads, tokens, keyDim], EcgPositionEmbedding as an Add
 * of its [tokens, dim] table (transposed for the channels-first value).
 */
import { registerLayerConverter } from '../registry';
import { permute } from './weights';

registerLayerConverter('EcgMultiHeadSelfAttention', (ctx) => {
  const x = ctx.inputs[0];
  if (x.shape.length !== 3) ctx.unsupported(`input of rank ${x.shape.length}`);
  const H = Number(ctx.config.numHeads);
  const k = Number(ctx.config.keyDim);
  const g = ctx.g;
  const n = ctx.name;
  // channels-first [N, D, T] → tokens [N, T, D]
  const t = g.transpose(x.name, [0, 2, 1], `${n}_tokens`);
  const proj = (which: string, v: string) => {
    const w = ctx.needWeight(`${which}_kernel`);
    const b = ctx.needWeight(`${which}_bias`);
    return g.op('Add', [g.op('MatMul', [v, g.floats(`${n}_${which}_W`, w.shape, w.data)], `${n}_${which}_mm`), g.floats(`${n}_${which}_B`, b.shape, b.data)], `${n}_${which}`);
  };
  const split = g.int64s(`${n}_heads_shape`, [0, 0, H, k]);
  // [N, T, H·k] → [N, T, H, k] → perm
  const heads = (which: string, perm: number[]) => g.transpose(g.op('Reshape', [proj(which, t), split], `${n}_${which}_split`), perm, `${n}_${which}_heads`);
  const q = heads('query', [0, 2, 1, 3]); // [N, H, T, k]
  const kT = heads('key', [0, 2, 3, 1]); // [N, H, k, T]
  const v = heads('value', [0, 2, 1, 3]);
  const scores = g.op('Mul', [g.op('MatMul', [q, kT], `${n}_qk`), g.floats(`${n}_scale`, [], [1 / Math.sqrt(k)])], `${n}_scores`);
  const att = g.op('Softmax', [scores], `${n}_softmax`, { axis: -1 });
  const merged = g.transpose(g.op('MatMul', [att, v], `${n}_context`), [0, 2, 1, 3], `${n}_context_tokens`);
  const flat = g.op('Reshape', [merged, g.int64s(`${n}_merge_shape`, [0, 0, H * k])], `${n}_merged`);
  return g.transpose(proj('output', flat), [0, 2, 1], n);
});

registerLayerConverter('EcgPositionEmbedding', (ctx) => {
  const x = ctx.inputs[0];
  if (x.shape.length !== 3) ctx.unsupported(`input of rank ${x.shape.length}`);
  const e = ctx.needWeight('embeddings');
  const p = permute(e.data, e.shape, [1, 0]); // [T, D] → [D, T]
  return ctx.g.op('Add', [x.name, ctx.g.floats(`${ctx.name}_table`, p.shape, p.data)], ctx.name);
});
