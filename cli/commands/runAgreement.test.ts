/** `cli run` agreement output: Bland–Altman rows per interval with IEC verdicts in the results JSON and the table. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { dataPath, hasEcgData } from '../../src/test-support/ecgData';
import { blandAltman } from '../../src/core/ml/metrics';
import { command } from './run';

const dir = mkdtempSync(join(tmpdir(), 'ecg-agreement-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function runPreset(preset: string, data: string, name: string): Promise<{ res: any; table: string }> {
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  let table = '';
  const log = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((table += String(s)), true));
  const out = join(dir, `${name}.json`);
  const code = await command.run(['--preset', preset, '--data', data, '--epochs', '1', '--n-synthetic', '24', '--model', 'tiny-cnn', '--quiet', '--out', out]);
  err.mockRestore();
  log.mockRestore();
  expect(code).toBe(0);
  return { res: JSON.parse(readFileSync(out, 'utf8')), table };
}

describe.skipIf(!hasEcgData)('cli run: interval agreement on real annotations', () => {
  it('real-intervals (LUDB): one agreement row per target that matches the predictions, IEC verdicts, the table', async () => {
    const { res, table } = await runPreset('real-intervals', dataPath('ludb'), 'ludb');
    const st = res.stages.find((s: { name: string }) => s.name === 'real-intervals');
    expect(st.agreement.map((a: { target: string }) => a.target)).toEqual(['hr_bpm', 'pr_ms', 'qrs_ms', 'qt_ms']);
    for (const a of st.agreement) {
      const p = st.predictions.find((x: { target: string }) => x.target === a.target);
      const want = blandAltman(p.true.map((v: number | null) => v ?? NaN), p.pred);
      expect(a.n).toBe(st.metrics.test[`n_${a.target}`]);
      expect(a.meanDiff).toBeCloseTo(want.meanDiff, 3);
      expect(a.sdDiff).toBeCloseTo(want.sdDiff, 3);
      expect(a.mae).toBeCloseTo(st.metrics.test[`mae_${a.target}`], 3);
      // one row per LUDB record
      expect(a.records).toBe(a.n);
      if (a.target === 'hr_bpm') expect(a.iec).toBeNull();
      else expect(a.iec.pass).toBe(Math.abs(a.meanDiff) <= a.iec.tolerance.maxAbsMean && a.sdDiff <= a.iec.tolerance.maxSd);
    }
    expect(st.agreement.find((a: { target: string }) => a.target === 'qt_ms').iec.tolerance).toEqual({ maxAbsMean: 25, maxSd: 30 });
    expect(table).toMatch(/real-intervals on "real": pred − true \(Bland–Altman/);
    expect(table).toMatch(/IEC 60601-2-51 \(as commonly quoted\)/);
    expect(table).toMatch(/\nQT +\d+ +\d+ .*≤ 25, ≤ 30 ms +(pass|FAIL)/);
  });

  it('real-intervals-qtdb: windows of the two QTDB records with .q1c beats, each row one window', async () => {
    const { res, table } = await runPreset('real-intervals-qtdb', dataPath('qtdb'), 'qtdb');
    expect(res.sources.real).toMatchObject({ name: 'QTDB', fs: 100, nSamples: 1000 });
    const st = res.stages.find((s: { name: string }) => s.name === 'real-intervals');
    const qrs = st.agreement.find((a: { target: string }) => a.target === 'qrs_ms');
    expect(qrs.records).toBe(2);
    expect(qrs.n).toBe(res.sources.real.n);
    expect(qrs.n).toBeGreaterThan(10);
    expect(table).toMatch(/\nQRS +\d+ +2 /);
  });

  it('domain-gap (PTB-XL): the held-out AUC with its interval in the JSON and the table', async () => {
    const { res, table } = await runPreset('domain-gap', dataPath('ptb-xl'), 'gap');
    const st = res.stages.find((s: { name: string }) => s.name === 'domain-gap');
    const g = st.domainGap;
    expect(g.perSide).toBe(Math.min(24, res.sources.real.n));
    expect(g.nTestReal + g.nTestSynthetic).toBe(st.split.nTest);
    expect(g.auc).toBeCloseTo(st.metrics.test.per_class_auc[1], 12);
    expect(g.folded).toBeCloseTo(Math.max(g.auc, 1 - g.auc), 12);
    expect(g.ci.lo).toBeLessThanOrEqual(g.auc);
    expect(table).toMatch(/domain-gap: "synth" \(synthetic\) vs "real" \(real\): held-out AUC \d\.\d{3} \[\d\.\d{3}, \d\.\d{3}\]/);
  });
});
