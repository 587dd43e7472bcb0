/**
 * Pathology presets as changes to the normal beat template (docs/synthesis.md, "Pathologies"). Each gives its
 * hallmark signs through the heart vector, so every lead shows them from its own direction:
 *  - MI-like (anterior / inferior / lateral): the early QRS forces point away from the infarcted territory (a
 *    pathological Q ≥ 40 ms in the territory's leads; no septal q), the ST vector points towards it (ST elevation
 *    there, reciprocal depression opposite) and the T vector away from it (T inversion);
 *  - LVH-like: a large, more posterior QRS vector (Sokolow–Lyon SV1 + RV5 ≥ 3.5 mV) with strain: ST vector along
 *    −QRS (ST depression) and an inverted T in the left leads;
 *  - RBBB: normal early activation, then a slow terminal rightward-anterior R′ (rsR′ in V1, broad S in I and V6),
 *    T away from the R′ (inverted in V1–V2);
 *  - LBBB: no septal q; two broad leftward-posterior lobes (broad notched R in I, aVL, V5–V6; deep S in V1);
 *    discordant ST-T;
 *  - LAFB: frontal axis −45° to −90° with an inferior-rightward initial vector (qR in aVL, rS in II/III/aVF);
 *  - WPW-like: a slow delta lobe from the (early) QRS onset merging into a late normal QRS: short PR, slurred
 *    upstroke, wide QRS.
 * Intervals stay exact: every QRS template starts at fraction 0 and ends at 1 of the QRS duration.
 */
import type { Vec3 } from '../leads';
import { frontalVec } from '../leads';
import type { BeatTemplate, Wave } from '../morphology/types';
import type { SynthParams } from '../types';

const scale = (v: Vec3, k: number): Vec3 => [v[0] * k, v[1] * k, v[2] * k];
const unit = (v: Vec3): Vec3 => scale(v, 1 / Math.hypot(v[0], v[1], v[2]));

/** Directions of the coronary territories (towards the leads that face them). */
export const TERRITORY: Record<'anterior' | 'inferior' | 'lateral', Vec3> = {
  anterior: unit([0.15, 0, 1]), // V1–V4
  inferior: unit([0, 1, 0]), // II, III, aVF
  lateral: unit([1, -0.35, -0.15]), // I, aVL, V5, V6
};

function mi(p: Required<SynthParams>, tpl: BeatTemplate, d: Vec3): BeatTemplate {
  const ax = p.axisDeg;
  const qrs: Wave[] = [
    { v: scale(d, -p.qAmpMv), t: [0, 0.25, 0.25, 0.55] },
    { v: frontalVec(ax, -0.45, p.rAmpMv), t: [0.35, 0.6, 0.6, 0.85] },
    { v: frontalVec(ax + 150, -0.6, p.sAmpMv), t: [0.62, 0.82, 0.82, 1] },
  ];
  const ta = p.tAmpMv * p.tPolarity;
  const awayT = unit([d[0] * -1 + 0.15 * Math.cos((ax * Math.PI) / 180), -d[1] + 0.15 * Math.sin((ax * Math.PI) / 180), -d[2]]);
  return {
    ...tpl,
    qrs,
    rWave: 1,
    st: p.stShiftMv !== 0 ? scale(d, p.stShiftMv) : null,
    t: [
      { v: scale(awayT, ta), t: tpl.t[0].t },
      { v: scale(awayT, 0.15 * ta), t: tpl.t[1].t },
    ],
  };
}

function lvh(p: Required<SynthParams>, tpl: BeatTemplate): BeatTemplate {
  const ax = p.axisDeg;
  const r = frontalVec(ax, -0.7, p.rAmpMv);
  const rDir = unit(r);
  return {
    ...tpl,
    qrs: [
      { v: frontalVec(ax + 200, 0.5, p.qAmpMv), t: [0, 0.15, 0.15, 0.3] },
      { v: r, t: [0.12, 0.42, 0.42, 0.68] },
      { v: frontalVec(ax + 170, -1.2, p.sAmpMv), t: [0.5, 0.72, 0.72, 1] },
    ],
    // strain: ST and T along −QRS in the left leads (stShiftMv < 0 depresses ST where R is tall)
    st: p.stShiftMv !== 0 ? scale(rDir, Math.abs(p.stShiftMv) * Math.sign(p.stShiftMv)) : null,
    t: [
      { v: scale(rDir, p.tAmpMv * p.tPolarity), t: tpl.t[0].t },
      { v: scale(rDir, 0.15 * p.tAmpMv * p.tPolarity), t: tpl.t[1].t },
    ],
  };
}

