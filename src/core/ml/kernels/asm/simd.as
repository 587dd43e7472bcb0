// AssemblyScript source of the SIMD helpers (compiled by build.mjs into ../simdModule.ts).
// The module imports the tfjs-wasm heap ("env.memory"), so pointers are tfjs tensor memory offsets.

/** dst[a, b] = scale · Σ_r src[a, r, b] for src [A, R, B] float32. */
export function colsum(src: usize, A: i32, R: i32, B: i32, dst: usize, scale: f32): void {
  const B4 = B & ~3;
  const rowBytes = <usize>B << 2;
  for (let a = 0; a < A; a++) {
    const d = dst + ((<usize>a * <usize>B) << 2);
    for (let b = 0; b < B; b++) store<f32>(d + (<usize>b << 2), 0);
    let s = src + <usize>a * <usize>R * rowBytes;
    for (let r = 0; r < R; r++) {
      let b = 0;
      for (; b < B4; b += 4) {
        const o = <usize>b << 2;
        v128.store(d + o, f32x4.add(v128.load(d + o), v128.load(s + o)));
      }
      for (; b < B; b++) {
        const o = <usize>b << 2;
        store<f32>(d + o, load<f32>(d + o) + load<f32>(s + o));
      }
      s += rowBytes;
    }
    if (scale != 1) for (let b = 0; b < B; b++) store<f32>(d + (<usize>b << 2), load<f32>(d + (<usize>b << 2)) * scale);
  }
}

/** Row-strided copy: rows × rowBytes bytes from src (row stride srcStride bytes) to dst (stride dstStride). Concat/SplitV. */
export function copyRows(src: usize, srcStride: usize, dst: usize, dstStride: usize, rows: i32, rowBytes: usize): void {
  for (let r = 0; r < rows; r++) {
    memory.copy(dst, src, rowBytes);
    src += srcStride;
    dst += dstStride;
  }
}

/**
 * MaxPool gradient, NHWC float32: each output's dy goes to the FIRST maximum of its window (scan h, then w),
 * as in the tfjs cpu backend. dx must be zeroed by the caller. Channels in SIMD lanes of 4 with a scalar tail.
 */
export function maxPoolGrad(
  x: usize, dy: usize, dx: usize,
  N: i32, H: i32, W: i32, C: i32, OH: i32, OW: i32,
  sH: i32, sW: i32, fH: i32, fW: i32, top: i32, left: i32,
): void {
  const C4 = C & ~3;
  const rowB = <usize>W * <usize>C << 2;
  const pixB = <usize>C << 2;
  const negInf = f32x4.splat(-Infinity);
  const allOnes = i32x4.splat(-1);
  let g = dy;
  for (let n = 0; n < N; n++) {
    const xn = x + <usize>n * <usize>H * rowB;
    const dn = dx + <usize>n * <usize>H * rowB;
    for (let oh = 0; oh < OH; oh++) {
      const h0 = oh * sH - top;
      const hs = max(0, h0);
      const he = min(H, h0 + fH);
      for (let ow = 0; ow < OW; ow++) {
        const w0 = ow * sW - left;
        const ws = max(0, w0);
        const we = min(W, w0 + fW);
        let c = 0;
        for (; c < C4; c += 4) {
          const co = <usize>c << 2;
          let m = negInf;
          for (let h = hs; h < he; h++) {
            let p = xn + <usize>h * rowB + <usize>ws * pixB + co;
            for (let w = ws; w < we; w++) {
              m = f32x4.max(m, v128.load(p));
              p += pixB;
            }
          }
          const gv = v128.load(g + co);
          let left4 = allOnes;
          for (let h = hs; h < he; h++) {
            const off = <usize>h * rowB + <usize>ws * pixB + co;
            let p = xn + off;
            let q = dn + off;
            for (let w = ws; w < we; w++) {
              const hit = v128.and(f32x4.eq(v128.load(p), m), left4);
              v128.store(q, f32x4.add(v128.load(q), v128.and(gv, hit)));
              left4 = v128.andnot(left4, hit);
              p += pixB;
              q += pixB;
            }
          }
        }
        for (; c < C; c++) {
          const co = <usize>c << 2;
          let best: f32 = -Infinity;
          let pos: usize = 0;
          let found = false;
          for (let h = hs; h < he; h++) {
            for (let w = ws; w < we; w++) {
              const off = <usize>h * rowB + <usize>w * pixB + co;
              const v = load<f32>(xn + off);
              if (v > best || !found) {
                best = v;
                pos = off;
                found = true;
              }
            }
          }
          if (found) store<f32>(dn + pos, load<f32>(dn + pos) + load<f32>(g + co));
        }
        g += pixB;
      }
    }
  }
}

