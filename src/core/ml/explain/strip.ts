/** Reductions of an attribution for display: a per-sample strip and per-lead totals (pure TypeScript). */
import type { Attribution } from './types';

export interface SaliencyStrip {
  /** Σ_leads |attr| per sample, divided by its maximum (all zeros when the attribution is zero). */
  strip: Float32Array;
  /** Σ_samples |attr| per lead, divided by the total (sums to 1; zeros when the attribution is zero). */
  leadTotals: Float32Array;
  /** Per sample and lead |attr| divided by the overall maximum, [samples × leads] (a heat map per lead). */
  perLead: Float32Array;
}

export function saliencyStrip(a: Pick<Attribution, 'attr' | 'nSamples' | 'nLeads'>): SaliencyStrip {
  const { attr, nSamples, nLeads } = a;
  const strip = new Float32Array(nSamples);
  const leadTotals = new Float32Array(nLeads);
  const perLead = new Float32Array(nSamples * nLeads);
  let maxS = 0, maxA = 0, tot = 0;
  for (let t = 0; t < nSamples; t++) {
    let s = 0;
    for (let l = 0; l < nLeads; l++) {
      const v = Math.abs(attr[t * nLeads + l]);
      s += v;
      leadTotals[l] += v;
      perLead[t * nLeads + l] = v;
      if (v > maxA) maxA = v;
    }
    strip[t] = s;
    tot += s;
    if (s > maxS) maxS = s;
  }
  if (maxS > 0) for (let t = 0; t < nSamples; t++) strip[t] /= maxS;
  if (tot > 0) for (let l = 0; l < nLeads; l++) leadTotals[l] /= tot;
  if (maxA > 0) for (let i = 0; i < perLead.length; i++) perLead[i] /= maxA;
  return { strip, leadTotals, perLead };
}

/** Max over equal bins: a strip of `bins` values for a display `bins` pixels wide. */
export function binStrip(strip: Float32Array, bins: number): Float32Array {
  const out = new Float32Array(bins);
  const n = strip.length;
  for (let b = 0; b < bins; b++) {
    const lo = Math.floor((b * n) / bins);
    const hi = Math.max(lo + 1, Math.floor(((b + 1) * n) / bins));
    let m = 0;
    for (let i = lo; i < Math.min(n, hi); i++) if (strip[i] > m) m = strip[i];
    out[b] = m;
  }
  return out;
}

/** Fraction of Σ|attr| that falls on the samples where `inside(t)` is true. */
export function massFraction(a: Pick<Attribution, 'attr' | 'nSamples' | 'nLeads'>, inside: (t: number) => boolean): number {
  let inS = 0, tot = 0;
  for (let t = 0; t < a.nSamples; t++) {
    let s = 0;
    for (let l = 0; l < a.nLeads; l++) s += Math.abs(a.attr[t * a.nLeads + l]);
    tot += s;
    if (inside(t)) inS += s;
  }
  return tot > 0 ? inS / tot : 0;
}
