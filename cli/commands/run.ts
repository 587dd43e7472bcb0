/**
 * `run SPEC.json --out RESULTS.json [--backend wasm|cpu]` and
 * `run --preset NAME [--data PATH]... [--epochs N] [--n-synthetic N] [--seed K] [--model KIND] --out RESULTS.json`:
 * the lab's experiment runner, headless. Progress goes to stderr; the results JSON to --out.
 * Imported sources are read from disk (folders or files, as in `cli inspect`) with the same readers the lab uses.
 */
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CliError, parseFlags, type Command } from '../command';
import type { EcgDataset } from '../../src/core/data/dataset';
import { importFiles } from '../../src/core/data/importDataset';
import type { InputFile } from '../../src/core/formats/index';
import { MODEL_KINDS, type ModelKind } from '../../src/core/ml/models';
import { defaultThreads, startNodeKernelThreads } from '../kernelThreads';
import { OnnxExport } from '../exportOnnx';
import { stopKernelThreads } from '../../src/core/ml/kernels/threads';
import { parseSpec, planSweep, PRESET_NAMES, presetSpec, runExperiment, SpecError, type ExperimentSpec, type RunEvent, type RunResults } from '../../src/core/experiment';
import { BudgetError, budgetLabel } from '../../src/core/data/budgets';
import { fileModelCache } from '../modelCache';
import { initBackend } from '../../src/core/ml/backend';
import { resultsTable } from './runTable';
import { runInChromium, type HostImport } from '../chromiumHost';
import { liveProgress } from '../liveProgress';
import { runShard, shardCells, type ShardRef, type ShardResults } from '../../src/core/experiment/run/shard';

export const HELP = `Usage:
  npm run --silent cli -- run SPEC.json --out RESULTS.json [--backend wasm|cpu] [--repeats N]
                              [--budgets B,B,...] [--cache DIR]
  npm run --silent cli -- run --preset NAME [--data PATH]... [--epochs N] [--n-synthetic N] [--seed K]
                              [--model KIND] [--task single-label|multi-label] [--backend wasm|cpu]
                              [--threads N] [--repeats N] [--budgets B,B,...] [--cache DIR]
                              [--export-onnx DIR] --out RESULTS.json
  npm run --silent cli -- run SPEC.json --shard I/N --cache DIR --out SHARD-I.json   (then: cli merge)

Runs an experiment (the same runner as the lab's worker): every cell of stage × repeat × label budget. Prints
the plan, then a table of test metrics with 95 % intervals (value [lo, hi]) to stdout, and writes the results
JSON: { "stages", "comparison", "cells", "ci" per cell, "paired", "repeats", "budgets", "predictions",
"warnings", ... }. Progress (stages, epochs, ETA) goes to stderr.

Options:
  --preset NAME      one of: ${PRESET_NAMES.join(', ')}
  --data PATH        folder or file of real ECGs for the spec's imported sources, in their order
                     (e.g. a PTB-XL root or a LUDB folder); repeatable. Spec files may give "paths" instead.
  --epochs N         override the epochs of every stage
  --n-synthetic N    override the number of records of every synthetic source
  --seed K           override the experiment seed (and the synthetic sources' seeds, offset per source)
  --model KIND       override the model (of a model comparison: run KIND's stage alone) (${MODEL_KINDS.join(', ')})
  --task KIND        classification of every transfer/baseline stage: single-label (records with exactly one
                     class, softmax, accuracy) or multi-label (records with ≥ 1 class, sigmoid + BCE, macro AUC)
  --backend B        wasm (default) or cpu; with --host chromium: wasm (default), webgl or webgpu
  --host H           node (default) or chromium: run in headless Chromium (CHROMIUM_PATH, default
                     /usr/bin/chromium) in the lab's own training worker (the production build in dist/,
                     built when missing); --data files are read in the page, nothing else is served
  --threads N        wasm: threads for the convolutions (default: all ${defaultThreads()} cores; results are
                     bit-identical for any N)
  --repeats N        independent repeats (seeds derived from the experiment seed: new random splits, new
                     initialisation and shuffling; fold splits stay fixed)
  --budgets LIST     label budgets of the transfer/baseline stages, comma-separated: fractions of the
                     training split in (0, 1] or record counts (integers ≥ 2), e.g. 0.1,0.25,1 or 50,100
  --cache DIR        keep pretrained models in DIR (by a hash of everything they depend on) and reuse them
  --out FILE         where to write the results JSON (required)
  --shard I/N        run only the I-th (0 … N−1) of N disjoint sets of cells and write a shard results file;
                     "cli merge" combines the N files into the results of the whole run (docs/scale.md).
                     Give every shard the same --cache DIR (a shared folder): pretrained models another
                     shard owns are taken from it, or trained again from the same seed (same weights)
  --export-onnx DIR  also write each trained stage model as DIR/<stage>.onnx (opset 17, preprocessing in
                     its metadata)
  --quiet            no per-epoch progress`;