/**
 * One Adam step for n float32 values, the same f32 operations in the same order as tfjs's AdamOptimizer:
 *   m' = m·b1 + g·(1−b1);  v' = v·b2 + g²·(1−b2);  x' = (m'/c1) / (sqrt(v'/c2) + eps) · (−lr) + x
 * with c1 = 1 − b1^t, c2 = 1 − b2^t. Writes x', m', v' to fresh buffers.
 */
export function adam(
  x: usize, g: usize, m: usize, v: usize, ox: usize, om: usize, ov: usize, n: i32,
  b1: f32, omb1: f32, b2: f32, omb2: f32, c1: f32, c2: f32, eps: f32, neglr: f32,
): void {
  const n4 = n & ~3;
  const B1 = f32x4.splat(b1), OB1 = f32x4.splat(omb1), B2 = f32x4.splat(b2), OB2 = f32x4.splat(omb2);
  const C1 = f32x4.splat(c1), C2 = f32x4.splat(c2), E = f32x4.splat(eps), L = f32x4.splat(neglr);
  let i = 0;
  for (; i < n4; i += 4) {
    const o = <usize>i << 2;
    const gv = v128.load(g + o);
    const nm = f32x4.add(f32x4.mul(v128.load(m + o), B1), f32x4.mul(gv, OB1));
    const nv = f32x4.add(f32x4.mul(v128.load(v + o), B2), f32x4.mul(f32x4.mul(gv, gv), OB2));
    const mh = f32x4.div(nm, C1);
    const vh = f32x4.div(nv, C2);
    const upd = f32x4.mul(f32x4.div(mh, f32x4.add(f32x4.sqrt(vh), E)), L);
    v128.store(om + o, nm);
    v128.store(ov + o, nv);
    v128.store(ox + o, f32x4.add(upd, v128.load(x + o)));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const gv = load<f32>(g + o);
    const nm: f32 = load<f32>(m + o) * b1 + gv * omb1;
    const nv: f32 = load<f32>(v + o) * b2 + (gv * gv) * omb2;
    const mh: f32 = nm / c1;
    const vh: f32 = nv / c2;
    store<f32>(om + o, nm);
    store<f32>(ov + o, nv);
    store<f32>(ox + o, (mh / (Mathf.sqrt(vh) + eps)) * neglr + load<f32>(x + o));
  }
}

/** a·b + c per lane: relaxed-SIMD fused multiply-add where the module is built with relaxed SIMD (one rounding),
 * else mul then add (two roundings). Both are within 1e-6 relative of the reference on the kernels' tests. */
@inline function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return v128.relaxed_madd<f32>(a, b, c);
  return f32x4.add(c, f32x4.mul(a, b));
}

/**
 * conv1d filter gradient, NHWC float32, direct (no im2col, no transposes):
 *   dw[k, ci, co] = Σ_n Σ_t x[n, t·s + k − pl, ci] · dy[n, t, co]   (out-of-range x rows are zero padding)
 * Register tile of 4 input × 8 output channels (8 accumulators); requires Cin % 4 == 0 and Cout % 4 == 0
 * (Cout % 8 != 0 uses a 4 × 4 tile). Samples in cache-sized chunks, partial sums added into dw (zeroed here).
 */
export function convBpFilter(x: usize, dy: usize, dw: usize, N: i32, W: i32, Cin: i32, OW: i32, Cout: i32, K: i32, s: i32, pl: i32): void {
  convBpFilterPart(x, dy, dw, N, W, Cin, OW, Cout, K, s, pl, 0, K, 0, Cout);
}

/**
 * convBpFilter restricted to taps k0 ≤ k < k1 and output channels co0 ≤ co < co1 (co0, co1 multiples of 8 when
 * Cout % 8 == 0, else of 4): only those dw entries are written (zeroed here, then summed), each with exactly the
 * summation order of the whole kernel — the sample chunking depends only on W, OW, Cin, Cout — so parts computed
 * on different threads give the whole kernel's bits.
 */
