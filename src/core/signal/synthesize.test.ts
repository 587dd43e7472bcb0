import { describe, expect, it } from 'vitest';
import {
  DEFAULT_NOISE,
  NO_NOISE,
  ParamError,
  PARAM_RANGES,
  presetParams,
  synthesize,
  validateParams,
  MORPHOLOGY_PRESETS,
  type MorphologyPreset,
  type RecordOptions,
  type SamplingRate,
  type SynthParams,
} from './index';
import { detectRPeaks, heartRateFromPeaks } from './testing/panTompkins';
import { absSum, activeRuns, hashSignals } from './testing/boundaries';

const opts = (o: Partial<RecordOptions> = {}): RecordOptions => ({ fs: 500, seconds: 10, leads: '12', seed: 7, noise: DEFAULT_NOISE, ...o });

describe('synthesize: shape, leads, determinism', () => {
  it('returns 12 named Float32 leads of fs × seconds samples, finite values, mV scale', () => {
    const r = synthesize(presetParams('normal'), opts());
    expect(r.leadNames).toEqual(['I', 'II', 'III', 'aVR', 'aVL', 'aVF', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6']);
    expect(r.signals).toHaveLength(12);
    for (const s of r.signals) {
      expect(s).toBeInstanceOf(Float32Array);
      expect(s.length).toBe(5000);
      expect(s.every(Number.isFinite)).toBe(true);
    }
    const ii = r.signals[1];
    expect(Math.max(...ii)).toBeGreaterThan(0.8);
    expect(Math.max(...ii)).toBeLessThan(2);
    const one = synthesize(presetParams('normal'), opts({ leads: '1', fs: 100 }));
    expect(one.leadNames).toEqual(['II']);
    expect(one.signals[0].length).toBe(1000);
  });

  it('limb-lead identities hold exactly (with noise)', () => {
    const [I, II, III, aVR, aVL, aVF] = synthesize(presetParams('bbb'), opts({ seed: 3 })).signals;
    for (let n = 0; n < I.length; n++) {
      expect(III[n]).toBe(Math.fround(II[n] - I[n]));
      expect(aVR[n]).toBe(Math.fround(-(I[n] + II[n]) / 2));
      expect(aVL[n]).toBe(Math.fround(I[n] - II[n] / 2));
      expect(aVF[n]).toBe(Math.fround(II[n] - I[n] / 2));
    }
  });

  it('is deterministic: same seed → identical arrays; other seed → different; golden hash', () => {
    const a = synthesize(presetParams('afib'), opts({ seed: 11 }));
    const b = synthesize(presetParams('afib'), opts({ seed: 11 }));
    const c = synthesize(presetParams('afib'), opts({ seed: 12 }));
    expect(hashSignals(a.signals)).toBe(hashSignals(b.signals));
    a.signals.forEach((s, i) => expect(s).toEqual(b.signals[i]));
    expect(a.beats).toEqual(b.beats);
    expect(hashSignals(a.signals)).not.toBe(hashSignals(c.signals));
    // Golden value: changes only when the engine changes on purpose (then bump SYNTH_ENGINE_VERSION).
    expect(hashSignals(synthesize(presetParams('normal'), opts({ seed: 1, leads: '1', fs: 100 })).signals)).toMatchInlineSnapshot(`"68848dd0"`);
  });

  it('noise never changes labels or fiducials', () => {
    for (const preset of ['normal', 'afib', 'long_qt'] as const) {
      const clean = synthesize(presetParams(preset), opts({ noise: NO_NOISE }));
      const noisy = synthesize(presetParams(preset), opts({ noise: { ...DEFAULT_NOISE, emgMv: 0.1, motionMv: 0.5 } }));
      expect(noisy.labels).toEqual(clean.labels);
      expect(noisy.beats).toEqual(clean.beats);
      expect(hashSignals(noisy.signals)).not.toBe(hashSignals(clean.signals));
    }
  });
});

describe('labels checked independently of the generator', () => {
  it('a Pan–Tompkins detector recovers hr_bpm within 1 bpm on noisy records', () => {
    const cases: Array<[MorphologyPreset, SamplingRate, number]> = [];
    for (const p of MORPHOLOGY_PRESETS) for (const fs of [100, 250, 500, 1000] as const) for (const seed of [1, 2]) cases.push([p, fs, seed]);
    for (const [preset, fs, seed] of cases) {
      const noise = { ...DEFAULT_NOISE, baselineMv: 0.3, emgMv: 0.05, powerlineMv: 0.05, motionMv: 0.2 };
      const r = synthesize(presetParams(preset), { fs, seconds: 10, leads: '1', seed, noise });
      const hr = heartRateFromPeaks(detectRPeaks(r.signals[0], fs), fs);
      expect(Math.abs(hr - r.labels.hr_bpm), `${preset} @${fs} Hz: detected ${hr}, label ${r.labels.hr_bpm}`).toBeLessThan(1);
    }
  });

  const boundaryPresets: MorphologyPreset[] = ['normal', 'sinus_brady', 'sinus_tachy', 'av_block_1', 'bbb', 'long_qt', 't_inversion', 'rbbb', 'lafb', 'wpw'];
  it('noise-free: thresholded wave boundaries match fiducials within 2 samples (lead II and all 12 leads)', () => {
    let checked = 0;
    for (const [k, preset] of boundaryPresets.entries()) {
      for (const fs of [100, 500, 1000] as const) {
        for (const leads of ['1', '12'] as const) {
          const r = synthesize(presetParams(preset), { fs, seconds: 10, leads, seed: 100 + k, noise: NO_NOISE });
          const x = leads === '1' ? r.signals[0] : absSum(r.signals);
          const runs = activeRuns(x, fs, 1e-5);
          expect(r.beats.length).toBeGreaterThan(3);
          for (const b of r.beats) {
            const qi = runs.findIndex((run) => run.start <= b.rPeak && b.rPeak <= run.end);
            expect(qi, `${preset} ${fs} Hz: QRS run`).toBeGreaterThan(0);
            const [p, q, t] = [runs[qi - 1], runs[qi], runs[qi + 1]];
            const near = (got: number, want: number, what: string) =>
              expect(Math.abs(got - want), `${preset} ${fs} Hz ${leads}-lead ${what}: found ${got}, label ${want}`).toBeLessThanOrEqual(2);
            near(p.start, b.pOn, 'P on');
            near(p.end, b.pOff, 'P off');
            near(q.start, b.qrsOn, 'QRS on');
            near(q.end, b.qrsOff, 'QRS off');
            near(t.start, b.tOn, 'T on');
            near(t.end, b.tOff, 'T off');
            if (leads === '1') {
              let tp = t.start;
              for (let i = t.start; i <= t.end; i++) if (Math.abs(x[i]) > Math.abs(x[tp])) tp = i;
              near(tp, b.tPeak, 'T peak');
            }
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(300);
  });

  it('record labels are the means of the per-beat fiducial intervals', () => {
    for (const preset of ['normal', 'av_block_1', 'long_qt', 'afib'] as const) {
      const fs = 1000;
      const r = synthesize(presetParams(preset), opts({ fs, noise: NO_NOISE }));
      const mean = (f: (b: (typeof r.beats)[number]) => number) => r.beats.reduce((s, b) => s + f(b), 0) / r.beats.length;
      expect(Math.abs(mean((b) => b.qrsOff - b.qrsOn) - r.labels.qrs_ms)).toBeLessThanOrEqual(1);
      expect(Math.abs(mean((b) => b.tOff - b.qrsOn) - r.labels.qt_ms)).toBeLessThanOrEqual(1);
      if (preset === 'afib') {
        expect(r.labels.pr_ms).toBeNull();
        expect(r.beats.every((b) => b.pOn === -1 && b.pPeak === -1 && b.pOff === -1)).toBe(true);
      } else expect(Math.abs(mean((b) => b.qrsOn - b.pOn) - r.labels.pr_ms!)).toBeLessThanOrEqual(1);
      const rr = (r.beats[r.beats.length - 1].rPeak - r.beats[0].rPeak) / (r.beats.length - 1);
      expect(Math.abs(60000 / rr - r.labels.hr_bpm)).toBeLessThan(preset === 'afib' ? 8 : 2);
    }
  });
});

describe('morphology and parameters', () => {
  const clean = (p: SynthParams, fs: SamplingRate = 500) => synthesize(p, { fs, seconds: 10, leads: '1', seed: 5, noise: NO_NOISE });

  it('presets change what they should', () => {
    const n = presetParams('normal');
    expect(clean(presetParams('sinus_brady')).labels.hr_bpm).toBeLessThan(60);
    expect(clean(presetParams('sinus_tachy')).labels.hr_bpm).toBeGreaterThan(100);
    expect(clean(presetParams('av_block_1')).labels.pr_ms).toBeGreaterThan(200);
    expect(clean(presetParams('bbb')).labels.qrs_ms).toBeGreaterThanOrEqual(120);
    const qtc = (r: ReturnType<typeof clean>) => r.labels.qt_ms / Math.sqrt(60 / r.labels.hr_bpm);
    expect(qtc(clean(presetParams('long_qt')))).toBeGreaterThan(480);
    expect(qtc(clean(n))).toBeLessThan(440);
    // ST level midway between J point and T onset, and T peak sign, in lead II
    for (const [preset, sign] of [['st_elevation', 1], ['st_depression', -1]] as const) {
      const r = clean(presetParams(preset));
      const b = r.beats[2];
      const v = r.signals[0][Math.round((b.qrsOff + b.tOn) / 2)];
      expect(v).toBeCloseTo(presetParams(preset).stShiftMv, 5);
      expect(Math.sign(v)).toBe(sign);
    }
    const inv = clean(presetParams('t_inversion'));
    expect(inv.signals[0][inv.beats[1].tPeak]).toBeLessThan(-0.2);
    expect(clean(n).signals[0][clean(n).beats[1].tPeak]).toBeGreaterThan(0.2);
  });

  it('beat-to-beat jitter: seeded per-beat QRS widths and amplitudes; none with jitter 0; U wave after T off', () => {
    const widths = (jitter: number, seed = 5) => {
      const r = synthesize({ ...presetParams('normal'), jitter }, { fs: 1000, seconds: 10, leads: '1', seed, noise: NO_NOISE });
      return { r, w: r.beats.map((b) => b.qrsOff - b.qrsOn), peaks: r.beats.map((b) => r.signals[0][b.rPeak]) };
    };
    const still = widths(0);
    expect(new Set(still.w).size).toBe(1);
    // (the R peak falls at a different fraction of a sample in each beat: a few µV of sampling spread, no jitter)
    expect(Math.max(...still.peaks) - Math.min(...still.peaks)).toBeLessThan(2e-3);
    const moving = widths(0.05);
    expect(new Set(moving.w).size).toBeGreaterThan(2);
    expect(Math.max(...moving.peaks) - Math.min(...moving.peaks)).toBeGreaterThan(0.05);
    expect(widths(0.05).w).toEqual(moving.w); // seeded
    expect(widths(0.05, 6).w).not.toEqual(moving.w);
    const mean = moving.w.reduce((a, b) => a + b, 0) / moving.w.length;
    expect(Math.abs(mean - moving.r.labels.qrs_ms)).toBeLessThanOrEqual(1);
    // U wave: off by default (TQ exactly flat), a positive lobe after T offset when asked for
    const u = synthesize({ ...presetParams('normal'), uAmpMv: 0.1 }, { fs: 500, seconds: 10, leads: '1', seed: 5, noise: NO_NOISE });
    const b = u.beats[1];
    const after = u.signals[0].subarray(b.tOff + 1, b.tOff + 80);
    expect(Math.max(...after)).toBeGreaterThan(0.05);
    const plain = synthesize({ ...presetParams('normal'), uAmpMv: 0 }, { fs: 500, seconds: 10, leads: '1', seed: 5, noise: NO_NOISE });
    const b0 = plain.beats[1];
    expect(Math.max(...plain.signals[0].subarray(b0.tOff + 1, b0.tOff + 80).map(Math.abs))).toBe(0);
  });

  it('AF-like: irregular RR, no P waves, fibrillatory baseline between beats', () => {
    const af = clean(presetParams('afib'));
    const rr = af.beats.slice(1).map((b, i) => b.rPeak - af.beats[i].rPeak);
    const m = rr.reduce((a, b) => a + b, 0) / rr.length;
    const sd = Math.sqrt(rr.reduce((a, b) => a + (b - m) ** 2, 0) / rr.length);
    expect(sd / m).toBeGreaterThan(0.08);
    // fibrillatory activity in the TQ interval (no flat baseline)
    const b0 = af.beats[1];
    const b1 = af.beats[2];
    const seg = af.signals[0].subarray(b0.tOff + 5, b1.qrsOn - 5);
    expect(seg.length).toBeGreaterThan(10);
    expect(Math.max(...seg.map(Math.abs))).toBeGreaterThan(0.02);
    const sinus = clean(presetParams('normal'));
    const flat = sinus.signals[0].subarray(sinus.beats[1].tOff + 2, sinus.beats[2].pOn - 2);
    expect(Math.max(...flat.map(Math.abs))).toBe(0);
  });

  it('each noise source adds its own strength', () => {
    const base = presetParams('normal');
    const o = (noise: Partial<typeof NO_NOISE>) => ({ fs: 500 as const, seconds: 10, leads: '1' as const, seed: 9, noise: { ...NO_NOISE, ...noise } });
    const ref = synthesize(base, o({})).signals[0];
    const diff = (noise: Partial<typeof NO_NOISE>) => {
      const s = synthesize(base, o(noise)).signals[0];
      return Float64Array.from(s, (v, i) => v - ref[i]);
    };
    const rms = (d: Float64Array) => Math.sqrt(d.reduce((a, v) => a + v * v, 0) / d.length);
    const emg = diff({ emgMv: 0.05 });
    expect(rms(emg)).toBeCloseTo(0.05, 3);
    const pl = diff({ powerlineMv: 0.1, powerlineHz: 60 });
    expect(Math.max(...pl)).toBeLessThanOrEqual(0.1 + 1e-6);
    expect(Math.max(...pl)).toBeGreaterThan(0.095);
    // 60 Hz line: correlation with a 60 Hz sinusoid carries all the power
    let re = 0;
    let im = 0;
    pl.forEach((v, i) => ((re += v * Math.cos((2 * Math.PI * 60 * i) / 500)), (im += v * Math.sin((2 * Math.PI * 60 * i) / 500))));
    expect((2 * Math.hypot(re, im)) / pl.length).toBeCloseTo(0.1, 3);
    const bw = diff({ baselineMv: 0.5 });
    expect(Math.max(...bw.map(Math.abs))).toBeLessThanOrEqual(0.5 + 1e-6);
    expect(Math.max(...bw.map(Math.abs))).toBeGreaterThan(0.2);
    let maxStep = 0;
    for (let i = 1; i < bw.length; i++) maxStep = Math.max(maxStep, Math.abs(bw[i] - bw[i - 1]));
    expect(maxStep).toBeLessThan(0.002); // < 1 Hz: tiny sample-to-sample change
    const mo = diff({ motionMv: 1 });
    expect(Math.max(...mo.map(Math.abs))).toBeLessThanOrEqual(1 + 1e-6);
    expect(synthesize(base, { ...o({ powerlineMv: 0.1 }), fs: 100 }).signals[0]).toEqual(synthesize(base, { ...o({}), fs: 100 }).signals[0]);
  });
});

describe('impossible parameters are rejected with the parameter and its range', () => {
  const base = presetParams('normal');
  const bad = (p: Partial<SynthParams>, o: Partial<RecordOptions> = {}) => () => validateParams({ ...base, ...p }, opts(o));
  const expectError = (f: () => void, param: string, msg: RegExp) => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(ParamError);
      expect((e as ParamError).param).toBe(param);
      expect((e as Error).message).toMatch(msg);
      return;
    }
    throw new Error(`expected a ParamError for ${param}`);
  };
  it('names parameter and range', () => {
    expectError(bad({ hrBpm: 10 }), 'hrBpm', /hrBpm = 10 bpm is outside the allowed range \[20, 300\] bpm/);
    expectError(bad({ hrBpm: 400 }), 'hrBpm', /\[20, 300\]/);
    expectError(bad({ hrBpm: NaN }), 'hrBpm', /finite number/);
    expectError(bad({ qtMode: 'direct', qtMs: 200, qrsMs: 180 }), 'qtMs', /QT shorter than QRS/);
    expectError(bad({ prMs: 90, pWidthMs: 100 }), 'prMs', /longer than the P wave width/);
    expectError(bad({ prMs: 100, pWidthMs: 100 }), 'prMs', /\(100, 450\] ms/);
    expectError(bad({ hrBpm: 250, qtMode: 'direct', qtMs: 400 }), 'qtMs', /next beat/);
    expectError(bad({ hrBpm: 250 }), 'prMs', /fit in 95% of the RR/);
    expectError(bad({}, { fs: 360 as SamplingRate }), 'fs', /100, 250, 500, 1000/);
    expectError(bad({}, { seconds: 0 }), 'seconds', /\[1, 600\] s/);
    expectError(bad({ preset: 'weird' as MorphologyPreset }), 'preset', /one of normal/);
    expectError(bad({}, { noise: { ...DEFAULT_NOISE, emgMv: -1 } }), 'noise.emgMv', /\[0, 1\] mV/);
    expect(() => synthesize({ ...base, hrBpm: 500 }, opts())).toThrow(ParamError);
  });
  it('every preset is valid, and PARAM_RANGES covers every numeric designer field', () => {
    for (const p of MORPHOLOGY_PRESETS) expect(() => validateParams(presetParams(p), opts())).not.toThrow();
    for (const [k, v] of Object.entries(presetParams('normal'))) if (typeof v === 'number') expect(PARAM_RANGES).toHaveProperty(k);
  });
});