function rbbb(p: Required<SynthParams>, tpl: BeatTemplate): BeatTemplate {
  const ax = p.axisDeg;
  const tDir = frontalVec(ax - 15, -0.45, p.tAmpMv * p.tPolarity);
  return {
    ...tpl,
    qrs: [
      { v: frontalVec(ax + 200, 0.8, p.qAmpMv), t: [0, 0.1, 0.1, 0.22] },
      { v: frontalVec(ax, -0.45, p.rAmpMv), t: [0.08, 0.27, 0.27, 0.46] },
      { v: frontalVec(ax + 150, -0.6, p.sAmpMv), t: [0.32, 0.45, 0.45, 0.6] },
      { v: scale(unit([-0.75, 0.1, 0.9]), p.rPrimeMv), t: [0.46, 0.74, 0.74, 1] },
    ],
    rWave: 1,
    t: [
      { v: tDir, t: tpl.t[0].t },
      { v: scale(tDir, 0.15), t: tpl.t[1].t },
    ],
  };
}

function lbbb(p: Required<SynthParams>, tpl: BeatTemplate): BeatTemplate {
  const tDir = unit([-0.8, 0.3, 0.6]);
  return {
    ...tpl,
    qrs: [
      { v: scale(unit([1, 0.45, -0.55]), 0.55 * p.rAmpMv), t: [0, 0.3, 0.3, 0.58] },
      { v: scale(unit([0.9, 0.15, -0.85]), 0.6 * p.rAmpMv), t: [0.38, 0.72, 0.72, 1] },
    ],
    rWave: 0,
    st: p.stShiftMv !== 0 ? scale(tDir, p.stShiftMv) : null,
    t: [
      { v: scale(tDir, p.tAmpMv * p.tPolarity), t: tpl.t[0].t },
      { v: scale(tDir, 0.15 * p.tAmpMv * p.tPolarity), t: tpl.t[1].t },
    ],
  };
}

function lafb(p: Required<SynthParams>, tpl: BeatTemplate): BeatTemplate {
  // initial forces through the intact posterior fascicle: inferior and rightward, whatever the (left) axis
  const qrs = tpl.qrs.map((w, i) => (i === 0 ? { v: frontalVec(120, 0.3, p.qAmpMv), t: w.t } : w));
  return { ...tpl, qrs };
}

function wpw(p: Required<SynthParams>, tpl: BeatTemplate): BeatTemplate {
  const ax = p.axisDeg;
  return {
    ...tpl,
    qrs: [
      { v: frontalVec(ax - 10, -0.2, 0.3 * p.rAmpMv), t: [0, 0.42, 0.42, 0.6] },
      { v: frontalVec(ax, -0.45, 0.8 * p.rAmpMv), t: [0.3, 0.55, 0.55, 0.78] },
      { v: frontalVec(ax + 150, -0.6, p.sAmpMv), t: [0.6, 0.8, 0.8, 1] },
    ],
    rWave: 1,
  };
}

/** The preset's changes to the normal template (none for the non-pathology presets). */
export function applyPathology(p: Required<SynthParams>, tpl: BeatTemplate): BeatTemplate {
  switch (p.preset) {
    case 'mi_anterior':
      return mi(p, tpl, TERRITORY.anterior);
    case 'mi_inferior':
      return mi(p, tpl, TERRITORY.inferior);
    case 'mi_lateral':
      return mi(p, tpl, TERRITORY.lateral);
    case 'lvh':
      return lvh(p, tpl);
    case 'rbbb':
      return rbbb(p, tpl);
    case 'lbbb':
      return lbbb(p, tpl);
    case 'lafb':
      return lafb(p, tpl);
    case 'wpw':
      return wpw(p, tpl);
    default:
      return tpl;
  }
}