export function convBpFilterPart(x: usize, dy: usize, dw: usize, N: i32, W: i32, Cin: i32, OW: i32, Cout: i32, K: i32, s: i32, pl: i32, k0: i32, k1: i32, co0: i32, co1: i32): void {
  const xRow = <usize>Cin << 2;
  const dRow = <usize>Cout << 2;
  const xStep = <usize>s * xRow;
  const wide = (Cout & 7) == 0;
  // samples in chunks whose x and dy rows stay in cache (~256 kB) while every (k, ci, co) tile streams them
  const perSample = (<usize>W * xRow + <usize>OW * dRow);
  let nb = <i32>(<usize>262144 / perSample);
  if (nb < 1) nb = 1;
  if (co0 == 0 && co1 == Cout) memory.fill(dw + ((<usize>k0 * <usize>Cin * <usize>Cout) << 2), 0, (<usize>(k1 - k0) * <usize>Cin * <usize>Cout) << 2);
  else for (let r = k0 * Cin; r < k1 * Cin; r++) memory.fill(dw + ((<usize>r * <usize>Cout + <usize>co0) << 2), 0, <usize>(co1 - co0) << 2);
  for (let n0 = 0; n0 < N; n0 += nb) {
  const n1 = min(N, n0 + nb);
  for (let k = k0; k < k1; k++) {
    // valid t: 0 <= t·s + k − pl <= W − 1
    let tmin = 0;
    if (pl - k > 0) tmin = (pl - k + s - 1) / s;
    let tmax = OW - 1;
    const hi = W - 1 + pl - k;
    if (hi < 0) tmax = -1;
    else if (hi / s < tmax) tmax = hi / s;
    for (let ci = 0; ci < Cin; ci += 4) {
      for (let co = co0; co < co1; co += wide ? 8 : 4) {
        let a0 = f32x4.splat(0), a1 = f32x4.splat(0), a2 = f32x4.splat(0), a3 = f32x4.splat(0);
        let b0 = f32x4.splat(0), b1 = f32x4.splat(0), b2 = f32x4.splat(0), b3 = f32x4.splat(0);
        if (tmax >= tmin) {
          for (let n = n0; n < n1; n++) {
            let xp = x + (<usize>(n * W + tmin * s + k - pl)) * xRow + (<usize>ci << 2);
            let dp = dy + (<usize>(n * OW + tmin)) * dRow + (<usize>co << 2);
            if (wide) {
              for (let t = tmin; t <= tmax; t++) {
                const xv = v128.load(xp);
                const d0 = v128.load(dp);
                const d1 = v128.load(dp, 16);
                const x0 = f32x4.splat(f32x4.extract_lane(xv, 0));
                const x1 = f32x4.splat(f32x4.extract_lane(xv, 1));
                const x2 = f32x4.splat(f32x4.extract_lane(xv, 2));
                const x3 = f32x4.splat(f32x4.extract_lane(xv, 3));
                a0 = madd(x0, d0, a0);
                b0 = madd(x0, d1, b0);
                a1 = madd(x1, d0, a1);
                b1 = madd(x1, d1, b1);
                a2 = madd(x2, d0, a2);
                b2 = madd(x2, d1, b2);
                a3 = madd(x3, d0, a3);
                b3 = madd(x3, d1, b3);
                xp += xStep;
                dp += dRow;
              }
            } else {
              for (let t = tmin; t <= tmax; t++) {
                const xv = v128.load(xp);
                const d0 = v128.load(dp);
                a0 = madd(f32x4.splat(f32x4.extract_lane(xv, 0)), d0, a0);
                a1 = madd(f32x4.splat(f32x4.extract_lane(xv, 1)), d0, a1);
                a2 = madd(f32x4.splat(f32x4.extract_lane(xv, 2)), d0, a2);
                a3 = madd(f32x4.splat(f32x4.extract_lane(xv, 3)), d0, a3);
                xp += xStep;
                dp += dRow;
              }
            }
          }
        }
        const o = dw + ((<usize>(k * Cin + ci)) * <usize>Cout + <usize>co) * 4;
        v128.store(o, f32x4.add(v128.load(o), a0));
        v128.store(o + dRow, f32x4.add(v128.load(o + dRow), a1));
        v128.store(o + 2 * dRow, f32x4.add(v128.load(o + 2 * dRow), a2));
        v128.store(o + 3 * dRow, f32x4.add(v128.load(o + 3 * dRow), a3));
        if (wide) {
          v128.store(o, f32x4.add(v128.load(o, 16), b0), 16);
          v128.store(o + dRow, f32x4.add(v128.load(o + dRow, 16), b1), 16);
          v128.store(o + 2 * dRow, f32x4.add(v128.load(o + 2 * dRow, 16), b2), 16);
          v128.store(o + 3 * dRow, f32x4.add(v128.load(o + 3 * dRow, 16), b3), 16);
        }
      }
    }
  }
  }
}