const FLAGS = {
  out: 'string',
  backend: 'string',
  preset: 'string',
  data: 'strings',
  epochs: 'number',
  'n-synthetic': 'number',
  seed: 'number',
  model: 'string',
  task: 'string',
  quiet: 'boolean',
  threads: 'number',
  'export-onnx': 'string',
  repeats: 'string',
  budgets: 'string',
  cache: 'string',
  shard: 'string',
  host: 'string',
} as const;

function walk(p: string, out: string[], skipRecords500: boolean): void {
  const st = statSync(p);
  if (st.isFile()) {
    out.push(p);
    return;
  }
  if (!st.isDirectory()) return;
  const entries = readdirSync(p).sort();
  const skip500 = skipRecords500 && entries.includes('records100') && entries.includes('records500');
  for (const e of entries) {
    if (e.startsWith('.')) continue;
    if (skip500 && e === 'records500') continue;
    walk(join(p, e), out, skipRecords500);
  }
}

/** Every file under the paths (PTB-XL: only the records at the wanted rate). */
export function listInputFiles(paths: string[], fs: number): string[] {
  const files: string[] = [];
  for (const p of paths) {
    if (!existsSync(p)) throw new CliError(`data path not found: ${p}`);
    walk(p, files, fs <= 100);
  }
  return files;
}

/** Reads every file under the paths (PTB-XL: only the records at the wanted rate). */
export function loadInputFiles(paths: string[], fs: number): InputFile[] {
  return listInputFiles(paths, fs).map((f) => ({ name: f, data: new Uint8Array(readFileSync(f)) }));
}

/** Model input geometry of a spec: the first synthetic source's rate and length (default 100 Hz, 10 s). */
export function specGeometry(spec: ExperimentSpec): { fs: number; nSamples: number } {
  for (const s of Object.values(spec.sources)) {
    if (s.kind === 'synthetic') {
      const fs = Number(s.spec.fs ?? 100);
      return { fs, nSamples: Math.round(fs * Number(s.spec.seconds ?? 10)) };
    }
  }
  return { fs: 100, nSamples: 1000 };
}

/** `--shard I/N`: 0 ≤ I < N ≤ 10 000. */
export function parseShard(v: string): ShardRef {
  const m = /^(\d+)\/(\d+)$/.exec(v.trim());
  if (!m) throw new CliError(`--shard must be I/N (e.g. 0/4 for the first of 4 shards), got "${v}"`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || count > 10000) throw new CliError(`--shard ${v}: N must be from 1 to 10000`);
  if (index >= count) throw new CliError(`--shard ${v}: I counts from 0 and must be below N (0 … ${count - 1})`);
  return { index, count };
}

export const TASK_KINDS = ['single-label', 'multi-label'] as const;

/** `--repeats N`: an integer from 1 to 100. */
export function parseRepeats(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 100) throw new CliError(`--repeats must be an integer from 1 to 100, got "${v}"`);
  return n;
}

/** `--budgets 0.1,0.25,1`: fractions in (0, 1] or integer record counts ≥ 2, no duplicates. */
export function parseBudgets(v: string): number[] {
  const parts = v.split(',').map((p) => p.trim());
  const out: number[] = [];
  for (const p of parts) {
    const b = Number(p);
    if (p === '' || !Number.isFinite(b)) throw new CliError(`--budgets: "${p}" is not a number (give fractions in (0, 1] or record counts, comma-separated)`);
    if (b <= 0) throw new CliError(`--budgets: ${p} must be above 0 (a fraction in (0, 1] or a record count ≥ 2)`);
    if (b > 1 && !Number.isInteger(b)) throw new CliError(`--budgets: ${p} is above 1 but not a whole number of records (fractions go up to 1)`);
    if (out.includes(b)) throw new CliError(`--budgets: ${p} is listed twice`);
    out.push(b);
  }
  return out;
}

