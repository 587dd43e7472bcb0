import { describe, expect, it } from 'vitest';
import { LEADS_12, NO_NOISE, presetParams, synthesize, type LeadName, type MorphologyPreset, type SynthParams, type SynthRecord } from '../index';
import { defaultSyntheticSpec, sampleRecordParams } from '../../data/synthDataset';
import * as H from '../testing/hallmarks';

const FS = 500;
const rec = (p: SynthParams, seed: number): SynthRecord => synthesize(p, { fs: FS, seconds: 10, leads: '12', seed, noise: NO_NOISE }, 'annotated-lead');

/** The preset's own parameters, and parameters drawn from its dataset distribution (records 0–5 of the default spec). */
function cases(preset: MorphologyPreset): Array<[string, SynthRecord]> {
  const spec = defaultSyntheticSpec();
  const out: Array<[string, SynthRecord]> = [[`${preset} preset`, rec(presetParams(preset), 1)]];
  for (let i = 0; i < 6; i++) out.push([`${preset} dataset draw ${i}`, rec(sampleRecordParams(spec, i, preset).params, 10 + i)]);
  return out;
}

const lead = (r: SynthRecord, name: LeadName) => r.signals[LEADS_12.indexOf(name)];
const mid = (r: SynthRecord) => r.beats[Math.floor(r.beats.length / 2)];
const qrsOf = (r: SynthRecord, name: LeadName) => {
  const b = mid(r);
  return H.qrsSegment(lead(r, name), b.qrsOn, b.qrsOff);
};
const ms = (v: number) => Math.round((v * FS) / 1000);
const stAt = (r: SynthRecord, name: LeadName) => lead(r, name)[mid(r).qrsOff + ms(20)];
const tAt = (r: SynthRecord, name: LeadName) => lead(r, name)[mid(r).tPeak];
const count = (names: LeadName[], f: (n: LeadName) => boolean) => names.filter(f).length;

const TERRITORIES: Array<[MorphologyPreset, LeadName[]]> = [
  ['mi_anterior', ['V1', 'V2', 'V3', 'V4']],
  ['mi_inferior', ['II', 'III', 'aVF']],
  ['mi_lateral', ['I', 'aVL', 'V5', 'V6']],
];

