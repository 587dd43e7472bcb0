/**
 * The waves of a record's beats (docs/synthesis.md, "Model"): a normal template from the designer parameters,
 * then the preset's pathology changes (pathology/). Directions are heart-vector directions (x left, y inferior,
 * z anterior); the lead vectors (leads.ts) turn them into lead-specific shapes.
 *
 * Normal beat:
 *  - P: one lobe (55° frontal, slightly posterior);
 *  - QRS: septal q (rightward-anterior), R (the frontal axis, posterior), terminal s (rightward-superior-posterior);
 *    optional fragmentation (a narrow notch on the R downstroke);
 *  - T: a slow ascending limb and a steeper descending limb (peak at 58 % of the T width, as real T waves rise more
 *    slowly than they fall), plus a low, more anterior tail lobe (15 % of the T amplitude) over the last 40 % of
 *    the width (it starts after the T peak, so the peak stays where the main lobe puts it): the wave returns to the line gradually, and the tail shows more in some leads than in others, so
 *    T offsets differ between leads as on real 12-lead ECGs;
 *  - U (optional): a small lobe after T offset, in the T direction.
 */
import { frontalVec } from '../leads';
import type { SynthParams } from '../types';
import { applyPathology } from '../pathology/pathologies';
import type { BeatTemplate, Wave } from './types';

/** Main T lobe and tail: the tail's share of the T amplitude and its direction offset. */
const T_TAIL = 0.15;

export const T_FRACTION = 0.62;
export const T_PEAK = 0.58;
export const U_MS = 160;

export function normalTemplate(p: Required<SynthParams>): BeatTemplate {
  const ax = p.axisDeg;
  const rsr = p.rPrimeMv > 0;
  const qrs: Wave[] = rsr
    ? [
        { v: frontalVec(ax + 200, 0.5, p.qAmpMv), t: [0, 0.1, 0.1, 0.22] },
        { v: frontalVec(ax, -0.3, p.rAmpMv), t: [0.08, 0.28, 0.28, 0.5] },
        { v: frontalVec(ax + 150, -0.6, p.sAmpMv), t: [0.36, 0.52, 0.52, 0.7] },
        { v: frontalVec(200, 0.9, p.rPrimeMv), t: [0.56, 0.8, 0.8, 1] },
      ]
    : [
        { v: frontalVec(ax + 200, 1.5, p.qAmpMv), t: [0, 0.15, 0.15, 0.3] },
        { v: frontalVec(ax, -0.1, p.rAmpMv), t: [0.12, 0.42, 0.42, 0.68] },
        { v: frontalVec(ax + 150, -2.4, p.sAmpMv), t: [0.5, 0.72, 0.72, 1] },
      ];
  if (p.fragMv > 0) qrs.push({ v: frontalVec(ax + 180, 0.3, p.fragMv), t: rsr ? [0.3, 0.35, 0.35, 0.42] : [0.46, 0.52, 0.52, 0.6] });
  const ta = p.tAmpMv * p.tPolarity;
  const tpl: BeatTemplate = {
    p: p.pAmpMv > 0 ? [{ v: frontalVec(55, -0.3, p.pAmpMv), t: [0, 0.5, 0.5, 1] }] : [],
    qrs,
    rWave: 1,
    t: [
      { v: frontalVec(ax - 15, 0.35, ta), t: [0, T_PEAK, T_PEAK, 0.86] },
      { v: frontalVec(ax - 40, 0.7, T_TAIL * ta), t: [0.6, 0.85, 0.85, 1] },
    ],
    tPeak: T_PEAK,
    tFraction: T_FRACTION,
    st: p.stShiftMv !== 0 ? frontalVec(60, 0, p.stShiftMv) : null,
    u: p.uAmpMv > 0 ? { v: frontalVec(ax - 10, 0.4, p.uAmpMv), t: [0, 0.45, 0.45, 1] } : null,
    uMs: U_MS,
  };
  return tpl;
}

/** The record's beat template: the normal template changed by the preset's pathology (if any). */
export function beatTemplate(p: Required<SynthParams>): BeatTemplate {
  return applyPathology(p, normalTemplate(p));
}
