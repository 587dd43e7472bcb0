import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataPath } from '../../../test-support/ecgData';
import { readWfdbRecord } from '../../formats/wfdb/record';
import { readAnnotations } from '../../formats/wfdb/annotations';
import { butterworth, filtfilt } from '../dsp/filters';
import { CSE_TOLERANCE_MS, emptyErrors, errorStats, ruleErrors } from '../testing/ruleErrors';

const ludb = dataPath('ludb/data');

describe.skipIf(!existsSync(ludb))('label rule on real LUDB lead II beats (cardiologists’ marks)', () => {
  const errs = emptyErrors();
  for (let rec = 1; rec <= 40; rec++) {
    const hea = `${ludb}/${rec}.hea`;
    if (!existsSync(hea)) continue;
    const r = readWfdbRecord(`${rec}.hea`, readFileSync(hea), (n) => readFileSync(`${ludb}/${n}`));
    const x = filtfilt(filtfilt(r.signals[1], butterworth('lowpass', r.fs, 40, 2)), butterworth('highpass', r.fs, 0.5, 1));
    ruleErrors([x], r.fs, readAnnotations(readFileSync(`${ludb}/${rec}.ii`)), errs);
  }
  it('J point: median error within the CSE QRS-offset tolerance, most beats within it', () => {
    const s = errorStats(errs.qrsOff, CSE_TOLERANCE_MS.qrsOff);
    expect(s.n).toBeGreaterThan(300);
    expect(Math.abs(s.median)).toBeLessThanOrEqual(CSE_TOLERANCE_MS.qrsOff);
    expect(s.withinTol).toBeGreaterThan(0.55);
  });
  it('T offset (tangent): median error within the CSE T-offset tolerance, most beats within it', () => {
    const s = errorStats(errs.tOff, CSE_TOLERANCE_MS.tOff);
    expect(s.n).toBeGreaterThan(250);
    expect(Math.abs(s.median)).toBeLessThanOrEqual(CSE_TOLERANCE_MS.tOff);
    expect(s.withinTol).toBeGreaterThan(0.65);
  });
  it('QRS onset: mean and median error within the CSE QRS-onset tolerance', () => {
    const s = errorStats(errs.qrsOn, CSE_TOLERANCE_MS.qrsOn);
    expect(s.n).toBeGreaterThan(300);
    expect(Math.abs(s.median)).toBeLessThanOrEqual(CSE_TOLERANCE_MS.qrsOn);
    expect(Math.abs(s.mean)).toBeLessThanOrEqual(CSE_TOLERANCE_MS.qrsOn);
  });
  it('P onset: median error within the CSE P-onset tolerance', () => {
    const s = errorStats(errs.pOn, CSE_TOLERANCE_MS.pOn);
    expect(s.n).toBeGreaterThan(200);
    expect(Math.abs(s.median)).toBeLessThanOrEqual(CSE_TOLERANCE_MS.pOn);
  });
});

const qtdb = dataPath('qtdb');

describe.skipIf(!existsSync(`${qtdb}/sel100.q1c`))('label rule on QTDB sel100 (annotator 1, .q1c; both leads, global rule)', () => {
  const r = readWfdbRecord('sel100.hea', readFileSync(`${qtdb}/sel100.hea`), (n) => readFileSync(`${qtdb}/${n}`));
  const leads = r.signals.map((s) => filtfilt(filtfilt(s, butterworth('lowpass', r.fs, 40, 2)), butterworth('highpass', r.fs, 0.5, 1)));
  const errs = ruleErrors(leads, r.fs, readAnnotations(readFileSync(`${qtdb}/sel100.q1c`)));
  it('QRS onset and offset: mean error and SD within the CSE tolerances', () => {
    expect(errs.qrsOn.length).toBe(30);
    for (const k of ['qrsOn', 'qrsOff'] as const) {
      const s = errorStats(errs[k], CSE_TOLERANCE_MS[k]);
      expect(Math.abs(s.mean)).toBeLessThanOrEqual(CSE_TOLERANCE_MS[k]);
      expect(s.sd).toBeLessThanOrEqual(CSE_TOLERANCE_MS[k] * 1.5);
    }
  });
  it('T offset: median error within the CSE T-offset tolerance', () => {
    const s = errorStats(errs.tOff, CSE_TOLERANCE_MS.tOff);
    expect(s.n).toBe(30);
    expect(Math.abs(s.median)).toBeLessThanOrEqual(CSE_TOLERANCE_MS.tOff);
  });
});
