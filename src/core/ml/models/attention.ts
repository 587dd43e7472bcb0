/**
 * Transformer pieces tfjs-layers lacks, as custom layers with explicit weights, registered with
 * tf.serialization so saved models load again (importing this module registers them):
 *  - `MultiHeadSelfAttention`: scaled dot-product self-attention over the token axis of [batch, tokens, dim]
 *    (Vaswani et al. 2017), with query/key/value/output projections and biases;
 *  - `PositionEmbedding`: a learned [tokens, dim] table added to every sample.
 */
import * as tf from '@tensorflow/tfjs';

type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;
type Shape = (number | null)[];

function oneShape(s: tf.Shape | tf.Shape[]): Shape {
  return (Array.isArray(s[0]) ? (s as tf.Shape[])[0] : (s as tf.Shape)) as Shape;
}

function oneTensor(x: tf.Tensor | tf.Tensor[]): tf.Tensor {
  return Array.isArray(x) ? x[0] : x;
}

export interface MultiHeadSelfAttentionArgs extends LayerArgs {
  numHeads: number;
  /** Width of each head's queries, keys and values. */
  keyDim: number;
  /** Seed of the Glorot-uniform kernel initialisers (biases start at 0). */
  seed?: number;
}

/**
 * y = concat_h(softmax(Q_h K_hᵀ / √keyDim) V_h) · Wo + bo, with Q = x·Wq + bq, K = x·Wk + bk, V = x·Wv + bv
 * (each [tokens, numHeads·keyDim], head h = columns h·keyDim … (h+1)·keyDim − 1). Output: [batch, tokens, dim].
 * Weights, in order: query_kernel [dim, H·k], query_bias [H·k], key_kernel, key_bias, value_kernel, value_bias,
 * output_kernel [H·k, dim], output_bias [dim].
 */
export class MultiHeadSelfAttention extends tf.layers.Layer {
  static className = 'EcgMultiHeadSelfAttention';
  readonly numHeads: number;
  readonly keyDim: number;
  readonly seed: number | undefined;
  private w: tf.LayerVariable[] = [];

  constructor(args: MultiHeadSelfAttentionArgs) {
    super(args);
    if (!(args.numHeads >= 1 && args.keyDim >= 1)) throw new Error(`attention needs numHeads ≥ 1 and keyDim ≥ 1, got ${args.numHeads}, ${args.keyDim}`);
    this.numHeads = args.numHeads;
    this.keyDim = args.keyDim;
    this.seed = args.seed;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const s = oneShape(inputShape);
    const d = s[s.length - 1];
    if (s.length !== 3 || d == null) throw new Error(`attention expects [batch, tokens, dim], got [${s.join(', ')}]`);
    const hk = this.numHeads * this.keyDim;
    let seed = this.seed;
    const glorot = () => tf.initializers.glorotUniform(seed === undefined ? {} : { seed: seed++ });
    const zeros = tf.initializers.zeros();
    this.w = [];
    for (const [name, rows, cols] of [['query', d, hk], ['key', d, hk], ['value', d, hk], ['output', hk, d]] as const) {
      this.w.push(this.addWeight(`${name}_kernel`, [rows, cols], 'float32', glorot()));
      this.w.push(this.addWeight(`${name}_bias`, [cols], 'float32', zeros));
    }
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return oneShape(inputShape);
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = oneTensor(inputs);
      const [B, N, D] = x.shape;
      const H = this.numHeads;
      const k = this.keyDim;
      const [wq, bq, wk, bk, wv, bv, wo, bo] = this.w.map((v) => v.read());
      const flat = x.reshape([B * N, D]);
      // [B·N, H·k] → [B, H, N, k]
      const heads = (w: tf.Tensor, b: tf.Tensor) => tf.add(tf.matMul(flat, w as tf.Tensor2D), b).reshape([B, N, H, k]).transpose([0, 2, 1, 3]);
      const q = heads(wq, bq);
      const kk = heads(wk, bk);
      const v = heads(wv, bv);
      const scores = tf.matMul(q, kk, false, true).mul(1 / Math.sqrt(k)); // [B, H, N, N]
      const att = tf.softmax(scores, -1);
      const ctx = tf.matMul(att, v).transpose([0, 2, 1, 3]).reshape([B * N, H * k]);
      return tf.add(tf.matMul(ctx, wo as tf.Tensor2D), bo).reshape([B, N, D]);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), numHeads: this.numHeads, keyDim: this.keyDim, ...(this.seed === undefined ? {} : { seed: this.seed }) };
  }
}

export interface PositionEmbeddingArgs extends LayerArgs {
  /** Seed of the N(0, 0.02²) initialiser (as ViT's). */
  seed?: number;
}

/** y[b, n, :] = x[b, n, :] + P[n, :], with a learned table P [tokens, dim] (weight "embeddings"). */
export class PositionEmbedding extends tf.layers.Layer {
  static className = 'EcgPositionEmbedding';
  readonly seed: number | undefined;
  private table: tf.LayerVariable | null = null;

  constructor(args: PositionEmbeddingArgs = {}) {
    super(args);
    this.seed = args.seed;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const s = oneShape(inputShape);
    if (s.length !== 3 || s[1] == null || s[2] == null) throw new Error(`position embedding expects [batch, tokens, dim] with known sizes, got [${s.join(', ')}]`);
    this.table = this.addWeight('embeddings', [s[1], s[2]], 'float32', tf.initializers.randomNormal({ mean: 0, stddev: 0.02, ...(this.seed === undefined ? {} : { seed: this.seed }) }));
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return oneShape(inputShape);
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => tf.add(oneTensor(inputs), this.table!.read()));
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), ...(this.seed === undefined ? {} : { seed: this.seed }) };
  }
}

type Serializable = Parameters<typeof tf.serialization.registerClass>[0];
tf.serialization.registerClass(MultiHeadSelfAttention as unknown as Serializable);
tf.serialization.registerClass(PositionEmbedding as unknown as Serializable);
