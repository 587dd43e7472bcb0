import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { CliError } from '../command';
import { command, specFromFlags } from './synth';
import { readWfdbHeader } from '../../src/core/formats/wfdb/header';
import { readWfdbSignals } from '../../src/core/formats/wfdb/signals';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'synth-cli-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('cli synth', () => {
  it('writes WFDB records, RECORDS and labels.csv end to end', async () => {
    const out = tmp();
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const code = await command.run(['--n', '4', '--fs', '250', '--leads', '12', '--seconds', '5', '--seed', '9', '--out', out]);
    write.mockRestore();
    expect(code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['00001.dat', '00001.hea', '00002.dat', '00002.hea', '00003.dat', '00003.hea', '00004.dat', '00004.hea', 'RECORDS', 'labels.csv']);
    const csv = readFileSync(join(out, 'labels.csv'), 'utf8').trimEnd().split('\n');
    expect(csv[0]).toBe('record,hr_bpm,pr_ms,qrs_ms,qt_ms,preset');
    expect(csv).toHaveLength(5);
    for (const line of csv.slice(1)) {
      const [rec, hr, pr, qrs, qt, preset] = line.split(',');
      expect(rec).toMatch(/^\d{5}$/);
      expect(Number(hr)).toBeGreaterThan(20);
      if (preset === 'afib') expect(pr).toBe('');
      else expect(Number(pr)).toBeGreaterThan(60);
      expect(Number(qt)).toBeGreaterThan(Number(qrs));
    }
    const hea = readFileSync(join(out, '00001.hea'), 'utf8');
    const h = readWfdbHeader(hea, '00001.hea');
    expect([h.nSig, h.fs, h.nSamples]).toEqual([12, 250, 1250]);
    expect(h.signals.map((s) => s.description)).toEqual(['I', 'II', 'III', 'aVR', 'aVL', 'aVF', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6']);
    const sig = readWfdbSignals(h, (f) => new Uint8Array(readFileSync(join(out, f))));
    expect(sig.warnings).toEqual([]);
    const [I, II, III] = sig.signals;
    for (let i = 0; i < 1250; i += 50) expect(III[i]).toBeCloseTo(II[i] - I[i], 2);
    expect(hea).toMatch(/# hr_bpm: /);
    // same seed → identical files
    const out2 = tmp();
    const w2 = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    await command.run(['--n', '4', '--fs', '250', '--leads', '12', '--seconds', '5', '--seed', '9', '--out', out2]);
    w2.mockRestore();
    expect(readFileSync(join(out2, '00003.dat'))).toEqual(readFileSync(join(out, '00003.dat')));
  });

  it('--preset and --noise-free shape the spec', () => {
    const { spec } = specFromFlags(['--n', '3', '--out', 'x', '--preset', 'afib', '--noise-free', '--leads', '1', '--fs', '100']);
    expect(spec.presets).toEqual({ afib: 1 });
    expect(spec.noise).toEqual({});
    expect(spec.leads).toBe('1');
  });

  it('bad arguments are one-line CliErrors', () => {
    const bad = (argv: string[], re: RegExp) => {
      expect(() => specFromFlags(argv)).toThrow(CliError);
      expect(() => specFromFlags(argv)).toThrow(re);
    };
    bad(['--out', 'x'], /missing --n/);
    bad(['--n', '3'], /missing --out/);
    bad(['--n', '0', '--out', 'x'], /--n: n \(number of records\) must be an integer ≥ 1/);
    bad(['--n', '3', '--out', 'x', '--fs', '360'], /--fs: fs must be one of 100, 250, 500, 1000/);
    bad(['--n', '3', '--out', 'x', '--leads', '3'], /--leads must be 1 or 12/);
    bad(['--n', '3', '--out', 'x', '--preset', 'sinus'], /--preset must be one of/);
    bad(['--n', '3', '--out', 'x', '--bogus'], /unknown option --bogus/);
  });
});
