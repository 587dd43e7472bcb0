import { describe, expect, it } from 'vitest';
import { delineateBeat, isoelectricLevel } from './delineate';
import { globalBeat, intervalsOf } from './labelRules';
import { DEFAULT_NOISE, presetParams } from '../params';
import { synthesize } from '../synthesize';

/** A piecewise-linear signal through knots [ms, mV], sampled at fs, plus a constant baseline. */
function piecewise(knots: [number, number][], fs: number, seconds: number, base = 0): Float64Array {
  const x = new Float64Array(Math.round(seconds * fs));
  for (let i = 0; i < x.length; i++) {
    const t = (i * 1000) / fs;
    let v = 0;
    for (let k = 0; k + 1 < knots.length; k++) {
      const [t0, v0] = knots[k];
      const [t1, v1] = knots[k + 1];
      if (t >= t0 && t <= t1) v = v0 + ((v1 - v0) * (t - t0)) / (t1 - t0);
    }
    x[i] = v + base;
  }
  return x;
}

const fs = 500;
const toMs = (samples: number) => (samples * 1000) / fs;
// P 200–300 ms (0.15 mV), QRS 400–460 ms (q −0.1, R 1.0, S −0.3), T 600–800 ms (linear 0.4 mV, peak at 720).
const beat: [number, number][] = [
  [0, 0], [200, 0], [250, 0.15], [300, 0], [400, 0], [405, -0.1], [425, 1.0], [450, -0.3], [460, 0],
  [600, 0], [720, 0.4], [800, 0], [1000, 0],
];
const win = { r: Math.round(0.425 * fs), lo: 0, hi: Math.round(0.99 * fs), pLo: Math.round(0.18 * fs), pHi: Math.round(0.32 * fs) };

describe('delineateBeat on hand-made signals', () => {
  it('finds the isoelectric level in the PR region', () => {
    expect(isoelectricLevel(piecewise(beat, fs, 1, 0.1), fs, 150, 210)).toBeCloseTo(0.1, 12);
  });

  it('QRS onset/offset where |x − b| crosses 20 µV on the first and last segments', () => {
    for (const base of [0, 0.1, -0.25]) {
      const f = delineateBeat(piecewise(beat, fs, 1, base), fs, win);
      expect(f.baseline).toBeCloseTo(base, 9);
      // q falls 0.1 mV in 5 ms: 0.02 mV is reached 1 ms after 400 ms; S rises 0.3 mV in 10 ms: 0.02 mV left 0.667 ms before 460.
      expect(toMs(f.qrsOn)).toBeCloseTo(401, 6);
      expect(toMs(f.qrsOff)).toBeCloseTo(460 - 0.02 / 0.03, 6);
    }
  });

  it('T offset by the tangent: a linear descending limb meets the baseline at its end', () => {
    for (const base of [0, 0.1]) {
      const f = delineateBeat(piecewise(beat, fs, 1, base), fs, win);
      expect(toMs(f.tPeak)).toBeCloseTo(720, 6);
      expect(toMs(f.tOff)).toBeCloseTo(800, 6);
      expect(f.tAmp).toBeCloseTo(0.4, 9);
    }
  });

  it('T offset of a negative T: the tangent to the ascending limb', () => {
    const neg = beat.map(([t, v]) => [t, t >= 600 ? -v : v] as [number, number]);
    // a curved tail after the steepest part: the tangent still hits the baseline where the straight limb would
    neg.splice(neg.length - 2, 1, [770, -0.15], [800, -0.05], [840, 0]);
    const f = delineateBeat(piecewise(neg, fs, 1), fs, win);
    // steepest ascending slope 0.25 mV / 50 ms on [720, 770]: the tangent meets 0 at 770 + 0.15 / 0.005 = 800 ms
    expect(toMs(f.tOff)).toBeCloseTo(800, 6);
  });

  it('P onset/offset at the 10 % (15 µV) crossings of a triangular P', () => {
    const f = delineateBeat(piecewise(beat, fs, 1), fs, win);
    // θa = min(20, max(10, 0.1 × 150)) µV = 15 µV, slope 0.15 mV / 50 ms: 5 ms inside each end
    expect(toMs(f.pOn)).toBeCloseTo(205, 6);
    expect(toMs(f.pOff)).toBeCloseTo(295, 6);
    expect(f.pAmp).toBeCloseTo(0.15, 9);
  });

  it('J point with an elevated ST segment: the start of the flat stretch, not a return to baseline', () => {
    const st = beat.map(([t, v]) => [t, t >= 460 && t <= 600 ? 0.2 : v] as [number, number]);
    st.splice(st.findIndex(([t]) => t === 460), 1, [455, 0], [470, 0.2], [560, 0.2]);
    const f = delineateBeat(piecewise(st, fs, 1), fs, { ...win, tLo: Math.round(0.6 * fs) });
    // the ST level is reached at 470 ms; the slope (8-ms central difference) is flat from 474 ms on
    expect(toMs(f.qrsOff)).toBeGreaterThanOrEqual(470);
    expect(toMs(f.qrsOff)).toBeLessThanOrEqual(476);
  });
});

