/**
 * The loss chart's per-batch trace: an exponential moving average of the sampled batch losses (debiased, as
 * TensorBoard smooths, so the first points are not pulled towards 0) and the x axis that spans both the batches
 * (fractional epochs from 0) and the per-epoch points (epoch numbers from 1).
 */
export interface TracePoint {
  x: number;
  loss: number;
}

/** Smoothing weight of the moving average: each new batch moves it by 1 − SMOOTHING of the way. */
export const SMOOTHING = 0.8;

/** Debiased exponential moving average of `points` (same x), skipping non-finite losses. */
export function emaTrace(points: readonly TracePoint[], smoothing = SMOOTHING): TracePoint[] {
  const out: TracePoint[] = [];
  let acc = 0;
  let n = 0;
  for (const p of points) {
    if (!Number.isFinite(p.loss)) continue;
    n++;
    acc = smoothing * acc + (1 - smoothing) * p.loss;
    out.push({ x: p.x, loss: acc / (1 - smoothing ** n) });
  }
  return out;
}

/** Integer epoch ticks over [0, last] (about 7 of them) for a chart that shows batches. */
export function batchEpochTicks(lastX: number): { domain: [number, number]; ticks: number[] } {
  const last = Math.max(1, Math.ceil(lastX - 1e-9));
  const step = [1, 2, 5, 10, 20, 25, 50, 100, 200, 500].find((s) => last / s <= 7) ?? Math.ceil(last / 7);
  const ticks: number[] = [];
  for (let v = 0; v <= last; v += step) ticks.push(v);
  return { domain: [0, last], ticks };
}