/**
 * FusedBatchNorm gradient (mean/variance per channel, channels innermost), the same f32 operations as
 * tfjs-core's gradient: with t = dy·scale, xm = x − mean,
 *   dx = (dy·inv)·scale;  dmean = Σ (−inv)·t;  dvar = Σ (mhrc·xm)·t;  dscale = Σ dy·(xm·inv);  doffset = Σ dy
 * summed over the R rows in row order. pc holds per-channel inv, mhrc (= inv³·(−0.5)), scale, mean
 * (4 × C floats). Requires C % 4 == 0. The four sums are written to sums (4 × C floats, zeroed here).
 */
export function bnGrad(x: usize, dy: usize, pc: usize, R: i32, C: i32, dx: usize, sums: usize): void {
  const cb = <usize>C << 2;
  memory.fill(sums, 0, cb << 2);
  const neg1 = f32x4.splat(-1);
  for (let r = 0; r < R; r++) {
    const ro = <usize>r * cb;
    for (let c = 0; c < C; c += 4) {
      const o = <usize>c << 2;
      const inv = v128.load(pc + o);
      const mhrc = v128.load(pc + cb + o);
      const sc = v128.load(pc + 2 * cb + o);
      const mu = v128.load(pc + 3 * cb + o);
      const g = v128.load(dy + ro + o);
      const xm = f32x4.sub(v128.load(x + ro + o), mu);
      const t = f32x4.mul(g, sc);
      v128.store(dx + ro + o, f32x4.mul(f32x4.mul(g, inv), sc));
      v128.store(sums + o, f32x4.add(v128.load(sums + o), f32x4.mul(f32x4.mul(inv, neg1), t)));
      v128.store(sums + cb + o, f32x4.add(v128.load(sums + cb + o), f32x4.mul(f32x4.mul(mhrc, xm), t)));
      v128.store(sums + 2 * cb + o, f32x4.add(v128.load(sums + 2 * cb + o), f32x4.mul(g, f32x4.mul(xm, inv))));
      v128.store(sums + 3 * cb + o, f32x4.add(v128.load(sums + 3 * cb + o), g));
    }
  }
}

/**
 * Batch normalisation with per-channel statistics, channels innermost: y = (x − mean)·k + offset, with
 * pc = [mean (C), k = scale/sqrt(variance + eps) (C), offset (C)] precomputed per channel. C % 4 == 0.
 */
export function bnForward(x: usize, pc: usize, R: i32, C: i32, y: usize): void {
  const cb = <usize>C << 2;
  for (let r = 0; r < R; r++) {
    const ro = <usize>r * cb;
    for (let c = 0; c < C; c += 4) {
      const o = <usize>c << 2;
      const v = f32x4.mul(f32x4.sub(v128.load(x + ro + o), v128.load(pc + o)), v128.load(pc + cb + o));
      v128.store(y + ro + o, f32x4.add(v, v128.load(pc + 2 * cb + o)));
    }
  }
}

/** FusedConv2D's epilogue on 4 output channels from co: + bias[co..co+3] (bias ≠ 0), then ReLU (x < 0 → 0, as the
 * cpu backend: NaN stays NaN). Plain Conv2D passes bias 0, relu false: the sums are stored as they are. */
@inline function epilogue(a: v128, bias: usize, co: i32, relu: bool): v128 {
  if (bias) a = f32x4.add(a, v128.load(bias + (<usize>co << 2)));
  if (relu) a = v128.bitselect(f32x4.splat(0), a, f32x4.lt(a, f32x4.splat(0)));
  return a;
}

