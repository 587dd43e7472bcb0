/**
 * Text for estimates and differences as tables show them: `0.771 [0.69, 0.84]`, `+0.031 [−0.012, 0.074]`.
 * The interval gets one digit fewer than the value unless that would hide the difference between its ends.
 */
import type { Estimate, Interval, PairedDiff } from './bootstrap';

/** Whether an interval lies entirely above or below 0 (a difference is then called significant). */
export function ciExcludesZero(ci: Interval | null): boolean {
  return ci !== null && (ci.lo > 0 || ci.hi < 0);
}

const MINUS = '\u2212';
const num = (x: number, digits: number, signed = false): string => {
  const s = x.toFixed(digits);
  const neg = s.startsWith('-');
  const body = neg ? s.slice(1) : s;
  // -0.000 prints as 0.000: a rounded zero has no sign.
  const zero = Number(body) === 0;
  if (neg && !zero) return MINUS + body;
  return signed && !zero ? '+' + body : signed ? '±' + body : body;
};

function interval(ci: Interval, digits: number): string {
  let d = Math.max(digits - 1, 0);
  if (ci.lo.toFixed(d) === ci.hi.toFixed(d) && ci.lo !== ci.hi) d = digits;
  return `[${num(ci.lo, d)}, ${num(ci.hi, d)}]`;
}

/** `0.771 [0.69, 0.84]`; `0.771` without an interval; `–` when the metric is undefined. */
export function formatEstimate(e: Estimate, digits = 3): string {
  if (!Number.isFinite(e.value)) return '\u2013';
  return e.ci ? `${num(e.value, digits)} ${interval(e.ci, digits)}` : num(e.value, digits);
}

/** `+0.031 [−0.01, 0.07]` (A − B); a rounded zero difference prints as `±0.000`. */
export function formatDiff(d: PairedDiff, digits = 3): string {
  if (!Number.isFinite(d.diff)) return '\u2013';
  return d.ci ? `${num(d.diff, digits, true)} ${interval(d.ci, digits)}` : num(d.diff, digits, true);
}
