/**
 * A small 1-D vision transformer (`vit1d`, after Dosovitskiy et al. 2021) for the study's model comparison:
 *  - patch embedding: a conv1d with kernel = stride = patch (20 samples = 0.2 s at 100 Hz; 50 tokens for 10 s),
 *    'valid' padding (a remainder shorter than one patch is dropped), then a learned position embedding;
 *  - 2 pre-norm encoder blocks: x + MHSA(LN(x)), then x + MLP(LN(x)) with MLP = dense(2·dim, GELU) → dense(dim);
 *  - final layer norm, global average pooling over tokens (instead of a class token), `head_out`.
 * Block 1 (frozen in transfer) is the patch and position embedding with the first encoder block.
 */
import * as tf from '@tensorflow/tfjs';
import { MultiHeadSelfAttention, PositionEmbedding } from './attention';
import { dense, SeedSeq } from './common';
import { layerNormalization } from './layerNorm';

export interface VitOptions {
  /** Samples per patch (kernel and stride of the patch embedding). */
  patch: number;
  /** Token width. */
  dim: number;
  heads: number;
  /** Encoder blocks. */
  depth: number;
  /** MLP hidden width as a multiple of `dim`. */
  mlpRatio: number;
}

export const VIT_SMALL: VitOptions = { patch: 20, dim: 32, heads: 4, depth: 2, mlpRatio: 2 };

/** PyTorch's LayerNorm epsilon. */
const LN_EPSILON = 1e-5;

function layerNorm(x: tf.SymbolicTensor, name: string): tf.SymbolicTensor {
  return layerNormalization({ name, epsilon: LN_EPSILON }).apply(x) as tf.SymbolicTensor;
}

function add(a: tf.SymbolicTensor, b: tf.SymbolicTensor, name: string): tf.SymbolicTensor {
  return tf.layers.add({ name }).apply([a, b]) as tf.SymbolicTensor;
}

function encoderBlock(x: tf.SymbolicTensor, p: string, o: VitOptions, seeds: SeedSeq): tf.SymbolicTensor {
  const attn = new MultiHeadSelfAttention({ name: `${p}_attn`, numHeads: o.heads, keyDim: o.dim / o.heads, seed: seeds.next() });
  const h = add(x, attn.apply(layerNorm(x, `${p}_ln1`)) as tf.SymbolicTensor, `${p}_add1`);
  let m = dense(layerNorm(h, `${p}_ln2`), `${p}_mlp1`, o.dim * o.mlpRatio, seeds, 'gelu');
  m = dense(m, `${p}_mlp2`, o.dim, seeds);
  return add(h, m, `${p}_add2`);
}

export function buildVit1d(nSamples: number, nLeads: number, nOut: number, seed: number, o: VitOptions = VIT_SMALL): tf.LayersModel {
  if (o.dim % o.heads !== 0) throw new Error(`vit1d: dim ${o.dim} is not a multiple of heads ${o.heads}`);
  const seeds = new SeedSeq(seed);
  const patch = Math.min(o.patch, nSamples);
  const input = tf.input({ shape: [nSamples, nLeads], name: 'ecg' });
  let x = tf.layers
    .conv1d({ name: 'bb1_patch', filters: o.dim, kernelSize: patch, strides: patch, padding: 'valid', kernelInitializer: seeds.glorot() })
    .apply(input) as tf.SymbolicTensor;
  x = new PositionEmbedding({ name: 'bb1_pos', seed: seeds.next() }).apply(x) as tf.SymbolicTensor;
  for (let d = 0; d < o.depth; d++) x = encoderBlock(x, `bb${d + 1}`, o, seeds);
  x = layerNorm(x, 'bbpool_ln');
  const feat = tf.layers.globalAveragePooling1d({ name: 'bbpool_gap' }).apply(x) as tf.SymbolicTensor;
  const out = dense(feat, 'head_out', nOut, seeds);
  return tf.model({ inputs: input, outputs: out, name: 'vit1d' });
}
