/**
 * Parameter distributions of synthetic dataset specs: fixed, uniform range, normal with clipping.
 * Normal draws outside [min, max] are redrawn (up to 16 times, then clamped): a truncated normal.
 */
import { ParamError } from '../signal/params';
import type { Rng } from '../signal/rng';

export type Distribution =
  | { kind: 'fixed'; value: number }
  | { kind: 'uniform'; min: number; max: number }
  | { kind: 'normal'; mean: number; sd: number; min: number; max: number };

export const fixed = (value: number): Distribution => ({ kind: 'fixed', value });
export const uniform = (min: number, max: number): Distribution => ({ kind: 'uniform', min, max });
export const normal = (mean: number, sd: number, min: number, max: number): Distribution => ({ kind: 'normal', mean, sd, min, max });

export function sampleDistribution(d: Distribution, rng: Rng): number {
  switch (d.kind) {
    case 'fixed':
      return d.value;
    case 'uniform':
      return d.min + (d.max - d.min) * rng.next();
    case 'normal': {
      for (let i = 0; i < 16; i++) {
        const v = d.mean + d.sd * rng.normal();
        if (v >= d.min && v <= d.max) return v;
      }
      return Math.min(d.max, Math.max(d.min, d.mean));
    }
  }
}

/** Smallest and largest value a distribution can produce. */
export function distributionSupport(d: Distribution): [number, number] {
  return d.kind === 'fixed' ? [d.value, d.value] : [d.min, d.max];
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Throws ParamError naming `name` (e.g. "params.hrBpm") when the distribution is malformed or can produce
 * values outside `range`.
 */
export function validateDistribution(d: Distribution, name: string, range?: { min: number; max: number; unit?: string }): void {
  if (!d || typeof d !== 'object') throw new ParamError(name, `${name} must be a distribution {kind: 'fixed'|'uniform'|'normal', ...}`);
  const unit = range?.unit ? ` ${range.unit}` : '';
  const inRange = (field: string, v: unknown) => {
    if (!isNum(v)) throw new ParamError(`${name}.${field}`, `${name}.${field} must be a finite number, got ${String(v)}`);
    if (range && (v < range.min || v > range.max))
      throw new ParamError(`${name}.${field}`, `${name}.${field} = ${v}${unit} is outside the allowed range [${range.min}, ${range.max}]${unit}`);
  };
  switch (d.kind) {
    case 'fixed':
      inRange('value', d.value);
      return;
    case 'uniform':
      inRange('min', d.min);
      inRange('max', d.max);
      if (d.min > d.max) throw new ParamError(name, `${name}: min (${d.min}) must not exceed max (${d.max})`);
      return;
    case 'normal':
      inRange('min', d.min);
      inRange('max', d.max);
      if (!isNum(d.mean)) throw new ParamError(`${name}.mean`, `${name}.mean must be a finite number, got ${String(d.mean)}`);
      if (!isNum(d.sd) || d.sd < 0) throw new ParamError(`${name}.sd`, `${name}.sd must be a finite number ≥ 0, got ${String(d.sd)}`);
      if (d.min > d.max) throw new ParamError(name, `${name}: min (${d.min}) must not exceed max (${d.max})`);
      return;
    default:
      throw new ParamError(`${name}.kind`, `${name}.kind must be 'fixed', 'uniform' or 'normal', got "${String((d as { kind: unknown }).kind)}"`);
  }
}
