/** MIT-BIH beat annotation symbols → AAMI EC57 classes N, S, V, F, Q. */
import type { AamiClass, Annotation } from '../recording';

export const AAMI_MAP: Record<string, AamiClass> = {
  N: 'N', L: 'N', R: 'N', e: 'N', j: 'N',
  A: 'S', a: 'S', J: 'S', S: 'S',
  V: 'V', E: 'V',
  F: 'F',
  '/': 'Q', f: 'Q', Q: 'Q',
};

/** Counts beats per AAMI class (all five keys present); non-beat annotations are ignored. */
export function aamiCounts(anns: Annotation[]): Record<AamiClass, number> {
  const c: Record<AamiClass, number> = { N: 0, S: 0, V: 0, F: 0, Q: 0 };
  for (const a of anns) {
    const k = AAMI_MAP[a.symbol];
    if (k) c[k]++;
  }
  return c;
}