/** One output row y[n, t, co..co+cw] for the edge steps (k range clamped to the input). */
@inline function convFwdEdge(x: usize, w: usize, y: usize, n: i32, t: i32, W: i32, Cin: i32, OW: i32, Cout: i32, K: i32, s: i32, pl: i32, bias: usize, relu: bool): void {
  const r0 = t * s - pl;
  const k0 = max(0, -r0);
  const k1 = min(K, W - r0);
  for (let co = 0; co < Cout; co += 4) {
    let a = f32x4.splat(0);
    for (let k = k0; k < k1; k++) {
      const xp = x + (<usize>(n * W + r0 + k) * <usize>Cin << 2);
      const wp = w + ((<usize>(k * Cin) * <usize>Cout + <usize>co) << 2);
      for (let ci = 0; ci < Cin; ci++) {
        a = madd(f32x4.splat(load<f32>(xp + (<usize>ci << 2))), v128.load(wp + ((<usize>ci * <usize>Cout) << 2)), a);
      }
    }
    v128.store(y + ((<usize>(n * OW + t) * <usize>Cout + <usize>co) << 2), epilogue(a, bias, co, relu));
  }
}

/**
 * conv1d forward, NHWC float32, direct: y[n, t, co] = Σ_k Σ_ci x[n, t·s + k − pl, ci] · w[k, ci, co]
 * (zero padding outside the input). Register tile 4 time steps × 8 output channels (Cout % 8 != 0: × 4);
 * steps whose window leaves the input take the edge path. Requires Cout % 4 == 0.
 */
export function convFwd(x: usize, w: usize, y: usize, N: i32, W: i32, Cin: i32, OW: i32, Cout: i32, K: i32, s: i32, pl: i32, bias: usize, act: i32): void {
  const relu = act == 1;
  const wide = (Cout & 7) == 0;
  const xs = (<usize>s * <usize>Cin) << 2; // bytes between the input rows of consecutive output steps
  const wRow = <usize>Cout << 2;
  // interior steps: t·s − pl ≥ 0 and t·s − pl + K − 1 ≤ W − 1
  let tA = (pl + s - 1) / s;
  let tB = W - K + pl >= 0 ? (W - K + pl) / s : -1; // last interior step
  if (tB > OW - 1) tB = OW - 1;
  for (let n = 0; n < N; n++) {
    let t = 0;
    for (; t < min(tA, OW); t++) convFwdEdge(x, w, y, n, t, W, Cin, OW, Cout, K, s, pl, bias, relu);
    for (; t + 3 <= tB; t += 4) {
      const xb = x + (<usize>(n * W + t * s - pl) * <usize>Cin << 2);
      const yb = y + ((<usize>(n * OW + t) * <usize>Cout) << 2);
      for (let co = 0; co < Cout; co += wide ? 8 : 4) {
        let a0 = f32x4.splat(0), a1 = f32x4.splat(0), a2 = f32x4.splat(0), a3 = f32x4.splat(0);
        let b0 = f32x4.splat(0), b1 = f32x4.splat(0), b2 = f32x4.splat(0), b3 = f32x4.splat(0);
        // taps (k, ci) in k-major order are contiguous in x (one input row after another) and in w: one loop
        // over j = k·Cin + ci (same summation order as k outer, ci inner; no per-tap loop overhead for small Cin)
        {
          const KC = K * Cin;
          let xp = xb;
          let wp = w + (<usize>co << 2);
          if (wide) {
            for (let j = 0; j < KC; j++) {
              const w0 = v128.load(wp);
              const w1 = v128.load(wp, 16);
              const x0 = v128.load32_splat(xp);
              const x1 = v128.load32_splat(xp + xs);
              const x2 = v128.load32_splat(xp + 2 * xs);
              const x3 = v128.load32_splat(xp + 3 * xs);
              a0 = madd(x0, w0, a0);
              b0 = madd(x0, w1, b0);
              a1 = madd(x1, w0, a1);
              b1 = madd(x1, w1, b1);
              a2 = madd(x2, w0, a2);
              b2 = madd(x2, w1, b2);
              a3 = madd(x3, w0, a3);
              b3 = madd(x3, w1, b3);
              xp += 4;
              wp += wRow;
            }
          } else {
            for (let j = 0; j < KC; j++) {
              const w0 = v128.load(wp);
              a0 = madd(v128.load32_splat(xp), w0, a0);
              a1 = madd(v128.load32_splat(xp + xs), w0, a1);
              a2 = madd(v128.load32_splat(xp + 2 * xs), w0, a2);
              a3 = madd(v128.load32_splat(xp + 3 * xs), w0, a3);
              xp += 4;
              wp += wRow;
            }
          }
        }
        const o = yb + (<usize>co << 2);
        v128.store(o, epilogue(a0, bias, co, relu));
        v128.store(o + wRow, epilogue(a1, bias, co, relu));
        v128.store(o + 2 * wRow, epilogue(a2, bias, co, relu));
        v128.store(o + 3 * wRow, epilogue(a3, bias, co, relu));
        if (wide) {
          v128.store(o, epilogue(b0, bias, co + 4, relu), 16);
          v128.store(o + wRow, epilogue(b1, bias, co + 4, relu), 16);
          v128.store(o + 2 * wRow, epilogue(b2, bias, co + 4, relu), 16);
          v128.store(o + 3 * wRow, epilogue(b3, bias, co + 4, relu), 16);
        }
      }
    }
    for (; t < OW; t++) convFwdEdge(x, w, y, n, t, W, Cin, OW, Cout, K, s, pl, bias, relu);
  }
}

