/**
 * Heart-vector geometry. Coordinates: x = patient's left, y = inferior, z = anterior (mV).
 * Frontal-plane angles follow the hexaxial convention (0° = lead I, +90° = aVF, clockwise positive).
 *
 * Only I, II and V1–V6 are projections of the heart vector; III, aVR, aVL and aVF are computed from the
 * stored (Float32) I and II, so Einthoven/Goldberger identities hold exactly on the output arrays:
 * III = II − I, aVR = −(I + II)/2, aVL = I − II/2, aVF = II − I/2.
 */
import { STANDARD_12_LEADS, type LeadName } from './types';

export type Vec3 = readonly [number, number, number];

const DEG = Math.PI / 180;

/** Unit-free lead vector for a frontal-plane angle (deg) and an optional anterior component. */
export function frontalVec(angleDeg: number, z = 0, gain = 1): Vec3 {
  return [gain * Math.cos(angleDeg * DEG), gain * Math.sin(angleDeg * DEG), gain * z];
}

export const LEAD_I: Vec3 = [1, 0, 0];
export const LEAD_II: Vec3 = [0.5, Math.sqrt(3) / 2, 0];

/**
 * Precordial lead vectors: the V1–V6 rows of Dower's inverse transform from the Frank X, Y, Z leads
 * (Dower et al., J Electrocardiol 1980; coefficients as tabulated by Edenbrandt & Pahlm, J Electrocardiol 1988),
 * with Frank's posterior Z flipped to this file's anterior z, scaled by 1/0.632 (Dower's lead-I X coefficient) so
 * that they sit on the same scale as the hexaxial limb leads (lead I = (1, 0, 0)). Their magnitudes (≈ 1.6–2.5)
 * make chest leads larger than limb leads, as on real ECGs, and their directions give the usual R-wave
 * progression (rS in V1, transition around V3–V4, qR in V5–V6) for a left-inferior-posterior QRS vector.
 */
const DOWER_V: Array<[x: number, y: number, zFrank: number]> = [
  [-0.515, 0.157, -0.917], // V1
  [0.044, 0.164, -1.387], // V2
  [0.882, 0.098, -1.277], // V3
  [1.213, 0.127, -0.601], // V4
  [1.125, 0.127, -0.086], // V5
  [0.831, 0.076, 0.23], // V6
];
const DOWER_SCALE = 1 / 0.632;

export const PRECORDIAL_VECS: Vec3[] = DOWER_V.map(([x, y, zf]) => [DOWER_SCALE * x, DOWER_SCALE * y, -DOWER_SCALE * zf]);

/** The projected (independent) leads of the 12-lead layout, in computation order. */
export const INDEPENDENT_12: Array<{ name: LeadName; vec: Vec3 }> = [
  { name: 'I', vec: LEAD_I },
  { name: 'II', vec: LEAD_II },
  ...PRECORDIAL_VECS.map((vec, i) => ({ name: `V${i + 1}` as LeadName, vec })),
];

export const LEADS_12: LeadName[] = [...STANDARD_12_LEADS];
export const LEADS_1: LeadName[] = ['II'];

/** Writes III, aVR, aVL, aVF from I and II (indices in the 12-lead order: I=0, II=1, III=2, aVR=3, aVL=4, aVF=5). */
export function deriveLimbLeads(out: Float32Array[]): void {
  const I = out[0];
  const II = out[1];
  const III = out[2];
  const aVR = out[3];
  const aVL = out[4];
  const aVF = out[5];
  for (let n = 0; n < I.length; n++) {
    const a = I[n];
    const b = II[n];
    III[n] = b - a;
    aVR[n] = -(a + b) / 2;
    aVL[n] = a - b / 2;
    aVF[n] = b - a / 2;
  }
}

export function dot(a: Vec3, b: Vec3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

/** Every lead's vector (limb leads by the Einthoven/Goldberger identities), for geometry and tests. */
export const LEAD_VECTORS: Record<LeadName, Vec3> = {
  I: LEAD_I,
  II: LEAD_II,
  III: [LEAD_II[0] - 1, LEAD_II[1], 0],
  aVR: [-(1 + LEAD_II[0]) / 2, -LEAD_II[1] / 2, 0],
  aVL: [1 - LEAD_II[0] / 2, -LEAD_II[1] / 2, 0],
  aVF: [LEAD_II[0] - 0.5, LEAD_II[1], 0],
  V1: PRECORDIAL_VECS[0],
  V2: PRECORDIAL_VECS[1],
  V3: PRECORDIAL_VECS[2],
  V4: PRECORDIAL_VECS[3],
  V5: PRECORDIAL_VECS[4],
  V6: PRECORDIAL_VECS[5],
};