export function applyOverrides(
  spec: ExperimentSpec,
  o: { epochs?: number; nSynthetic?: number; seed?: number; model?: string; data?: string[]; task?: string; repeats?: number; budgets?: number[] },
): ExperimentSpec {
  const s: ExperimentSpec = JSON.parse(JSON.stringify(spec));
  if (o.repeats !== undefined) s.repeats = o.repeats;
  if (o.budgets !== undefined) {
    if (!s.stages.some((st) => st.kind === 'transfer' || st.kind === 'baseline')) throw new CliError(`--budgets given but the experiment has no transfer or baseline stage`);
    s.labelBudgets = o.budgets;
  }
  if (o.epochs !== undefined) {
    if (!Number.isInteger(o.epochs) || o.epochs < 1) throw new CliError(`--epochs must be an integer ≥ 1, got ${o.epochs}`);
    s.training.epochs = o.epochs;
    for (const st of s.stages) if ('training' in st && st.training?.epochs !== undefined) st.training.epochs = o.epochs;
  }
  if (o.seed !== undefined) s.seed = o.seed;
  let k = 0;
  for (const src of Object.values(s.sources)) {
    if (src.kind !== 'synthetic') continue;
    if (o.nSynthetic !== undefined) src.spec.n = o.nSynthetic;
    if (o.seed !== undefined) src.spec.seed = (o.seed * 1000 + k++) >>> 0;
  }
  if (o.model !== undefined) {
    if (!(MODEL_KINDS as readonly string[]).includes(o.model)) throw new CliError(`--model must be one of ${MODEL_KINDS.join(', ')}, got "${o.model}"`);
    s.model.kind = o.model as ModelKind;
    // Stages with their own architecture (a model comparison): those of KIND alone run when there are some (with
    // the stages that build on them); else every stage trains KIND.
    const own = (st: ExperimentSpec['stages'][number]) => ('model' in st ? st.model?.kind : undefined);
    if (s.stages.some((st) => own(st) === o.model)) {
      const kept = new Set(s.stages.filter((st) => own(st) === undefined || own(st) === o.model).map((st) => st.name));
      for (let changed = true; changed; ) {
        changed = false;
        for (const st of s.stages) if ('from' in st && kept.has(st.name) && !kept.has(st.from)) changed = kept.delete(st.name) || changed;
      }
      s.stages = s.stages.filter((st) => kept.has(st.name));
    }
    for (const st of s.stages) if ('model' in st) delete st.model;
  }
  if (o.task !== undefined) {
    if (!(TASK_KINDS as readonly string[]).includes(o.task)) throw new CliError(`--task must be one of ${TASK_KINDS.join(', ')}, got "${o.task}"`);
    const kind = o.task as (typeof TASK_KINDS)[number];
    const classify = s.stages.filter((st) => st.kind === 'transfer' || st.kind === 'baseline');
    if (classify.length === 0) throw new CliError(`--task given but the experiment has no transfer or baseline stage`);
    for (const st of classify) if (st.kind === 'transfer' || st.kind === 'baseline') st.task = { kind, classes: st.task.classes };
  }
  if (o.data?.length) {
    const imported = Object.entries(s.sources).filter(([, v]) => v.kind === 'imported');
    if (imported.length === 0) throw new CliError(`--data given but the experiment has no imported source`);
    if (o.data.length > imported.length && imported.length > 1) throw new CliError(`${o.data.length} --data paths for ${imported.length} imported sources`);
    imported.forEach(([, v], i) => {
      if (v.kind !== 'imported') return;
      // one imported source takes every path; several take one each, in order
      const paths = imported.length === 1 ? o.data! : o.data![i] ? [o.data![i]] : undefined;
      if (paths) v.paths = paths;
    });
  }
  try {
    return parseSpec(s);
  } catch (e) {
    if (e instanceof SpecError) throw new CliError(`invalid experiment after overrides: ${e.message}`);
    throw e;
  }
}