/** y[r, c] = x[r, c] + b[c] for x [R, C] float32 (bias add; one f32 add per element, as the stock kernel). C % 4 == 0. */
export function addRowVector(x: usize, b: usize, y: usize, R: i32, C: i32): void {
  const rowBytes = <usize>C << 2;
  for (let r = 0; r < R; r++) {
    for (let o: usize = 0; o < rowBytes; o += 16) v128.store(y + o, f32x4.add(v128.load(x + o), v128.load(b + o)));
    x += rowBytes;
    y += rowBytes;
  }
}

/**
 * 1D max pooling, NWC float32: y[n, t, c] = max over the window x[n, t·s − pl + k, c] (k < f, inside the input),
 * keeping the FIRST maximum and skipping NaN like the tfjs cpu backend (value > max, starting from −∞). C % 4 == 0.
 */
export function maxPool1d(x: usize, y: usize, N: i32, W: i32, C: i32, OW: i32, f: i32, s: i32, pl: i32): void {
  const rowBytes = <usize>C << 2;
  const NEG = f32x4.splat(-Infinity);
  for (let n = 0; n < N; n++) {
    const xn = x + <usize>n * <usize>W * rowBytes;
    let yp = y + <usize>n * <usize>OW * rowBytes;
    for (let t = 0; t < OW; t++) {
      const r0 = t * s - pl;
      const k0 = max(0, -r0);
      const k1 = min(f, W - r0);
      for (let o: usize = 0; o < rowBytes; o += 16) {
        let m = NEG;
        for (let k = k0; k < k1; k++) {
          const v = v128.load(xn + <usize>(r0 + k) * rowBytes + o);
          m = v128.bitselect(v, m, f32x4.gt(v, m));
        }
        v128.store(yp + o, m);
      }
      yp += rowBytes;
    }
  }
}

/** dst[a, b] = max_r src[a, r, b] for src [A, R, B] float32 (R ≥ 1), NaN propagating like the tfjs cpu Max. B % 4 == 0. */
export function colmax(src: usize, A: i32, R: i32, B: i32, dst: usize): void {
  const rowBytes = <usize>B << 2;
  for (let a = 0; a < A; a++) {
    const d = dst + <usize>a * rowBytes;
    const s0 = src + <usize>a * <usize>R * rowBytes;
    for (let o: usize = 0; o < rowBytes; o += 16) v128.store(d + o, v128.load(s0 + o));
    let s = s0 + rowBytes;
    for (let r = 1; r < R; r++) {
      for (let o: usize = 0; o < rowBytes; o += 16) {
        const v = v128.load(s + o);
        const m = v128.load(d + o);
        v128.store(d + o, v128.bitselect(v, m, v128.or(f32x4.gt(v, m), f32x4.ne(v, v))));
      }
      s += rowBytes;
    }
  }
}

/**
 * Batch statistics for batch-norm training (tfjs moments over every axis but the innermost), channels innermost,
 * C % 4 == 0: out[c] = mean, out[C + c] = biased variance = mean of (x − mean)², both accumulated in float64
 * (acc: 2·C float64 of scratch) from the float32 values, as two passes like moments (mean, then squared deviations
 * of the float32 difference), rounded once to float32.
 */
