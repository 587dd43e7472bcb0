/**
 * The RR tachogram: beat times (QRS onsets, seconds) for a record.
 *
 * Sinus rhythm: RR(t) = mean RR + LF part + HF part + RSA, where LF/HF follow McSharry et al.'s bimodal
 * spectrum (Gaussian peaks at 0.1 Hz and at the respiration rate, widths 0.01 Hz) synthesised as sums of
 * sinusoids with frequencies drawn from those peaks and random phases; their total standard deviation is
 * rrStdMs and the LF:HF power split is lfHfRatio. RSA adds rsaMs·sin(2π·respHz·t + φ) (phase shared with
 * the respiration-like baseline wander). RR is evaluated at each beat time and clipped to [0.6, 1.6] × mean.
 *
 * AF-like rhythm: RR intervals are independent draws, mean 60/hr, SD rrStdMs, clipped to [0.4, 2] × mean.
 * Both: an RR is never shorter than the beat's QT + 60 ms (refractoriness), see minRr.
 */
import type { Rng } from './rng';
import type { SynthParams } from './types';

const COMPONENTS_PER_BAND = 6;
const LF_HZ = 0.1;
const BAND_SD_HZ = 0.01;

export interface Rhythm {
  /** QRS onset times in seconds (may start before 0 and end after the record). */
  qrsOn: Float64Array;
  count: number;
}

/**
 * Beat times covering [start, end] seconds, first beat before `start`, last after `end`.
 * `minRr(rrPrev)` (s) is the shortest allowed next RR after a beat whose preceding RR was rrPrev: the ventricles
 * are refractory until the T wave ends, so no beat starts inside the previous T wave.
 */
export function makeRhythm(
  p: Required<SynthParams>,
  start: number,
  end: number,
  rng: Rng,
  respPhase: number,
  minRr: (rrPrev: number) => number,
): Rhythm {
  const meanRr = 60 / p.hrBpm;
  const maxBeats = Math.ceil((end - start + 2 * meanRr) / (0.4 * meanRr)) + 4;
  const qrsOn = new Float64Array(maxBeats);
  let t = start - rng.next() * meanRr;
  let count = 0;
  let rrPrev = meanRr;
  if (p.preset === 'afib') {
    const sd = p.rrStdMs / 1000;
    while (count < maxBeats) {
      qrsOn[count++] = t;
      if (t > end) break;
      let rr = meanRr + sd * rng.normal();
      rr = Math.max(minRr(rrPrev), Math.min(2 * meanRr, Math.max(0.4 * meanRr, rr)));
      t += rr;
      rrPrev = rr;
    }
    return { qrsOn, count };
  }
  const n = 2 * COMPONENTS_PER_BAND;
  const omega = new Float64Array(n);
  const phase = new Float64Array(n);
  const amp = new Float64Array(n);
  const sd = p.rrStdMs / 1000;
  const lfPower = (sd * sd * p.lfHfRatio) / (1 + p.lfHfRatio);
  const hfPower = (sd * sd) / (1 + p.lfHfRatio);
  for (let k = 0; k < n; k++) {
    const lf = k < COMPONENTS_PER_BAND;
    // 2π·f folded once: (2π·f)·t is the same product, in the same order, as 2 * Math.PI * f * t
    omega[k] = 2 * Math.PI * Math.max(0.01, (lf ? LF_HZ : p.respHz) + BAND_SD_HZ * rng.normal());
    phase[k] = 2 * Math.PI * rng.next();
    amp[k] = Math.sqrt((2 * (lf ? lfPower : hfPower)) / COMPONENTS_PER_BAND);
  }
  const rsa = p.rsaMs / 1000;
  const w = 2 * Math.PI * p.respHz;
  while (count < maxBeats) {
    qrsOn[count++] = t;
    if (t > end) break;
    let rr = meanRr + rsa * Math.sin(w * t + respPhase);
    for (let k = 0; k < n; k++) rr += amp[k] * Math.sin(omega[k] * t + phase[k]);
    rr = Math.max(minRr(rrPrev), Math.min(1.6 * meanRr, Math.max(0.6 * meanRr, rr)));
    t += rr;
    rrPrev = rr;
  }
  return { qrsOn, count };
}