describe('global and per-lead rules', () => {
  const lead = (pOn: number, qrsOn: number, qrsOff: number, tOff: number, pAmp = 0.1, tAmp = 0.3) => ({ baseline: 0, pOn, pOff: pOn + 50, qrsOn, qrsOff, tPeak: tOff - 60, tOff, pAmp, tAmp });
  it('earliest onset and latest offset over leads; leads with a too-small P or T do not vote', () => {
    const g = globalBeat([lead(100, 200, 250, 500), lead(90, 205, 262, 520), lead(60, 195, 255, 600, 0.01, 0.02)]);
    expect(g).toEqual({ pOn: 90, qrsOn: 195, qrsOff: 262, tOff: 520 });
  });
  it('intervals are means over beats in ms', () => {
    const l = intervalsOf([{ pOn: 0, qrsOn: 80, qrsOff: 125, tOff: 280 }, { pOn: 500, qrsOn: 580, qrsOff: 625, tOff: 790 }], 500, 60);
    expect(l).toEqual({ hr_bpm: 60, pr_ms: 160, qrs_ms: 90, qt_ms: 410 });
  });
});

describe('annotated labels of synthetic records', () => {
  const opts = { fs: 500 as const, seconds: 10, leads: '12' as const, seed: 7, noise: DEFAULT_NOISE };
  it('signals are bit-identical under every rule; support labels unchanged; deterministic', () => {
    for (const preset of ['normal', 'afib', 'st_elevation'] as const) {
      const a = synthesize(presetParams(preset), opts);
      const g = synthesize(presetParams(preset), opts, 'annotated-global');
      const g2 = synthesize(presetParams(preset), opts, 'annotated-global');
      expect(g.signals).toEqual(a.signals);
      expect(g.labels).toEqual(a.labels);
      expect(a.annotated).toBeUndefined();
      expect(g2.annotated).toEqual(g.annotated);
    }
  });
  it('an annotator sees the waves end before their supports do (raised-cosine tails are invisible)', () => {
    const r = synthesize(presetParams('normal'), opts, 'annotated-lead');
    const s = r.labels;
    const a = r.annotated!.labels;
    expect(a.qrs_ms).toBeLessThan(s.qrs_ms);
    expect(a.qrs_ms).toBeGreaterThan(s.qrs_ms - 20);
    expect(a.qt_ms).toBeLessThan(s.qt_ms);
    expect(a.qt_ms).toBeGreaterThan(s.qt_ms - 40);
    expect(Math.abs(a.pr_ms! - s.pr_ms!)).toBeLessThan(15);
  });
  it('the global rule is at least as long as lead II; one lead: both rules agree', () => {
    const g = synthesize(presetParams('normal'), opts, 'annotated-global').annotated!.labels;
    const l = synthesize(presetParams('normal'), opts, 'annotated-lead').annotated!.labels;
    expect(g.qrs_ms).toBeGreaterThanOrEqual(l.qrs_ms);
    expect(g.qt_ms).toBeGreaterThanOrEqual(l.qt_ms);
    const one = { ...opts, leads: '1' as const };
    expect(synthesize(presetParams('normal'), one, 'annotated-global').annotated!.labels).toEqual(synthesize(presetParams('normal'), one, 'annotated-lead').annotated!.labels);
    expect(synthesize(presetParams('afib'), one, 'annotated-lead').annotated!.labels.pr_ms).toBeNull();
  });
});