describe('pathology presets show their hallmark signs on the generated signal', () => {
  for (const [preset, leads] of TERRITORIES) {
    it(`${preset}: pathological Q (≥ 40 ms, ≥ 25 % of R), ST elevation ≥ 0.1 mV and inverted T in ≥ 2 of ${leads.join('/')}`, () => {
      for (const [what, r] of cases(preset)) {
        expect(count(leads, (n) => H.hasPathologicalQ(qrsOf(r, n), FS)), `${what}: Q waves`).toBeGreaterThanOrEqual(2);
        expect(count(leads, (n) => stAt(r, n) >= 0.1), `${what}: ST elevation`).toBeGreaterThanOrEqual(2);
        expect(count(leads, (n) => tAt(r, n) < 0), `${what}: T inversion`).toBeGreaterThanOrEqual(2);
      }
    });
  }

  it('lvh: Sokolow–Lyon SV1 + RV5 ≥ 3.5 mV, strain (ST depression and inverted T) in V5–V6', () => {
    for (const [what, r] of cases('lvh')) {
      const sokolow = -Math.min(...qrsOf(r, 'V1')) + Math.max(...qrsOf(r, 'V5'));
      expect(sokolow, what).toBeGreaterThanOrEqual(3.5);
      for (const n of ['V5', 'V6'] as const) {
        expect(stAt(r, n), `${what} ${n} ST`).toBeLessThan(-0.03);
        expect(tAt(r, n), `${what} ${n} T`).toBeLessThan(-0.1);
      }
    }
  });

  it('rbbb: QRS ≥ 120 ms, rsR′ in V1, broad (≥ 40 ms) terminal S in I and V6', () => {
    for (const [what, r] of cases('rbbb')) {
      expect(r.labels.qrs_ms, what).toBeGreaterThanOrEqual(120);
      expect(H.hasRsrPrime(qrsOf(r, 'V1')), `${what}: rsR′ in V1`).toBe(true);
      for (const n of ['I', 'V6'] as const) expect(H.terminalS(qrsOf(r, n), FS).ms, `${what}: S in ${n}`).toBeGreaterThanOrEqual(40);
    }
  });

  it('lbbb: QRS ≥ 120 ms, broad notched R without q in I/aVL/V5/V6, deep S in V1', () => {
    for (const [what, r] of cases('lbbb')) {
      expect(r.labels.qrs_ms, what).toBeGreaterThanOrEqual(120);
      for (const n of ['I', 'aVL', 'V5', 'V6'] as const) {
        const seg = qrsOf(r, n);
        expect(H.initialQ(seg, FS).ms, `${what}: no q in ${n}`).toBe(0);
        expect(H.hasNotchedR(seg), `${what}: notched R in ${n}`).toBe(true);
        expect(H.positiveMs(seg, FS), `${what}: broad R in ${n}`).toBeGreaterThanOrEqual(80);
      }
      const v1 = qrsOf(r, 'V1');
      expect(Math.min(...v1), `${what}: S in V1`).toBeLessThan(-0.5);
      expect(-Math.min(...v1), `${what}: S dominates V1`).toBeGreaterThan(3 * Math.max(0, ...v1));
    }
  });

  it('lafb: frontal axis −45° to −90° (from I and aVF), qR in aVL, rS in II/III/aVF', () => {
    for (const [what, r] of cases('lafb')) {
      const axis = H.frontalAxis(qrsOf(r, 'I'), qrsOf(r, 'aVF'));
      expect(axis, what).toBeLessThanOrEqual(-45);
      expect(axis, what).toBeGreaterThanOrEqual(-90);
      const avl = H.deflections(qrsOf(r, 'aVL'));
      expect(avl[0], `${what}: q in aVL`).toBeLessThan(0);
      expect(avl[1], `${what}: R in aVL`).toBeGreaterThan(-avl[0]);
      for (const n of ['II', 'III', 'aVF'] as const) {
        const d = H.deflections(qrsOf(r, n));
        expect(d[0], `${what}: r in ${n}`).toBeGreaterThan(0);
        expect(d[1], `${what}: S in ${n}`).toBeLessThan(-d[0]);
      }
    }
  });

  it('wpw: PR < 120 ms, QRS ≥ 110 ms, slurred monotonic upstroke (delta wave) in II and V5', () => {
    for (const [what, r] of cases('wpw')) {
      expect(r.labels.pr_ms!, what).toBeLessThan(120);
      expect(r.labels.qrs_ms, what).toBeGreaterThanOrEqual(110);
      for (const n of ['II', 'V5'] as const) {
        const d = H.deltaWave(qrsOf(r, n), FS);
        expect(d.monotonic, `${what} ${n}`).toBe(true);
        expect(d.rise, `${what} ${n}`).toBeGreaterThan(0.05);
        expect(d.slopeRatio, `${what} ${n}`).toBeLessThan(0.3);
      }
    }
  });

  it('the normal preset shows none of these hallmarks (the checks discriminate)', () => {
    for (const [what, r] of cases('normal')) {
      for (const [, leads] of TERRITORIES) expect(count(leads, (n) => H.hasPathologicalQ(qrsOf(r, n), FS)), what).toBeLessThan(2);
      if (what.endsWith('preset')) expect(-Math.min(...qrsOf(r, 'V1')) + Math.max(...qrsOf(r, 'V5')), what).toBeLessThan(3.5);
      expect(H.hasRsrPrime(qrsOf(r, 'V1')), what).toBe(false);
      expect(H.hasNotchedR(qrsOf(r, 'V6')), what).toBe(false);
      expect(H.frontalAxis(qrsOf(r, 'I'), qrsOf(r, 'aVF')), what).toBeGreaterThan(-30);
      expect(H.deltaWave(qrsOf(r, 'II'), FS).monotonic, what).toBe(false);
      // as read on lead II (the support of a normal draw can exceed 120 ms: priors are calibrated to the reading)
      expect(r.annotated!.labels.qrs_ms, what).toBeLessThan(120);
    }
  });

  it('normal R-wave progression: rS in V1, R/S < 1 in V1–V2, R/S > 1 in V5–V6 (Dower-like precordial leads)', () => {
    const r = rec(presetParams('normal'), 3);
    const rs = (n: LeadName) => Math.max(0, ...qrsOf(r, n)) / -Math.min(0, ...qrsOf(r, n));
    expect(rs('V1')).toBeLessThan(0.5);
    expect(rs('V2')).toBeLessThan(1);
    expect(rs('V5')).toBeGreaterThan(2);
    expect(rs('V6')).toBeGreaterThan(2);
  });
});