function fmt(v: number | undefined, d = 3): string {
  return v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(d);
}

/** " (repeat 2, 25 %)" for a sweep cell other than repeat 1 at the full budget. */
function cellSuffix(id: string | undefined): string {
  const m = id ? /#r(\d+)(?:#b([\d.e-]+))?$/.exec(id) : null;
  if (!m) return '';
  const r = Number(m[1]);
  const b = m[2] === undefined ? undefined : Number(m[2]);
  if (r === 0 && (b === undefined || b === 1)) return '';
  return ` (${[`repeat ${r + 1}`, b !== undefined ? budgetLabel(b) : ''].filter(Boolean).join(', ')})`;
}

export function progressLine(ev: RunEvent): string | null {
  switch (ev.type) {
    case 'run-start':
      return `run "${ev.name}" on ${ev.backend.backend}${(ev.backend.threads ?? 1) > 1 ? ` (${ev.backend.threads} threads)` : ''}${ev.backend.reason ? ` (${ev.backend.reason})` : ''}: ${ev.stages.map((s) => s.name).join(', ')}`;
    case 'log':
      return `${ev.level === 'warn' ? 'warning: ' : ''}${ev.message}`;
    case 'stage-start':
      return `[${ev.index + 1}/${ev.total}] ${ev.kind} ${ev.stage}${cellSuffix(ev.cell)}: ${ev.model.kind} ${ev.model.trainableParams} params, ${(ev.model.flopsPerSample / 1e6).toFixed(1)} MFLOP/sample; train ${ev.split.nTrain} / val ${ev.split.nVal} / test ${ev.split.nTest}${ev.epochs ? `; ${ev.epochs} epochs, est. ${ev.estimatedSeconds.toFixed(0)} s` : ''}`;
    case 'epoch': {
      const m = ev.metrics;
      const parts = Object.entries(m)
        .filter(([k, v]) => typeof v === 'number' && (k.startsWith('mae_') || ['accuracy', 'macro_auc', 'macro_f1'].includes(k)))
        .map(([k, v]) => `${k} ${fmt(v as number)}`);
      return `  ${ev.stage} epoch ${ev.epoch}/${ev.epochs} loss ${fmt(ev.loss, 4)} val ${fmt(ev.valLoss, 4)} ${parts.join(' ')}${ev.improved ? ' *' : ''} (${ev.seconds.toFixed(1)} s, ETA ${ev.etaSeconds.toFixed(0)} s)`;
    }
    case 'stage-end': {
      const t = ev.result.metrics.test;
      if (!t) return `  ${ev.stage} done`;
      const parts = Object.entries(t)
        .filter(([k, v]) => typeof v === 'number' && (k.startsWith('mae_') || ['accuracy', 'macro_auc', 'macro_f1'].includes(k)))
        .map(([k, v]) => `${k} ${fmt(v as number)}`);
      return `  ${ev.stage} test (n=${t.n}): ${parts.join(' ')} [${ev.result.seconds.toFixed(0)} s]`;
    }
    case 'error':
      return ev.cancelled ? 'cancelled' : null;
    default:
      return null;
  }
}

async function runChromium(specIn: ExperimentSpec, backend: 'wasm' | 'webgl' | 'webgpu', out: string, quiet: boolean): Promise<number> {
  const log = (s: string) => process.stderr.write(s + '\n');
  // the backend is the spec's preference in the worker; the results file keeps the spec as given (like --backend on node)
  const spec: ExperimentSpec = { ...specIn, backend };
  const { fs } = specGeometry(spec);
  const imports: HostImport[] = [];
  for (const [key, src] of Object.entries(spec.sources)) {
    if (src.kind !== 'imported' || !spec.stages.some((s) => s.source === key)) continue;
    if (!src.paths?.length) throw new CliError(`source "${key}" (${src.name}) needs data: pass --data PATH`);
    const files = listInputFiles(src.paths, fs);
    log(`serving ${files.length} files for source "${key}" from ${src.paths.join(', ')} to the page`);
    imports.push({ key, files, fs, ptbxlRate: fs <= 100 ? 100 : 500 });
  }
  const lines = liveProgress(log, quiet);
  const results = await runInChromium({ spec, imports, onEvents: (evs) => evs.forEach(lines), log });
  writeFileSync(out, JSON.stringify({ ...results, spec: specIn }, null, 2) + '\n');
  process.stdout.write(resultsTable(results));
  log(`wrote ${out} (${results.cells?.length ?? results.stages.length} cells, ${results.seconds.toFixed(0)} s, Chromium ${results.backend.backend})`);
  return 0;
}

