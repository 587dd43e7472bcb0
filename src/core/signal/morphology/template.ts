/**
 * The waves of a record's beats (docs/synthesis.md, "Model"): a normal template from the designer parameters,
 * then the preset's pathology changes (pathology/). Directions are heart-vector directions (x left, y inferior,
 * z anterior); the lead vectors (leads.ts) turn them into lead-specific shapes.
 *
 * Normal beat:
 *  - P: one lobe (55° frontal, slightly posterior);
 *  - QRS: septal q (rightward-anterior), R (the frontal axis, posterior), terminal s (rightward-superior-posterior);
 *    optional fragmentation (a narrow notch on the R downstroke); R and s within the middle of the QRS span, with
 *    a low, gradual onset and offset (see QRS_CORE);
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

/**
 * The QRS's gradual onset and offset (docs/synthesis.md, "QRS read short"). The septal q keeps its place at the
 * start; R, s (and a fragmentation notch) fill the middle QRS_CORE of the span from QRS_LEAD on, the R lobe
 * widened by R_WIDEN on both sides; a low lobe in the q direction (ONSET_SLUR × R) carries the initial forces
 * from the onset, and one in the R direction (OFFSET_SLUR × R) the slow return to the line before the offset.
 * On LUDB 1–40 at 100 Hz the 12-lead magnitude is above 20 % of its peak for 0.645 of the annotated QRS (onset
 * to the first 20 % crossing 21 ms, last crossing to offset 14.7 ms) and above 50 % for 0.372; this shape gives
 * 0.715 (15.1, 13.7 ms) and 0.347, the earlier q-R-s alone 0.81 and 0.34 (`npx tsx bench/qrsShape.ts`).
 */
const QRS_LEAD = 0.2;
const QRS_CORE = 0.6;
const R_WIDEN = 0.18;
const ONSET_SLUR = 0.06;
const OFFSET_SLUR = 0.18;
/** The onset slur ends at 30 % of the core's scale (peak at 12 %); the offset slur starts at 60 % (peak at 80 %). */
const SLUR_IN = 0.3;
const SLUR_OUT = 0.6;

function slurred(core: Wave[], ax: number, rAmp: number): Wave[] {
  const at = (f: number) => QRS_LEAD + QRS_CORE * f;
  const out: Wave[] = core.map((w, i) => (i === 0 ? w : { ...w, t: [at(w.t[0]), at(w.t[1]), at(w.t[2]), at(w.t[3])] }));
  const inPk = at(0.4 * SLUR_IN);
  const outPk = at(SLUR_OUT + 0.5 * (1 - SLUR_OUT));
  out.push(
    { v: frontalVec(ax + 200, 1.5, ONSET_SLUR * rAmp), t: [0, inPk, inPk, at(SLUR_IN)] },
    { v: frontalVec(ax, -0.1, OFFSET_SLUR * rAmp), t: [at(SLUR_OUT), outPk, outPk, 1] },
  );
  return out;
}

export function normalTemplate(p: Required<SynthParams>): BeatTemplate {
  const ax = p.axisDeg;
  const rsr = p.rPrimeMv > 0;
  const core: Wave[] = rsr
    ? [
        { v: frontalVec(ax + 200, 0.5, p.qAmpMv), t: [0, 0.1, 0.1, 0.22] },
        { v: frontalVec(ax, -0.3, p.rAmpMv), t: [0.08, 0.28, 0.28, 0.5] },
        { v: frontalVec(ax + 150, -0.6, p.sAmpMv), t: [0.36, 0.52, 0.52, 0.7] },
        { v: frontalVec(200, 0.9, p.rPrimeMv), t: [0.56, 0.8, 0.8, 1] },
      ]
    : [
        { v: frontalVec(ax + 200, 1.5, p.qAmpMv), t: [0, 0.15, 0.15, 0.3] },
        { v: frontalVec(ax, -0.1, p.rAmpMv), t: [0.12 - R_WIDEN, 0.42, 0.42, 0.68 + R_WIDEN] },
        { v: frontalVec(ax + 150, -2.4, p.sAmpMv), t: [0.5, 0.72, 0.72, 1] },
      ];
  if (p.fragMv > 0) core.push({ v: frontalVec(ax + 180, 0.3, p.fragMv), t: rsr ? [0.3, 0.35, 0.35, 0.42] : [0.46, 0.52, 0.52, 0.6] });
  const qrs = slurred(core, ax, p.rAmpMv);
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
