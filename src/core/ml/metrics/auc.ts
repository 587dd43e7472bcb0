/** Exact ROC AUC (Mann–Whitney U with average ranks for ties) and ROC curve points. */

/** AUC of scores for a binary labelling; NaN when one class is absent. Ties count 1/2. */
export function rocAuc(labels: ArrayLike<number | boolean>, scores: ArrayLike<number>): number {
  const n = labels.length;
  if (scores.length !== n) throw new Error(`length mismatch: ${n} labels vs ${scores.length} scores`);
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let nPos = 0;
  let rankSumPos = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && scores[idx[j + 1]] === scores[idx[i]]) j++;
    const avgRank = (i + j) / 2 + 1; // ranks are 1-based
    for (let k = i; k <= j; k++) {
      if (labels[idx[k]]) {
        nPos++;
        rankSumPos += avgRank;
      }
    }
    i = j + 1;
  }
  const nNeg = n - nPos;
  if (nPos === 0 || nNeg === 0) return NaN;
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

export interface RocPoint {
  fpr: number;
  tpr: number;
  /** Score threshold: predicted positive when score >= threshold (Infinity for the origin). */
  threshold: number;
}

/** ROC curve: one point per distinct score (ties form one diagonal step), from (0,0) to (1,1). */
export function rocCurve(labels: ArrayLike<number | boolean>, scores: ArrayLike<number>): RocPoint[] {
  const n = labels.length;
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
  let nPos = 0;
  for (let i = 0; i < n; i++) if (labels[i]) nPos++;
  const nNeg = n - nPos;
  const pts: RocPoint[] = [{ fpr: 0, tpr: 0, threshold: Infinity }];
  let tp = 0;
  let fp = 0;
  let i = 0;
  while (i < n) {
    const s = scores[idx[i]];
    while (i < n && scores[idx[i]] === s) {
      if (labels[idx[i]]) tp++;
      else fp++;
      i++;
    }
    pts.push({ fpr: nNeg ? fp / nNeg : 0, tpr: nPos ? tp / nPos : 0, threshold: s });
  }
  return pts;
}

/** Trapezoidal area under ROC points (equals rocAuc for curves from rocCurve). */
export function trapezoidArea(points: RocPoint[]): number {
  let a = 0;
  for (let i = 1; i < points.length; i++) {
    a += ((points[i].fpr - points[i - 1].fpr) * (points[i].tpr + points[i - 1].tpr)) / 2;
  }
  return a;
}