export const command: Command = {
  help: HELP,
  async run(argv) {
    const { flags, _ } = parseFlags(argv, FLAGS);
    const out = flags.out as string | undefined;
    if (!out) throw new CliError('--out RESULTS.json is required');
    const host = (flags.host as string | undefined) ?? 'node';
    if (host !== 'node' && host !== 'chromium') throw new CliError(`--host must be node or chromium, got "${host}"`);
    const backend = (flags.backend as string | undefined) ?? 'wasm';
    if (host === 'node' && backend !== 'wasm' && backend !== 'cpu') throw new CliError(`--backend must be wasm or cpu, got "${backend}"${['webgl', 'webgpu'].includes(backend) ? ' (webgl and webgpu need --host chromium)' : ''}`);
    if (host === 'chromium' && !['wasm', 'webgl', 'webgpu'].includes(backend)) throw new CliError(`--backend with --host chromium must be wasm, webgl or webgpu, got "${backend}"`);
    let spec: ExperimentSpec;
    if (flags.preset !== undefined) {
      if (_.length) throw new CliError(`give either SPEC.json or --preset, not both`);
      const name = flags.preset as string;
      if (!(PRESET_NAMES as string[]).includes(name)) throw new CliError(`unknown preset "${name}" (presets: ${PRESET_NAMES.join(', ')})`);
      spec = presetSpec(name);
    } else {
      if (_.length !== 1) throw new CliError(_.length ? `expected one SPEC.json, got ${_.length} arguments` : 'missing SPEC.json (or --preset NAME)');
      let text: string;
      try {
        text = readFileSync(_[0], 'utf8');
      } catch {
        throw new CliError(`cannot read spec file ${_[0]}`);
      }
      try {
        spec = parseSpec(text);
      } catch (e) {
        if (e instanceof SpecError) throw new CliError(`${_[0]}: ${e.message}`);
        throw e;
      }
    }
    spec = applyOverrides(spec, {
      epochs: flags.epochs as number | undefined,
      nSynthetic: flags['n-synthetic'] as number | undefined,
      seed: flags.seed as number | undefined,
      model: flags.model as string | undefined,
      data: flags.data as string[] | undefined,
      task: flags.task as string | undefined,
      ...(flags.repeats !== undefined ? { repeats: parseRepeats(flags.repeats as string) } : {}),
      ...(flags.budgets !== undefined ? { budgets: parseBudgets(flags.budgets as string) } : {}),
    });
    const budgetFlag = flags.budgets !== undefined ? '--budgets' : 'labelBudgets';
    const quiet = flags.quiet === true;
    if (host === 'chromium') {
      for (const f of ['shard', 'cache', 'export-onnx', 'threads'] as const) if (flags[f] !== undefined) throw new CliError(`--${f} is not available with --host chromium`);
      return runChromium(spec, backend as 'wasm' | 'webgl' | 'webgpu', out, quiet);
    }
    const shard = flags.shard !== undefined ? parseShard(flags.shard as string) : undefined;
    if (shard && flags['export-onnx'] !== undefined) throw new CliError('--export-onnx cannot be combined with --shard (export from the merged run instead)');
    const log = (s: string) => process.stderr.write(s + '\n');

    // imported sources: read from disk with the lab's readers, at the model's rate and length
    const { fs, nSamples } = specGeometry(spec);
    const datasets: Record<string, EcgDataset> = {};
    for (const [key, src] of Object.entries(spec.sources)) {
      if (src.kind !== 'imported') continue;
      const usedBy = spec.stages.some((s) => s.source === key || (s.kind === 'baseline' && s.against === key));
      if (!usedBy) continue;
      if (!src.paths?.length) throw new CliError(`source "${key}" (${src.name}) needs data: pass --data PATH`);
      const files = loadInputFiles(src.paths, fs);
      log(`reading ${files.length} files for source "${key}" from ${src.paths.join(', ')}`);
      const r = await importFiles(files, { name: src.name, fs, nSamples, ptbxlRate: fs <= 100 ? 100 : 500, ...(src.windows ? { windows: src.windows } : {}) });
      for (const e of r.errors.slice(0, 10)) log(`warning: ${e.file}: ${e.error}`);
      if (r.errors.length > 10) log(`warning: … ${r.errors.length - 10} more unreadable files`);
      if (r.skipped.length) log(`note: ${r.skipped.length} record(s) skipped (${r.skipped[0].record}: ${r.skipped[0].reason}${r.skipped.length > 1 ? ', …' : ''})`);
      if (r.dataset.n === 0) throw new CliError(`source "${key}": no usable records in ${src.paths.join(', ')}`);
      log(`source "${key}": ${r.dataset.n} records, ${r.dataset.nLeads} leads × ${r.dataset.nSamples} at ${r.dataset.fs} Hz, fingerprint ${r.dataset.fingerprint}`);
      datasets[key] = r.dataset;
    }

    const threads = (flags.threads as number | undefined) ?? defaultThreads();
    if (!Number.isInteger(threads) || threads < 1 || threads > 64) throw new CliError(`--threads must be an integer from 1 to 64, got ${threads}`);
    if (backend === 'wasm') {
      const t = await startNodeKernelThreads(threads);
      if (t.threads < threads) log(`note: ${t.threads} kernel thread(s) instead of ${threads}: ${t.reason}`);
    }
    // initialised here (not by the runner): the plan builds the models to count their cost
    const backendChoice = await initBackend(backend as 'wasm' | 'cpu', {});
    const cacheDir = flags.cache as string | undefined;
    const cache = cacheDir ? fileModelCache(cacheDir) : undefined;
    const cachedKeys = new Set<string>();
    if (cache) {
      for (const c of planSweep(spec, { datasets }).cells) if (c.cacheKey && (await cache.get(c.cacheKey))) cachedKeys.add(c.cacheKey);
    }
    log(`plan: ${planSweep(spec, { datasets, backend: backend as 'wasm' | 'cpu', cachedKeys }).summary}`);
    const onnx = flags['export-onnx'] !== undefined ? new OnnxExport(flags['export-onnx'] as string) : undefined;
    let results: RunResults | undefined;
    let shardResults: ShardResults | undefined;
    const onEvent = (ev: RunEvent) => {
      if (quiet && ev.type === 'epoch') return;
      const line = progressLine(ev);
      if (line) log(line);
    };
    try {
      const opts = { datasets, backend: backendChoice, ...(cache ? { cache } : {}), onEvent };
      if (shard) {
        if (!cache) log(`note: no --cache: pretrained models other shards own are trained again here (same weights)`);
        if (shardCells(spec, shard).length === 0) log(`note: shard ${shard.index}/${shard.count} has no cells (the sweep has fewer units than shards)`);
        shardResults = await runShard(spec, opts, shard);
      } else results = await runExperiment(spec, { ...opts, ...(onnx ? { onModel: onnx.onModel } : {}) });
    } catch (e) {
      if (e instanceof BudgetError) throw new CliError(`${budgetFlag}: ${e.message}`);
      throw e;
    } finally {
      stopKernelThreads();
    }
    if (shardResults) {
      writeFileSync(out, JSON.stringify(shardResults) + '\n');
      log(`wrote ${out} (shard ${shard!.index}/${shard!.count}: ${shardResults.cells.length} cells, ${shardResults.seconds.toFixed(0)} s); combine the shards with "cli merge"`);
      return 0;
    }
    if (!results) throw new Error('no results');
    onnx?.write(spec, results, log);
    writeFileSync(out, JSON.stringify({ ...results, spec }, null, 2) + '\n');
    process.stdout.write(resultsTable(results));
    log(`wrote ${out} (${results.cells?.length ?? results.stages.length} cells, ${results.seconds.toFixed(0)} s)`);
    return 0;
  },
};