export function bnStats(x: usize, R: i32, C: i32, out: usize, acc: usize): void {
  const cb = <usize>C << 2;
  memory.fill(acc, 0, <usize>C << 3);
  for (let r = 0; r < R; r++) {
    const ro = x + <usize>r * cb;
    for (let c = 0; c < C; c += 4) {
      const v = v128.load(ro + (<usize>c << 2));
      const a = acc + (<usize>c << 3);
      v128.store(a, f64x2.add(v128.load(a), f64x2.promote_low_f32x4(v)));
      v128.store(a, f64x2.add(v128.load(a, 16), f64x2.promote_low_f32x4(i32x4.shuffle(v, v, 2, 3, 0, 1))), 16);
    }
  }
  for (let c = 0; c < C; c++) store<f32>(out + (<usize>c << 2), <f32>(load<f64>(acc + (<usize>c << 3)) / <f64>R));
  memory.fill(acc, 0, <usize>C << 3);
  for (let r = 0; r < R; r++) {
    const ro = x + <usize>r * cb;
    for (let c = 0; c < C; c += 4) {
      const d = f32x4.sub(v128.load(ro + (<usize>c << 2)), v128.load(out + (<usize>c << 2)));
      const a = acc + (<usize>c << 3);
      const lo = f64x2.promote_low_f32x4(d);
      const hi = f64x2.promote_low_f32x4(i32x4.shuffle(d, d, 2, 3, 0, 1));
      v128.store(a, f64x2.add(v128.load(a), f64x2.mul(lo, lo)));
      v128.store(a, f64x2.add(v128.load(a, 16), f64x2.mul(hi, hi)), 16);
    }
  }
  for (let c = 0; c < C; c++) store<f32>(out + cb + (<usize>c << 2), <f32>(load<f64>(acc + (<usize>c << 3)) / <f64>R));
}

/**
 * Batch-norm training gradient through the batch statistics (y = γ·(x − μ)·k + β, μ and σ² of this batch,
 * k = 1/√(σ² + ε)), channels innermost, C % 4 == 0. pc = [μ (C), k (C), γ (C)] float32; acc: 32·C bytes of scratch.
 * With n = R, Σdy and S = Σdy·(x − μ) per channel (float64):  dβ = Σdy,  dγ = k·S,
 *   dx = γk·dy − γk³·S/n·(x − μ) − γk·Σdy/n.
 * Writes dx, and sums = [dγ (C), dβ (C)] as float32.
 */
export function bnTrainGrad(x: usize, dy: usize, pc: usize, R: i32, C: i32, dx: usize, sums: usize, acc: usize): void {
  const cb = <usize>C << 2;
  memory.fill(acc, 0, <usize>C << 4);
  const acc2 = acc + (<usize>C << 3);
  for (let r = 0; r < R; r++) {
    const ro = <usize>r * cb;
    for (let c = 0; c < C; c += 4) {
      const o = <usize>c << 2;
      const g = v128.load(dy + ro + o);
      const xm = f32x4.sub(v128.load(x + ro + o), v128.load(pc + o));
      const a = acc + (<usize>c << 3);
      const b = acc2 + (<usize>c << 3);
      const g0 = f64x2.promote_low_f32x4(g);
      const g1 = f64x2.promote_low_f32x4(i32x4.shuffle(g, g, 2, 3, 0, 1));
      v128.store(a, f64x2.add(v128.load(a), g0));
      v128.store(a, f64x2.add(v128.load(a, 16), g1), 16);
      v128.store(b, f64x2.add(v128.load(b), f64x2.mul(g0, f64x2.promote_low_f32x4(xm))));
      v128.store(b, f64x2.add(v128.load(b, 16), f64x2.mul(g1, f64x2.promote_low_f32x4(i32x4.shuffle(xm, xm, 2, 3, 0, 1)))), 16);
    }
  }
  // per-channel coefficients in float64, stored as float32 after the accumulators: A = γk, B = −γk³S/n, D = −γkΣdy/n
  const coef = acc + (<usize>C << 4);
  const n = <f64>R;
  for (let c = 0; c < C; c++) {
    const sdy = load<f64>(acc + (<usize>c << 3));
    const s = load<f64>(acc2 + (<usize>c << 3));
    const k = <f64>load<f32>(pc + cb + (<usize>c << 2));
    const gam = <f64>load<f32>(pc + 2 * cb + (<usize>c << 2));
    store<f32>(sums + (<usize>c << 2), <f32>(k * s));
    store<f32>(sums + cb + (<usize>c << 2), <f32>sdy);
    store<f32>(coef + (<usize>c << 2), <f32>(gam * k));
    store<f32>(coef + cb + (<usize>c << 2), <f32>(-gam * k * k * k * s / n));
    store<f32>(coef + 2 * cb + (<usize>c << 2), <f32>(-gam * k * sdy / n));
  }
  for (let r = 0; r < R; r++) {
    const ro = <usize>r * cb;
    for (let c = 0; c < C; c += 4) {
      const o = <usize>c << 2;
      const xm = f32x4.sub(v128.load(x + ro + o), v128.load(pc + o));
      const v = f32x4.add(f32x4.add(f32x4.mul(v128.load(coef + o), v128.load(dy + ro + o)), f32x4.mul(v128.load(coef + cb + o), xm)), v128.load(coef + 2 * cb + o));
      v128.store(dx + ro + o, v);
    }
  }
}

