import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataPath, hasEcgData } from '../../src/test-support/ecgData';
import { command } from './inspect';

const root = resolve(__dirname, '../..');
function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'inspect', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, lines: r.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)), stderr: r.stderr };
}

describe.skipIf(!hasEcgData)('cli inspect', () => {
  it('LUDB folder + explicit MIT-BIH files + a missing path: record lines, an error line, exit 1', () => {
    const { code, lines } = cli(dataPath('ludb'), dataPath('wfdb-sample/100.hea'), dataPath('wfdb-sample/100.dat'), dataPath('wfdb-sample/100.atr'), '/no/such/file', '--samples', '2');
    expect(code).toBe(1);
    expect(lines.filter((l) => 'error' in l)).toEqual([{ path: '/no/such/file', error: '/no/such/file: no such file or directory' }]);
    const recs = lines.filter((l) => 'record' in l);
    expect(recs.length).toBe(41);
    const m = recs.find((l) => l.record === '100');
    expect(m).toEqual({ record: '100', fs: 360, n_samples: 650000, sig_names: ['MLII', 'V5'], units: ['mV', 'mV'], first: [[-0.145, -0.145], [-0.065, -0.065]], labels: { beats: { N: 2239, S: 33, V: 1, F: 0, Q: 0 } } });
    const l1 = recs.find((l) => l.record === '1');
    expect(Object.keys(l1.labels).sort()).toEqual(['hr_bpm', 'pr_ms', 'qrs_ms', 'qt_ms']);
    expect(l1.labels.qt_ms).toBeCloseTo(490.8, 6);
    expect(l1.first[0][0]).toBeCloseTo(-126 / 1716, 6);
  });
  it('PTB-XL root (records100 + records500 + CSVs) and CinC: labels; exit 0', () => {
    const { code, lines } = cli(dataPath('ptb-xl'), dataPath('cinc2021'));
    expect(code).toBe(0);
    expect(lines.length).toBe(100 + 38 + 20); // records100, records500 (38 records), CinC
    expect(lines.find((l) => l.record === '00001_lr').labels).toEqual({ superclasses: ['NORM'] });
    expect(lines.find((l) => l.record === '00001_hr').labels).toEqual({ superclasses: ['NORM'] });
    expect(lines.find((l) => l.record === 'JS20000').labels).toEqual({ dx: ['284470004', '427084000', '698252002', '55930002'], superclasses: ['STTC', 'CD'] }); // STC → STTC, NSIVCB → CD
    expect(lines.find((l) => l.record === '00001_lr').first[0]).toHaveLength(5);
  });
  it('a header (or a bare record name) named alone reads its record with the files beside it', () => {
    const one = cli(dataPath('ludb/data/1.hea'), '--samples', '0');
    const bare = cli(dataPath('ludb/data/1'), '--samples', '0');
    expect(one.code).toBe(0);
    expect(one.lines).toHaveLength(1);
    expect(one.lines[0].labels.qt_ms).toBeCloseTo(490.8, 6); // the per-lead annotation files came along
    expect(bare.lines).toEqual(one.lines);
  });
  it('bad arguments are CliErrors', async () => {
    await expect(command.run([])).rejects.toThrow(/needs at least one PATH/);
    await expect(command.run(['x', '--samples', '-1'])).rejects.toThrow(/--samples/);
  });
});
