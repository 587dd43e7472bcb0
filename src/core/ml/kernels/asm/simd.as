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
