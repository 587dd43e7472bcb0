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

/** Precordial lead vectors: horizontal angle from the left (x) towards anterior (z), inferior tilt, gain. */
/** Gains > 1: the chest electrodes sit closer to the heart than the limb electrodes (larger amplitudes). */
const PRECORDIAL: Array<[angleDeg: number, y: number, gain: number]> = [
  [120, 0, 1.5], // V1
  [97, 0.05, 2.2], // V2
  [75, 0.1, 2.4], // V3
  [55, 0.2, 2.5], // V4
  [30, 0.25, 2.2], // V5
  [5, 0.25, 1.8], // V6
];

export const PRECORDIAL_VECS: Vec3[] = PRECORDIAL.map(([a, y, g]) => [g * Math.cos(a * DEG), g * y, g * Math.sin(a * DEG)]);

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
