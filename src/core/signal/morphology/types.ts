/**
 * One beat's waves as heart vectors: each wave is a lobe (morphology/lobe.ts) with a 3-D direction × amplitude
 * (mV; x = patient's left, y = inferior, z = anterior) and its on/peak/peak/off times as fractions of its
 * group's span. Projecting the vector on a lead vector gives that lead's wave, so every lead shows the same
 * beat from its own direction (lead-specific shapes from one heart-vector model).
 */
import type { Vec3 } from '../leads';

export interface Wave {
  v: Vec3;
  /** [on, pk1, pk2, off] as fractions of the group's span (pk1 = pk2 unless the wave has a plateau). */
  t: readonly [number, number, number, number];
}

/**
 * The waves of one beat, by group. Spans: P group = the P width from P onset; QRS group = the QRS duration from
 * QRS onset (the earliest wave starts at 0, the latest ends at 1: the support fiducials); T group = the T width
 * (tFraction · (QT − QRS)) ending at T offset (earliest start 0, latest end 1); U = uMs from T offset.
 */
export interface BeatTemplate {
  p: Wave[];
  qrs: Wave[];
  /** Index in qrs of the wave whose peak is the R-peak fiducial. */
  rWave: number;
  t: Wave[];
  /** T peak fiducial as a fraction of the T width. */
  tPeak: number;
  /** Share of (QT − QRS) the T waves occupy; the rest, after the J point, is the ST segment. */
  tFraction: number;
  /** ST-shift vector (null = isoelectric ST): rises over the last 40 % of the QRS, plateau to the T peak, falls at T off. */
  st: Vec3 | null;
  /** U wave (null = none): its span starts at T offset and lasts uMs. */
  u: Wave | null;
  uMs: number;
}
