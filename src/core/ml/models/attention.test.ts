import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { MultiHeadSelfAttention, PositionEmbedding } from './attention';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A deterministic pseudo-random matrix in ±1 (no tfjs involved). */
function values(n: number, seed: number): number[] {
  let s = seed >>> 0;
  return Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s / 2 ** 32) * 2 - 1;
  });
}

/** Self-attention worked element by element: x [N][D], W row-major [rows][cols]. */
function referenceAttention(x: number[][], w: { q: number[][]; bq: number[]; k: number[][]; bk: number[]; v: number[][]; bv: number[]; o: number[][]; bo: number[] }, H: number, kd: number): number[][] {
  const N = x.length;
  const D = x[0].length;
  const proj = (m: number[][], b: number[]) => x.map((row) => b.map((bj, j) => bj + row.reduce((a, xi, i) => a + xi * m[i][j], 0)));
  const Q = proj(w.q, w.bq);
  const K = proj(w.k, w.bk);
  const V = proj(w.v, w.bv);
  const ctx = Array.from({ length: N }, () => new Array<number>(H * kd).fill(0));
  for (let h = 0; h < H; h++) {
    for (let i = 0; i < N; i++) {
      const s: number[] = [];
      for (let j = 0; j < N; j++) {
        let dot = 0;
        for (let c = 0; c < kd; c++) dot += Q[i][h * kd + c] * K[j][h * kd + c];
        s.push(dot / Math.sqrt(kd));
      }
      const mx = Math.max(...s);
      const e = s.map((v) => Math.exp(v - mx));
      const z = e.reduce((a, b) => a + b, 0);
      for (let j = 0; j < N; j++) for (let c = 0; c < kd; c++) ctx[i][h * kd + c] += (e[j] / z) * V[j][h * kd + c];
    }
  }
  return ctx.map((row) => Array.from({ length: D }, (_, j) => w.bo[j] + row.reduce((a, ci, i) => a + ci * w.o[i][j], 0)));
}

const rows = (flat: number[], r: number, c: number) => Array.from({ length: r }, (_, i) => flat.slice(i * c, (i + 1) * c));

describe('MultiHeadSelfAttention', () => {
  it('equals scaled dot-product attention worked by hand (2 heads × 2, 3 tokens, 4 features, 2 samples)', () => {
    const [B, N, D, H, kd] = [2, 3, 4, 2, 2];
    const hk = H * kd;
    const layer = new MultiHeadSelfAttention({ numHeads: H, keyDim: kd, seed: 1 });
    const input = tf.input({ shape: [N, D] });
    const model = tf.model({ inputs: input, outputs: layer.apply(input) as tf.SymbolicTensor });
    const flat = [values(D * hk, 1), values(hk, 2), values(D * hk, 3), values(hk, 4), values(D * hk, 5), values(hk, 6), values(hk * D, 7), values(D, 8)];
    layer.setWeights(flat.map((v, i) => (i % 2 === 0 ? tf.tensor2d(v, i === 6 ? [hk, D] : [D, hk]) : tf.tensor1d(v))));
    const w = {
      q: rows(flat[0], D, hk), bq: flat[1], k: rows(flat[2], D, hk), bk: flat[3],
      v: rows(flat[4], D, hk), bv: flat[5], o: rows(flat[6], hk, D), bo: flat[7],
    };
    const xs = values(B * N * D, 9).map((v) => 2 * v);
    const y = (model.predict(tf.tensor3d(xs, [B, N, D])) as tf.Tensor).arraySync() as number[][][];
    for (let b = 0; b < B; b++) {
      const want = referenceAttention(rows(xs.slice(b * N * D, (b + 1) * N * D), N, D), w, H, kd);
      for (let i = 0; i < N; i++) for (let j = 0; j < D; j++) expect(y[b][i][j]).toBeCloseTo(want[i][j], 5);
    }
    // tokens interact: changing token 0 moves the output of token 2
    const xs2 = xs.slice();
    xs2[0] += 1;
    const y2 = (model.predict(tf.tensor3d(xs2, [B, N, D])) as tf.Tensor).arraySync() as number[][][];
    expect(Math.abs(y2[0][2][0] - y[0][2][0])).toBeGreaterThan(1e-4);
    model.dispose();
  });

  it('trains: gradients reach every projection and the loss of a token-mixing toy task falls', () => {
    // target: each token's first feature = the mean of the other tokens' first features (needs attention)
    const [B, N, D] = [16, 5, 8];
    const input = tf.input({ shape: [N, D] });
    const attn = new MultiHeadSelfAttention({ numHeads: 2, keyDim: 4, seed: 3 });
    const y = attn.apply(input) as tf.SymbolicTensor;
    const out = tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }) }).apply(y) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: out });
    const xs = tf.tensor3d(values(B * N * D, 11), [B, N, D]);
    const first = xs.slice([0, 0, 0], [B, N, 1]);
    const target = first.sum(1, true).sub(first).div(N - 1);
    const vars = model.trainableWeights.map((v) => v.read() as tf.Variable);
    const lossFn = () => tf.losses.meanSquaredError(target, model.apply(xs, { training: true }) as tf.Tensor) as tf.Scalar;
    const { grads } = tf.variableGrads(lossFn, vars);
    for (const v of attn.trainableWeights) {
      const g = grads[(v.read() as tf.Variable).name];
      const norm = g.abs().max().dataSync()[0];
      // the key bias adds the same q·b to every score of a query: softmax ignores it, its gradient is zero
      if (v.originalName.endsWith('key_bias')) expect(norm).toBeLessThan(1e-6);
      else expect(norm).toBeGreaterThan(1e-6);
    }
    tf.dispose(Object.values(grads));
    const opt = tf.train.adam(0.02);
    const losses: number[] = [];
    for (let step = 0; step < 30; step++) {
      const l = opt.minimize(lossFn, true, vars)!;
      losses.push(l.dataSync()[0]);
      l.dispose();
    }
    expect(Number.isFinite(losses[29])).toBe(true);
    expect(losses[29]).toBeLessThan(0.5 * losses[0]);
    opt.dispose();
    tf.dispose([xs, first, target]);
    model.dispose();
  });

  it('rejects inputs that are not [batch, tokens, dim] and bad head settings', () => {
    expect(() => new MultiHeadSelfAttention({ numHeads: 0, keyDim: 4 })).toThrow(/numHeads/);
    const a = new MultiHeadSelfAttention({ numHeads: 1, keyDim: 2 });
    expect(() => a.apply(tf.input({ shape: [4] }))).toThrow(/batch, tokens, dim/);
  });
});

describe('PositionEmbedding', () => {
  it('adds the same learned row to every sample at each token', () => {
    const layer = new PositionEmbedding({ seed: 2 });
    const input = tf.input({ shape: [3, 2] });
    const model = tf.model({ inputs: input, outputs: layer.apply(input) as tf.SymbolicTensor });
    layer.setWeights([tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2])]);
    const y = (model.predict(tf.tensor3d([0, 0, 0, 0, 0, 0, 10, 10, 10, 10, 10, 10], [2, 3, 2])) as tf.Tensor).arraySync();
    expect(y).toEqual([[[1, 2], [3, 4], [5, 6]], [[11, 12], [13, 14], [15, 16]]]);
    model.dispose();
  });
});
