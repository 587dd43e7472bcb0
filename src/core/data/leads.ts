/**
 * Lead name normalisation (I/i, aVR/AVR/avr, MLII → II, "ECG V1" → V1) and lead selection with derivation
 * of missing limb leads from I and II (Einthoven/Goldberger: III = II − I, aVR = −(I+II)/2, aVL = I − II/2,
 * aVF = II − I/2).
 */
import { STANDARD_12_LEADS } from '../signal/types';

const CANON = new Map<string, string>([
  ...STANDARD_12_LEADS.map((l) => [l.toLowerCase(), l] as [string, string]),
  ['mli', 'I'],
  ['mlii', 'II'],
  ['mliii', 'III'],
  ['ml2', 'II'],
  ['d1', 'I'],
  ['d2', 'II'],
  ['d3', 'III'],
  ['lead i', 'I'],
  ['lead ii', 'II'],
  ['lead iii', 'III'],
]);

/** Canonical lead name; unknown names are returned trimmed and unchanged. */
export function normaliseLeadName(name: string): string {
  const t = name.trim();
  const k = t.toLowerCase().replace(/^(ecg|lead)[\s_-]*/, '').replace(/[\s_-]+/g, '');
  return CANON.get(k) ?? CANON.get(t.toLowerCase()) ?? t;
}

export function normaliseLeadNames(names: string[]): string[] {
  return names.map(normaliseLeadName);
}

const DERIVED: Record<string, (i: number, ii: number) => number> = {
  III: (i, ii) => ii - i,
  aVR: (i, ii) => -(i + ii) / 2,
  aVL: (i, ii) => i - ii / 2,
  aVF: (i, ii) => ii - i / 2,
};

export interface LeadSelection {
  signals: Float32Array[];
  /** Wanted leads that were derived from I and II. */
  derived: string[];
  /** Wanted leads that were neither present nor derivable (filled with NaN). */
  missing: string[];
}

/** Picks `wanted` leads (canonical names) from signals named `names`, deriving limb leads when possible. */
export function selectLeads(signals: Float32Array[], names: string[], wanted: string[]): LeadSelection {
  const canon = normaliseLeadNames(names);
  const idx = (l: string) => canon.indexOf(normaliseLeadName(l));
  const n = signals[0]?.length ?? 0;
  const derived: string[] = [];
  const missing: string[] = [];
  const out = wanted.map((w) => {
    const k = idx(w);
    if (k >= 0) return signals[k];
    const cw = normaliseLeadName(w);
    const f = DERIVED[cw];
    const a = idx('I'), b = idx('II');
    if (f && a >= 0 && b >= 0) {
      derived.push(cw);
      const s = new Float32Array(n);
      for (let t = 0; t < n; t++) s[t] = f(signals[a][t], signals[b][t]);
      return s;
    }
    missing.push(cw);
    return new Float32Array(n).fill(NaN);
  });
  return { signals: out, derived, missing };
}
