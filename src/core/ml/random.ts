/** Seeded pseudo-random numbers (mulberry32) for shuffling and splits: the engine's one generator. */
export { mulberry32 } from '../signal/rng';

/** Fisher–Yates shuffle in place with a seeded generator. */
export function shuffleInPlace<T extends { length: number; [i: number]: number }>(a: T, rand: () => number): T {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
  return a;
}

/**
 * Derives an independent seed for a named sub-task (split, init, shuffle). Named apart from signal/rng's
 * numeric `deriveSeed`, which keys synthesis streams by record index.
 */
export function seedForTask(seed: number, salt: string): number {
  let h = (seed ^ 0x811c9dc5) >>> 0;
  for (let i = 0; i < salt.length; i++) h = Math.imul(h ^ salt.charCodeAt(i), 16777619) >>> 0;
  return h;
}
