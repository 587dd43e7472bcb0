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
