import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CliError } from '../command';
import { PRESET_NAMES, presetSpec } from '../../src/core/experiment';
import { dataPath, hasEcgData } from '../../src/test-support/ecgData';
import { importFiles } from '../../src/core/data/importDataset';
import { applyOverrides, command, loadInputFiles, parseBudgets, parseRepeats, specGeometry } from './run';
import { withCi } from './runTable';
import { kernelThreadJobs } from '../../src/core/ml/kernels/threads';

const dir = mkdtempSync(join(tmpdir(), 'cli-run-'));

function tinySpecFile(): string {
  const s = presetSpec('teaching-quick');
  for (const src of Object.values(s.sources)) if (src.kind === 'synthetic') src.spec.n = 30;
  s.training.epochs = 1;
  const p = join(dir, 'spec.json');
  writeFileSync(p, JSON.stringify(s));
  return p;
}

describe('cli run', () => {
  it('runs a spec file and writes the results JSON', async () => {
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const out = join(dir, 'res.json');
    const code = await command.run([tinySpecFile(), '--out', out, '--backend', 'wasm']);
    const lines = err.mock.calls.map((c) => String(c[0])).join('');
    err.mockRestore();
    expect(code).toBe(0);
    const res = JSON.parse(readFileSync(out, 'utf8'));
    expect(res.stages.map((s: { name: string }) => s.name)).toEqual(['pretrain-hr', 'transfer-hr', 'baseline']);
    expect(res.stages[0]).toMatchObject({ kind: 'pretrain', target: 'hr_bpm' });
    expect(typeof res.stages[0].metrics.test.mae_hr_bpm).toBe('number');
    expect(res.stages[1].metrics.val.confusion).toHaveLength(4);
    expect(res.comparison).toHaveLength(2);
    expect(lines).toMatch(/\[1\/3\] pretrain pretrain-hr: tiny-cnn/);
    expect(lines).toMatch(/pretrain-hr epoch 1\/1 loss/);
  });

  it('--threads: a run on 1 and on 2 kernel threads gives the same results bit for bit (timings aside)', async () => {
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const run = async (threads: number) => {
      const out = join(dir, `threads-${threads}.json`);
      const jobs = kernelThreadJobs();
      await command.run([tinySpecFile(), '--model', 'resnet1d', '--n-synthetic', '48', '--threads', String(threads), '--quiet', '--out', out]);
      const res = JSON.parse(readFileSync(out, 'utf8'));
      return { res, jobs: kernelThreadJobs() - jobs };
    };
    try {
      const one = await run(1);
      const two = await run(2);
      expect(one.res.backend).toEqual({ backend: 'wasm', threads: 1 });
      expect(two.res.backend).toEqual({ backend: 'wasm', threads: 2 });
      expect(one.jobs).toBe(0);
      expect(two.jobs).toBeGreaterThan(50); // the convolutions really were split
      const untimed = (o: unknown): unknown =>
        Array.isArray(o) ? o.map(untimed) : o && typeof o === 'object' ? Object.fromEntries(Object.entries(o).filter(([k]) => !/seconds|samplesPerSec/i.test(k)).map(([k, v]) => [k, untimed(v)])) : o;
      expect(untimed(two.res.stages)).toEqual(untimed(one.res.stages));
      expect(one.res.stages[0].metrics.test.mae_hr_bpm).toBeGreaterThan(0);
    } finally {
      err.mockRestore();
    }
    await expect(command.run(['--preset', 'teaching-quick', '--out', 'x.json', '--threads', '0'])).rejects.toThrow(/--threads must be an integer from 1 to 64/);
  });

  it('rejects bad arguments with one-line CliErrors', async () => {
    await expect(command.run(['--preset', 'teaching-quick'])).rejects.toThrow(/--out RESULTS.json is required/);
    await expect(command.run(['--preset', 'nope', '--out', 'x.json'])).rejects.toThrow(CliError);
    await expect(command.run(['--preset', 'teaching-quick', '--out', 'x.json', '--backend', 'webgl'])).rejects.toThrow(/--backend must be wasm or cpu/);
    await expect(command.run(['--out', 'x.json'])).rejects.toThrow(/missing SPEC.json/);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ version: 1, name: 'x' }));
    await expect(command.run([bad, '--out', 'x.json'])).rejects.toThrow(/bad\.json: seed: /);
    await expect(command.run(['--preset', 'paper-synthetic-to-real', '--out', 'x.json', '--n-synthetic', '10'])).rejects.toThrow(/source "ptbxl" \(PTB-XL\) needs data: pass --data PATH/);
    await expect(command.run(['--preset', 'teaching-quick', '--out', 'x.json', '--epochs', '0'])).rejects.toThrow(/--epochs must be an integer/);
  });

  it('applies overrides (epochs, n, seed, model, data paths)', () => {
    const s = applyOverrides(presetSpec('paper-synthetic-to-real'), { epochs: 3, nSynthetic: 50, seed: 9, model: 'resnet1d', data: ['/d/ptb-xl'] });
    expect(s.training.epochs).toBe(3);
    expect(s.seed).toBe(9);
    expect(s.model.kind).toBe('resnet1d');
    const synth = s.sources.synth;
    expect(synth.kind === 'synthetic' && synth.spec.n).toBe(50);
    expect(s.sources.ptbxl).toMatchObject({ kind: 'imported', paths: ['/d/ptb-xl'] });
    expect(specGeometry(s)).toEqual({ fs: 100, nSamples: 1000 });
    expect(() => applyOverrides(presetSpec('teaching-quick'), { data: ['/x'] })).toThrow(/no imported source/);
    // A model comparison: --model of one of its models runs that model's stage alone; another kind trains every stage.
    const one = applyOverrides(presetSpec('model-comparison'), { model: 'lstm' });
    expect(one.stages.map((st) => st.name)).toEqual(['regress-lstm']);
    expect(one.model.kind).toBe('lstm');
    expect(one.stages.every((st) => !('model' in st) || st.model === undefined)).toBe(true);
    const all = applyOverrides(presetSpec('model-comparison'), { model: 'tiny-cnn' });
    expect(all.stages).toHaveLength(5);
    expect(all.stages.every((st) => !('model' in st) || st.model === undefined)).toBe(true);
    const ml = applyOverrides(presetSpec('paper-synthetic-to-real'), { task: 'multi-label' });
    expect(ml.stages.filter((st) => st.kind !== 'pretrain').map((st) => 'task' in st && st.task.kind)).toEqual(Array(5).fill('multi-label'));
    expect(() => applyOverrides(presetSpec('teaching-quick'), { task: 'multi' })).toThrow(/--task must be one of single-label, multi-label/);
  });

  it.skipIf(!hasEcgData)('runs multi-label PTB-XL classification (sigmoid + BCE, macro AUC) from the CLI, split by patient', async () => {
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const out = join(dir, 'ml.json');
    const args = ['--preset', 'paper-synthetic-to-real', '--data', dataPath('ptb-xl'), '--task', 'multi-label'];
    const code = await command.run([...args, '--epochs', '1', '--n-synthetic', '24', '--model', 'tiny-cnn', '--quiet', '--out', out]);
    err.mockRestore();
    expect(code).toBe(0);
    const res = JSON.parse(readFileSync(out, 'utf8'));
    const base = res.stages.find((st: { name: string }) => st.name === 'baseline');
    expect(base.task).toBe('multi-label');
    // 95 of the 100 records have ≥ 1 diagnostic superclass (single-label would keep 90)
    expect(base.split.nTrain + base.split.nVal + base.split.nTest).toBe(95);
    expect(base.split).toMatchObject({ method: 'stratified-random', byPatient: true });
    expect(base.split.note).toMatch(/by patient/);
    const t = base.metrics.test;
    expect(t.macro_auc).toBeGreaterThanOrEqual(0);
    expect(t.macro_auc).toBeLessThanOrEqual(1);
    expect(t.accuracy).toBeGreaterThanOrEqual(0); // exact-match (subset) accuracy at 0.5
    expect(t.balanced_accuracy).toBeUndefined();
    expect(t.confusion).toHaveLength(5); // per class [[TN, FP], [FN, TP]]
    expect(res.comparison.find((r: { stage: string }) => r.stage === 'transfer-hr').deltaTest.macro_auc).toBeCloseTo(
      res.stages.find((st: { name: string }) => st.name === 'transfer-hr').metrics.test.macro_auc - t.macro_auc,
      12,
    );
  });

  it.skipIf(!hasEcgData)('real-intervals: synthetic-trained regressors evaluated on every LUDB record with interval labels', async () => {
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const out = join(dir, 'ludb.json');
    const code = await command.run(['--preset', 'real-intervals', '--data', dataPath('ludb'), '--epochs', '1', '--n-synthetic', '24', '--model', 'tiny-cnn', '--quiet', '--out', out]);
    err.mockRestore();
    expect(code).toBe(0);
    const res = JSON.parse(readFileSync(out, 'utf8'));
    // LUDB is 500 Hz: imported resampled to the model's 100 Hz × 10 s
    expect(res.sources.real).toMatchObject({ fs: 100, nSamples: 1000, n: 40 });
    // the labels, read independently of the runner
    const { dataset: ludb } = await importFiles(loadInputFiles([dataPath('ludb')], 100), { fs: 100, nSamples: 1000 });
    const labelled = (t: 'hr_bpm' | 'pr_ms' | 'qrs_ms' | 'qt_ms') => Array.from(ludb.targets?.[t] ?? []).filter(Number.isFinite).length;
    const st = res.stages.find((s: { name: string }) => s.name === 'real-intervals');
    expect(st).toMatchObject({ kind: 'evaluate', from: 'pretrain-intervals', targets: ['hr_bpm', 'pr_ms', 'qrs_ms', 'qt_ms'] });
    const m = st.metrics.test;
    for (const t of ['hr_bpm', 'pr_ms', 'qrs_ms', 'qt_ms'] as const) {
      expect(m[`mae_${t}`], t).toBeGreaterThan(0);
      expect(Number.isFinite(m[`mae_${t}`]), t).toBe(true);
      // every LUDB record with that label was evaluated
      expect(m[`n_${t}`], t).toBe(labelled(t));
      const p = st.predictions.find((x: { target: string }) => x.target === t);
      expect(p.true.filter((v: number | null) => v !== null && Number.isFinite(v)).length).toBe(labelled(t));
    }
    expect(st.split.nTest).toBe(40);
    expect(labelled('qrs_ms')).toBeGreaterThanOrEqual(35);
  });

  it('every preset runs end to end from the CLI on a tiny budget', async () => {
    // real-intervals has its own test above (LUDB), real-intervals-qtdb in runAgreement.test.ts; the others run here
    const data: Record<string, string> = Object.fromEntries(['paper-synthetic-to-real', 'paper-exact', 'ptbxl-benchmark', 'label-efficiency'].map((n) => [n, dataPath('ptb-xl')]));
    data['domain-gap'] = dataPath('ptb-xl');
    // the sweep preset in reduced form: 2 repeats × 2 budgets instead of 3 × 5
    const sweep: Record<string, string[]> = { 'label-efficiency': ['--repeats', '2', '--budgets', '0.25,1'] };
    const names = PRESET_NAMES.filter((n) => n !== 'real-intervals' && n !== 'real-intervals-qtdb' && (hasEcgData || !data[n]));
    expect(names.length).toBeGreaterThanOrEqual(hasEcgData ? 6 : 2);
    for (const name of names) {
      const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
      const out = join(dir, `${name}.json`);
      const extra = data[name] ? ['--data', data[name]] : [];
      const log = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
      const code = await command.run(['--preset', name, ...extra, ...(sweep[name] ?? []), '--epochs', '1', '--n-synthetic', '24', '--model', 'tiny-cnn', '--quiet', '--out', out]);
      err.mockRestore();
      log.mockRestore();
      expect(code, name).toBe(0);
      const res = JSON.parse(readFileSync(out, 'utf8'));
      const spec = presetSpec(name);
      expect(res.stages.map((st: { name: string }) => st.name), name).toEqual(spec.stages.map((st) => st.name));
      expect(res.spec.name).toBe(name);
      for (const st of res.stages) {
        const m = st.metrics.test;
        expect(m, `${name}/${st.name}`).toBeDefined();
        if (st.kind === 'pretrain') expect(m[`mae_${st.target}`], `${name}/${st.name}`).toBeGreaterThan(0);
        else expect(m.macro_auc ?? m.accuracy, `${name}/${st.name}`).toBeGreaterThanOrEqual(0);
      }
      if (spec.stages.some((st) => st.kind === 'baseline' || st.kind === 'transfer')) expect(res.comparison.length, name).toBeGreaterThanOrEqual(spec.stages.some((st) => st.kind === 'transfer') ? 2 : 1);
      if (name === 'label-efficiency') {
        // 4 pretrainings per repeat, 5 classifier stages per repeat and budget; every transfer paired with the baseline
        expect(res.cells).toHaveLength(2 * (4 + 5 * 2));
        expect(res.paired).toHaveLength(2 * 2 * 4);
        expect(res.budgets.map((b: { label: string }) => b.label)).toEqual(['25 %', '100 %']);
        expect(res.repeats.find((r: { stage: string; budget?: number }) => r.stage === 'transfer-hr' && r.budget === 0.25).diff.macro_auc.n).toBe(2);
      }
    }
  });
});

