import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { dataPath, hasEcgData } from '../../../test-support/ecgData';
import { readAnnotations } from '../wfdb/annotations';
import { intervalsFromAnnotations } from './intervals';
import { parseScpCodes, readPtbxlMeta } from './ptbxl';
import { aamiCounts } from './aami';

const load = (...p: string[]) => new Uint8Array(readFileSync(dataPath(...p)));
const text = (...p: string[]) => readFileSync(dataPath(...p), 'utf8');

describe.skipIf(!hasEcgData)('annotation files', () => {
  it('MIT-BIH 100.atr: beat symbols, rhythm aux, AAMI counts', () => {
    const anns = readAnnotations(load('wfdb-sample/100.atr'), '100.atr');
    expect(anns[0]).toMatchObject({ sample: 18, symbol: '+', aux: '(N' });
    expect(anns[1]).toMatchObject({ sample: 77, symbol: 'N' });
    // PhysioNet's table for record 100: 2239 normal, 33 APC, 1 PVC.
    expect(aamiCounts(anns)).toEqual({ N: 2239, S: 33, V: 1, F: 0, Q: 0 });
  });

  it('MIT-BIH 208: F and V beats mapped', () => {
    const c = aamiCounts(readAnnotations(load('mitdb/208.atr'), '208.atr'));
    expect(c.F).toBe(373);
    expect(c.V).toBe(992);
  });

  it('QTDB q1c: NUM pseudo-annotations are sticky; boundaries around waves', () => {
    const anns = readAnnotations(load('qtdb/sel100.q1c'), 'sel100.q1c');
    expect(anns.slice(0, 4).map((a) => [a.sample, a.symbol])).toEqual([[150272, '('], [150290, 'p'], [150297, ')'], [150316, '(']]);
    expect(anns[3].num).toBe(1); // QRS onset carries num 1
    expect(anns[4]).toMatchObject({ symbol: 'N', num: 1 });
    const r = intervalsFromAnnotations(anns, 250);
    expect(r.nBeats).toBe(30);
    expect(r.qt_ms).toBeGreaterThan(300);
    expect(r.qt_ms).toBeLessThan(500);
    expect(r.hr_bpm).toBeGreaterThan(60);
    expect(r.hr_bpm).toBeLessThan(90);
  });
});

describe.skipIf(!hasEcgData)('LUDB interval labels', () => {
  it('record 1 lead II: exact values from the annotation samples (computed by hand)', () => {
    const anns = readAnnotations(load('ludb/data/1.ii'), '1.ii');
    // QRS (onset, peak, offset): (644,662,682) (1324,1342,1374) (1979,2000,2028) (2624,2642,2668) (3286,3314,3347) (3950,3969,3996)
    // P onsets before QRS 2–6: 1250 1911 2546 3223 3879 → PR 74 68 78 63 71 samples, mean 70.8 = 141.6 ms
    // QRS 38 50 49 44 61 46 → mean 48 = 96 ms; T offsets 878 1572 2224 2871 3539 (none after the last QRS)
    // → QT 234 248 245 247 253, mean 245.4 = 490.8 ms; R-R 680 658 642 672 655, mean 661.4 = 1322.8 ms → 45.358 bpm
    const r = intervalsFromAnnotations(anns, 500);
    const q = anns.filter((a) => a.symbol === 'N').map((a) => a.sample);
    const rr = q.slice(1).map((x, i) => x - q[i]);
    expect(r.hr_bpm).toBeCloseTo(60000 / ((rr.reduce((a, b) => a + b) / rr.length) * 2), 9);
    // first complete beat: P onset 1250, QRS onset 1324 → PR 74 samples = 148 ms; QRS 1374−1324 = 100 ms;
    // T offset 1572 → QT 1572−1324 = 248 samples = 496 ms
    const waves = anns.map((a) => `${a.sample}${a.symbol}`);
    expect(waves.slice(6, 15)).toEqual(['1250(', '1278p', '1302)', '1324(', '1342N', '1374)', '1458(', '1524t', '1572)']);
    expect(r).toMatchObject({ nBeats: 6, nPr: 5, nQrs: 6, nQt: 5, nRr: 5 });
    expect(r.pr_ms).toBeCloseTo(141.6, 9);
    expect(r.qrs_ms).toBeCloseTo(96, 9);
    expect(r.qt_ms).toBeCloseTo(490.8, 9);
    expect(r.hr_bpm).toBeCloseTo(60000 / 1322.8, 9);
  });

  it('records 1–40: all intervals in physiological ranges', () => {
    for (let i = 1; i <= 40; i++) {
      const r = intervalsFromAnnotations(readAnnotations(load('ludb/data', `${i}.ii`), `${i}.ii`), 500);
      expect(r.hr_bpm!, `record ${i}`).toBeGreaterThan(30);
      expect(r.hr_bpm!).toBeLessThan(200);
      if (r.pr_ms !== undefined) expect(r.pr_ms).toBeGreaterThan(60), expect(r.pr_ms).toBeLessThan(400);
      expect(r.qrs_ms!).toBeGreaterThan(40);
      expect(r.qrs_ms!).toBeLessThan(200);
      expect(r.qt_ms!).toBeGreaterThan(250);
      expect(r.qt_ms!).toBeLessThan(600);
    }
  });
});

describe.skipIf(!hasEcgData)('PTB-XL superclasses', () => {
  const meta = readPtbxlMeta(text('ptb-xl/ptbxl_database.csv'), text('ptb-xl/scp_statements.csv'));
  it('parses the Python dict of scp_codes', () => {
    expect(parseScpCodes("{'NORM': 100.0, 'LVOLT': 0.0, 'SR': 0.0}")).toEqual({ NORM: 100, LVOLT: 0, SR: 0 });
  });
  it('matches an independent derivation from scp_statements.csv for every record', () => {
    const st = Papa.parse<Record<string, string>>(text('ptb-xl/scp_statements.csv'), { header: true, skipEmptyLines: true }).data;
    const diag = new Map(st.filter((r) => r.diagnostic === '1.0').map((r) => [r[''], r.diagnostic_class]));
    const db = Papa.parse<Record<string, string>>(text('ptb-xl/ptbxl_database.csv'), { header: true, skipEmptyLines: true }).data;
    expect(meta.rows.length).toBe(100);
    for (const row of db) {
      const codes = [...row.scp_codes.matchAll(/'([^']+)'/g)].map((m) => m[1]);
      const want = [...new Set(codes.map((c) => diag.get(c)).filter(Boolean))].sort();
      const got = meta.byRecord.get(row.filename_lr.split('/').pop()!)!;
      expect([...got.superclasses].sort(), row.ecg_id).toEqual(want);
      expect(got.fold).toBe(Number(row.strat_fold));
    }
  });
  it('known records: 1 NORM (LVOLT, SR not diagnostic), 8 IMI → MI', () => {
    expect(meta.byRecord.get('00001_lr')!.superclasses).toEqual(['NORM']);
    expect(meta.byRecord.get('00001_lr')!.patientId).toBe('15709');
    expect(meta.byRecord.get('00001_lr')!.fold).toBe(3);
    const row8 = meta.byRecord.get('00008_lr')!;
    expect(Object.keys(row8.scpCodes)).toContain('IMI');
    expect(row8.superclasses).toContain('MI');
  });
});
