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
  it('QRS and P onsets: median error within 15 ms (looser than CSE: on real leads the onset rule marks early, into the PR segment)', () => {
    for (const k of ['qrsOn', 'pOn'] as const) {
      const s = errorStats(errs[k], CSE_TOLERANCE_MS[k]);
      expect(s.n).toBeGreaterThan(200);
      expect(Math.abs(s.median)).toBeLessThanOrEqual(15);
    }
  });
});
