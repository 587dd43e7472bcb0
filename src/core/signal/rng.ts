/**
 * Seeded pseudo-random numbers for the whole synthesis engine (mulberry32 + Box–Muller).
 *
 * Determinism: the integer core (Math.imul, shifts) and the uniform draws are bit-identical in every
 * JavaScript engine. Normal draws use Math.log / Math.sqrt / Math.cos; sqrt is exactly rounded by IEEE 754,
 * log and cos are not required to be by the ECMAScript spec, but V8 (Node and Chromium) uses the same fdlibm
 * port in both, so Node and the browser give identical bits. (Firefox/Safari also use fdlibm-derived code, but
 * that is not guaranteed by the spec.)
 */

/** 32-bit avalanche (murmur3 finalizer). */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Derives an independent 32-bit seed from a base seed and stream/index numbers. */
export function deriveSeed(seed: number, ...parts: number[]): number {
  let h = fmix32((seed >>> 0) ^ 0x9e3779b9);
  for (const p of parts) h = fmix32((h + Math.imul((p >>> 0) ^ 0x7f4a7c15, 0x27d4eb2f)) >>> 0);
  return h;
}

/** A plain mulberry32 stream of uniforms in [0, 1) (splits, shuffling); `Rng` below adds normals and seeding. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rng {
  private state: number;
  private spare = 0;
  private hasSpare = false;

  constructor(seed: number) {
    this.state = fmix32((seed >>> 0) + 0x6d2b79f5) | 0;
  }

  /** Uniform 32-bit unsigned integer. */
  nextU32(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /**
   * Fills buf[0..n) with uniform values in [-0.5, 0.5) for noise: a xorshift32 sub-stream seeded from this
   * generator (one draw), ~3× faster than mulberry32 per sample; integer-only, so bit-identical everywhere.
   */
  fillCentered(buf: Float64Array, n: number): void {
    let x = this.nextU32() | 1;
    for (let i = 0; i < n; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      buf[i] = (x >>> 0) / 4294967296 - 0.5;
    }
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextU32() / 4294967296;
  }

  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Standard normal (Box–Muller, polar-free form; caches the second value). */
  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    let u = this.next();
    while (u <= 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    const a = 2 * Math.PI * v;
    this.spare = r * Math.sin(a);
    this.hasSpare = true;
    return r * Math.cos(a);
  }

  /** Fisher–Yates shuffle in place. */
  shuffle<T>(arr: { length: number; [i: number]: T }): void {
    for (let i = arr.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = arr[i];
      arr[i] = arr[j];
      arr[j] = tmp;
    }
  }
}