describe('cli run: repeats, label budgets, cache', () => {
  const quietRun = async (args: string[]) => {
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      const code = await command.run(args);
      return { code, stderr: err.mock.calls.map((c) => String(c[0])).join(''), stdout: out.mock.calls.map((c) => String(c[0])).join('') };
    } finally {
      err.mockRestore();
      out.mockRestore();
    }
  };

  it('runs a sweep: table with intervals, results JSON with ci, paired, repeats, budgets, predictions; the cache skips pretraining', async () => {
    const cache = join(dir, 'models');
    const out = join(dir, 'sweep.json');
    const spec = tinySpecFile();
    const first = await quietRun([spec, '--repeats', '2', '--budgets', '0.5,1', '--cache', cache, '--quiet', '--out', out]);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/plan: 10 cells \(3 stages × 2 repeats × budgets 50 %, 100 %\); 2 pretrainings/);
    expect(first.stderr).toMatch(/\[7\/10\] transfer transfer-hr \(repeat 2, 50 %\)/);
    const res = JSON.parse(readFileSync(out, 'utf8'));
    expect(res.cells).toHaveLength(10);
    expect(res.cells.every((c: { ci?: object }) => c.ci && Object.keys(c.ci).length > 0)).toBe(true);
    expect(res.paired).toHaveLength(4);
    expect(res.repeats.find((r: { stage: string; budget?: number }) => r.stage === 'transfer-hr' && r.budget === 1).diff.macro_auc.n).toBe(2);
    expect(res.budgets.map((b: { label: string }) => b.label)).toEqual(['50 %', '100 %']);
    expect(res.predictions).toHaveLength(8);
    expect(res.spec).toMatchObject({ repeats: 2, labelBudgets: [0.5, 1] });
    // the table: a row per classifier stage and budget, values with intervals
    const rows = first.stdout.split('\n');
    expect(rows[0]).toMatch(/^stage\s+budget\s+train\s+accuracy\s+macro AUC\s+Δ macro AUC vs baseline/);
    expect(rows.some((r) => /^transfer-hr\s+50 %\s+\d+\s+\d\.\d{3} \[[−-]?\d\.\d{2,3}, \d\.\d{2,3}\]/.test(r))).toBe(true);
    expect(first.stdout).toMatch(/mean over 2 repeats \[95 % t-interval of the mean\]/);
    // again with a new budget list: both pretrained models come from the cache
    const again = await quietRun([spec, '--repeats', '2', '--budgets', '0.25', '--cache', cache, '--out', join(dir, 'sweep2.json')]);
    expect(again.stderr).toMatch(/2 pretrained models from the cache/);
    expect(again.stderr).not.toMatch(/pretrain-hr epoch/);
    expect(again.stderr).toMatch(/transfer-hr epoch 1\/1/);
  });

  it('bad --repeats and --budgets values give one-line errors naming the flag', async () => {
    expect(parseBudgets('0.1, 0.25,1,50')).toEqual([0.1, 0.25, 1, 50]);
    expect(parseRepeats('3')).toBe(3);
    expect(() => parseBudgets('0')).toThrow(/^--budgets: 0 must be above 0/);
    expect(() => parseBudgets('0.5,-0.1')).toThrow(/^--budgets: -0.1 must be above 0/);
    expect(() => parseBudgets('1.5')).toThrow(/^--budgets: 1.5 is above 1 but not a whole number/);
    expect(() => parseBudgets('0.1,x')).toThrow(/^--budgets: "x" is not a number/);
    expect(() => parseBudgets('0.1,0.1')).toThrow(/^--budgets: 0.1 is listed twice/);
    expect(() => parseRepeats('0')).toThrow(/^--repeats must be an integer from 1 to 100, got "0"/);
    expect(() => parseRepeats('1.5')).toThrow(/^--repeats must be/);
    await expect(command.run(['--preset', 'teaching-quick', '--out', 'x.json', '--repeats', '0'])).rejects.toThrow(CliError);
    // a count larger than the training split: found before any training
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const p = command.run([tinySpecFile(), '--budgets', '500', '--out', join(dir, 'x.json')]);
      await expect(p).rejects.toThrow(CliError);
      await expect(p).rejects.toThrow(/^--budgets: stage "transfer-hr": label budget 500 is larger than the training split \(\d+ records\) of source "morph"$/);
      expect(err.mock.calls.map((c) => String(c[0])).join('')).not.toMatch(/epoch/);
    } finally {
      err.mockRestore();
    }
  });

  it('formats values with intervals', () => {
    expect(withCi(0.7712, { lo: 0.6891, hi: 0.8437 })).toBe('0.771 [0.69, 0.84]');
    expect(withCi(NaN, null)).toBe('–');
    expect(withCi(0.5, null)).toBe('0.500');
    expect(withCi(0.25, { lo: 0.25, hi: 0.25 })).toBe('0.250 [0.25, 0.25]');
  });
});
