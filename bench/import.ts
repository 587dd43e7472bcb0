/**
 * PTB-XL import at size, folder vs zip, in Node: `npm run bench -- import [--n 2000] [--rate 100|500]
 * [--paths folder,zip,zip-in-memory,unzip-sync] [--keep]`.
 * Builds a PTB-XL-shaped tree of N records at 100 Hz and 500 Hz (records100/, records500/, ptbxl_database.csv
 * with N rows, scp_statements.csv) from the shared records — the 988 records of ptb-xl-1000 at 100 Hz and the
 * 38 of ptb-xl at 500 Hz, copied under new ids to reach N — and its zip, in a temp dir under os.tmpdir()
 * (deleted at the end unless --keep). Each path imports the chosen rate into a DatasetBuilder, as the data
 * worker does, in its own Node process (bench/importRun.ts), so peak RSS is that path's alone.
 * Paths: folder (each file read when its record is read), zip (streaming reader, by slices of a file handle),
 * zip-in-memory (whole archive in memory, entries read one by one), unzip-sync (the former path: fflate
 * unzipSync of everything, then the in-memory reader), and in the lab in headless Chromium (bench/browser/labImport.ts):
 * chromium-folder (the folder given to "Choose a folder…"), chromium-zip (the zip to "Choose files…"), and
 * chromium-train (the folder import, then the paper preset's baseline stage on it for --batches batches, 0 = one epoch; also
 * `npm run bench -- import-train`). Chromium rows need a production build (LAB_DIST or dist/, built when missing).
 */
import { spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { freemem, loadavg, tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { Zip, ZipDeflate } from 'fflate';
import { printTable } from './table';
import { chromiumImport } from './browser/labImport';
import { presetSpec } from '../src/core/experiment/presets';

/** The shared real records (env ECG_DATA, default ../shared/data beside the project root, as the tests find them). */
const ECG_DATA = resolve(process.env.ECG_DATA ?? fileURLToPath(new URL('../../shared/data', import.meta.url)));
const dataPath = (...parts: string[]) => resolve(ECG_DATA, ...parts);

export interface ImportBenchRow {
  path: string;
  n: number;
  rate: number;
  records: number;
  seconds: number;
  records_per_s: number;
  mb_on_disk: number;
  peak_rss_mb: number;
  added_rss_mb: number;
  vs_folder_time: number | null;
  load: number;
  /** Chromium rows: the page's dataset samples are in shared memory (a SharedArrayBuffer). */
  shared_samples?: boolean;
  /** chromium-train: throughput of the capped run and one epoch's time extrapolated from it. */
  train_batches?: number;
  train_samples_per_s?: number;
  epoch_batches?: number;
  epoch_s_extrapolated?: number;
  train_peak_added_rss_mb?: number;
  error?: string;
}

/**
 * The paper preset reduced to its baseline stage, on wasm: the stage that trains the preset's model (resnet1d-deep,
 * 8 leads × 1000 samples, batch 32) on the full imported PTB-XL. Its four transfer stages train the same model on
 * the same data; its four pretraining stages train on 4 000 synthetic records whatever the import's size.
 */
function trainSpec(): { spec: unknown; stage: string; batchSize: number } {
  const spec = presetSpec('paper-synthetic-to-real');
  spec.backend = 'wasm';
  spec.training.epochs = 1;
  spec.stages = spec.stages.filter((s) => s.kind === 'baseline');
  delete (spec.sources as Record<string, unknown>).synth;
  return { spec, stage: spec.stages[0].name, batchSize: spec.training.batchSize };
}

async function chromiumRow(p: string, target: string, n: number, rate: number, onDisk: number, batches: number): Promise<ImportBenchRow> {
  const load = Math.round(loadavg()[0] * 10) / 10;
  const mode = p === 'chromium-zip' ? 'zip' : 'folder';
  const base = { path: p, n, rate, mb_on_disk: Math.round(onDisk / 2 ** 20), vs_folder_time: null, load };
  try {
    const train = p === 'chromium-train' ? { ...trainSpec(), batches } : undefined;
    const r = await chromiumImport(mode, target, { log: (s) => console.log(s), ...(train ? { train } : {}) });
    const row: ImportBenchRow = {
      ...base,
      records: r.records,
      seconds: Math.round(r.seconds * 10) / 10,
      records_per_s: Math.round(r.records / r.seconds),
      peak_rss_mb: Math.round(r.peakRss / 2 ** 20),
      added_rss_mb: Math.round((r.peakRss - r.baselineRss) / 2 ** 20),
      shared_samples: r.sharedSamples,
    };
    if (r.train) {
      row.train_batches = r.train.batches;
      row.train_samples_per_s = Math.round(r.train.samplesPerSec * 10) / 10;
      row.epoch_batches = r.train.batchesPerEpoch;
      row.epoch_s_extrapolated = Math.round(r.train.epochSeconds);
      row.train_peak_added_rss_mb = Math.round((r.train.peakRss - r.baselineRss) / 2 ** 20);
    }
    row.load = Math.round(((load + loadavg()[0]) / 2) * 10) / 10;
    return row;
  } catch (err) {
    return { ...base, records: 0, seconds: 0, records_per_s: 0, peak_rss_mb: 0, added_rss_mb: 0, error: err instanceof Error ? err.message : String(err) };
  }
}

const pad = (i: number) => String(i).padStart(5, '0');
const dirOf = (i: number) => pad(Math.floor(i / 1000) * 1000);

function listRecords(dir: string, suffix: string): string[] {
  const out: string[] = [];
  for (const sub of readdirSync(dir).sort()) for (const f of readdirSync(join(dir, sub)).sort()) if (f.endsWith(`${suffix}.hea`)) out.push(join(dir, sub, f.slice(0, -4)));
  return out;
}

/** Writes a PTB-XL-shaped tree of n records under root/ptbxl; returns its size in bytes. */
export function buildTree(root: string, n: number): number {
  const lr = listRecords(dataPath('ptb-xl-1000', 'records100'), '_lr');
  const hr = listRecords(dataPath('ptb-xl', 'records500'), '_hr');
  const base = join(root, 'ptbxl');
  const csv = Papa.parse<string[]>(readFileSync(dataPath('ptb-xl-1000', 'ptbxl_database.csv'), 'utf8'), { skipEmptyLines: true }).data;
  const head = csv[0];
  const col = (name: string) => head.indexOf(name);
  const [cId, cPid, cLr, cHr] = ['ecg_id', 'patient_id', 'filename_lr', 'filename_hr'].map(col);
  const rowById = new Map(csv.slice(1).map((r) => [Number(r[cId]), r]));
  const rows: string[][] = [head];
  let bytes = 0;
  const copyRecord = (src: string, rate: 'records100' | 'records500', sfx: string, i: number) => {
    const dir = join(base, rate, dirOf(i));
    mkdirSync(dir, { recursive: true });
    const oldStem = src.split('/').pop()!;
    const stem = `${pad(i)}${sfx}`;
    const hea = readFileSync(`${src}.hea`, 'utf8').split(oldStem).join(stem);
    writeFileSync(join(dir, `${stem}.hea`), hea);
    copyFileSync(`${src}.dat`, join(dir, `${stem}.dat`));
    bytes += hea.length + statSync(`${src}.dat`).size;
  };
  for (let i = 1; i <= n; i++) {
    const src = lr[(i - 1) % lr.length];
    copyRecord(src, 'records100', '_lr', i);
    copyRecord(hr[(i - 1) % hr.length], 'records500', '_hr', i);
    const row = [...rowById.get(Number(src.split('/').pop()!.slice(0, 5)))!];
    row[cId] = String(i);
    row[cPid] = `${i}.0`;
    row[cLr] = `records100/${dirOf(i)}/${pad(i)}_lr`;
    row[cHr] = `records500/${dirOf(i)}/${pad(i)}_hr`;
    rows.push(row);
  }
  const db = Papa.unparse(rows) + '\n';
  writeFileSync(join(base, 'ptbxl_database.csv'), db);
  copyFileSync(dataPath('ptb-xl', 'scp_statements.csv'), join(base, 'scp_statements.csv'));
  return bytes + db.length + statSync(join(base, 'scp_statements.csv')).size;
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const n of readdirSync(dir).sort()) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out;
}

/** Zips root/ptbxl into zipPath: Info-ZIP when installed (as PhysioNet ships it), else fflate's streaming writer. */
export function buildZip(root: string, zipPath: string): string {
  if (spawnSync('zip', ['-v'], { stdio: 'ignore' }).status === 0) {
    const r = spawnSync('zip', ['-q', '-r', '-X', zipPath, 'ptbxl'], { cwd: root, stdio: 'inherit' });
    if (r.status === 0) return 'Info-ZIP';
  }
  const fd = openSync(zipPath, 'w');
  try {
    let failed: Error | null = null;
    const zip = new Zip((err, chunk) => {
      if (err) failed = err;
      else writeSync(fd, chunk);
    });
    for (const p of walk(join(root, 'ptbxl'))) {
      const f = new ZipDeflate(relative(root, p), { level: 6 });
      zip.add(f);
      f.push(readFileSync(p), true);
      if (failed) throw failed;
    }
    zip.end();
  } finally {
    closeSync(fd);
  }
  return 'fflate';
}

function arg(args: string[], name: string, dflt: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : dflt;
}

export async function runBench(args: string[]): Promise<ImportBenchRow[]> {
  const n = Number(arg(args, 'n', '2000'));
  const rate = Number(arg(args, 'rate', '100'));
  const paths = arg(args, 'paths', args.includes('--train-only') ? 'chromium-train' : 'folder,zip,zip-in-memory').split(',');
  const batches = Number(arg(args, 'batches', '20'));
  const root = mkdtempSync(join(tmpdir(), 'bench-import-'));
  const cleanup = () => rmSync(root, { recursive: true, force: true });
  const onSignal = () => {
    cleanup();
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  const rows: ImportBenchRow[] = [];
  try {
    let t0 = performance.now();
    const treeBytes = buildTree(root, n);
    console.log(`built ${n} records at 100 and 500 Hz (${(treeBytes / 2 ** 20).toFixed(0)} MB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const zipPath = join(root, 'ptbxl.zip');
    t0 = performance.now();
    const writer = buildZip(root, zipPath);
    const zipBytes = statSync(zipPath).size;
    console.log(`zipped with ${writer}: ${(zipBytes / 2 ** 20).toFixed(0)} MB in ${((performance.now() - t0) / 1000).toFixed(1)} s; free memory ${(freemem() / 2 ** 30).toFixed(1)} GB`);
    const runner = fileURLToPath(new URL('./importRun.ts', import.meta.url));
    for (const p of paths) {
      const target = p === 'folder' || p === 'chromium-folder' || p === 'chromium-train' ? join(root, 'ptbxl') : zipPath;
      if (p.startsWith('chromium-')) {
        console.log(`${p}: ${target}`);
        rows.push(await chromiumRow(p, target, n, rate, target === zipPath ? zipBytes : treeBytes, batches));
        continue;
      }
      const load = loadavg()[0];
      const r = spawnSync(process.execPath, [...process.execArgv, runner, p, target, String(rate)], { encoding: 'utf8', maxBuffer: 2 ** 24 });
      const line = r.stdout.trim().split('\n').pop() ?? '';
      let res: { records: number; seconds: number; peakRss: number; startRss: number; error?: string } | undefined;
      try {
        res = JSON.parse(line);
      } catch {
        res = undefined;
      }
      if (!res) {
        rows.push({ path: p, n, rate, records: 0, seconds: 0, records_per_s: 0, mb_on_disk: 0, peak_rss_mb: 0, added_rss_mb: 0, vs_folder_time: null, load, error: (r.stderr || r.error?.message || 'no result').trim().split('\n').slice(-3).join(' | ') });
        continue;
      }
      rows.push({
        path: p,
        n,
        rate,
        records: res.records,
        seconds: res.seconds,
        records_per_s: Math.round(res.records / res.seconds),
        mb_on_disk: Math.round((p === 'folder' ? treeBytes : zipBytes) / 2 ** 20),
        peak_rss_mb: Math.round(res.peakRss / 2 ** 20),
        added_rss_mb: Math.round((res.peakRss - res.startRss) / 2 ** 20),
        vs_folder_time: null,
        load: Math.round(load * 10) / 10,
        ...(res.error ? { error: res.error } : {}),
      });
    }
  } finally {
    process.removeListener('SIGINT', onSignal);
    if (!args.includes('--keep')) cleanup();
    else console.log(`kept ${root}`);
  }
  // Each row against the folder row of its host (Node or Chromium).
  const folder = rows.find((r) => r.path === 'folder' && !r.error);
  const cFolder = rows.find((r) => r.path === 'chromium-folder' && !r.error);
  for (const r of rows) {
    const ref = r.path.startsWith('chromium-') ? cFolder : folder;
    if (ref && !r.error) r.vs_folder_time = Math.round((r.seconds / ref.seconds) * 100) / 100;
  }
  printTable(rows as unknown as Record<string, unknown>[]);
  for (const r of rows) if (r.error) console.log(`${r.path}: ${r.error}`);
  return rows;
}