/**
 * ReLU gradient, float32, n % 4 == 0: dx = dy · step(x) with step = 1 (x > 0), 0 (x ≤ 0), NaN (x NaN) — tfjs's
 * mul(dy, step(x)) in one pass, the same multiply per element (so −0 and NaN come out as there).
 */
export function reluGrad(x: usize, dy: usize, dx: usize, n: i32): void {
  const one = f32x4.splat(1);
  const zero = f32x4.splat(0);
  const nan = f32x4.splat(NaN);
  for (let i: usize = 0; i < (<usize>n << 2); i += 16) {
    const xv = v128.load(x + i);
    let s = v128.bitselect(one, zero, f32x4.gt(xv, zero));
    s = v128.bitselect(nan, s, f32x4.ne(xv, xv));
    v128.store(dx + i, f32x4.mul(v128.load(dy + i), s));
  }
}

/**
 * Gradient of a max over the middle axis of x [A, R, B] (y, dy [A, B]; B % 4 == 0): dx = dy · (x == y ? 1 : 0),
 * tfjs's mul(dy, cast(equal(x, y))) in one pass (every tied maximum gets dy, as there).
 */
export function maxGradRows(x: usize, y: usize, dy: usize, dx: usize, A: i32, R: i32, B: i32): void {
  const rowBytes = <usize>B << 2;
  const one = f32x4.splat(1);
  const zero = f32x4.splat(0);
  for (let a = 0; a < A; a++) {
    const yr = y + <usize>a * rowBytes;
    const dr = dy + <usize>a * rowBytes;
    for (let r = 0; r < R; r++) {
      const o = (<usize>a * <usize>R + <usize>r) * rowBytes;
      for (let b: usize = 0; b < rowBytes; b += 16) {
        const m = v128.bitselect(one, zero, f32x4.eq(v128.load(x + o + b), v128.load(yr + b)));
        v128.store(dx + o + b, f32x4.mul(v128.load(dr + b), m));
      }
    }
  }
}

/**
 * conv1d (convFwd, with its bias / ReLU epilogue) then 1D max pooling (maxPool1d), one sample at a time through a
 * scratch row [OW, Cout] that stays in cache: the convolution's output never goes to memory. Results are exactly
 * convFwd followed by maxPool1d. y: [N, PO, Cout]; pool window pf, stride ps, left padding ppl.
 */
export function convPool(
  x: usize, w: usize, y: usize, N: i32, W: i32, Cin: i32, OW: i32, Cout: i32, K: i32, s: i32, pl: i32, bias: usize, act: i32,
  scratch: usize, PO: i32, pf: i32, ps: i32, ppl: i32,
): void {
  const xs = (<usize>W * <usize>Cin) << 2;
  const ys = (<usize>PO * <usize>Cout) << 2;
  for (let n = 0; n < N; n++) {
    convFwd(x + <usize>n * xs, w, scratch, 1, W, Cin, OW, Cout, K, s, pl, bias, act);
    maxPool1d(scratch, y + <usize>n * ys, 1, OW, Cout, PO, pf, ps, ppl);
  }
}
