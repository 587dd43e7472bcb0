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
 * unzipSync of everything, then the in-memory reader). The Chromium-worker rows are not measured here.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { freemem, loadavg, tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { Zip, ZipDeflate } from 'fflate';
import { printTable } from './table';

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
  error?: string;
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
  const paths = arg(args, 'paths', 'folder,zip,zip-in-memory').split(',');
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
      const target = p === 'folder' ? join(root, 'ptbxl') : zipPath;
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
  const folder = rows.find((r) => r.path === 'folder' && !r.error);
  if (folder) for (const r of rows) if (!r.error) r.vs_folder_time = Math.round((r.seconds / folder.seconds) * 100) / 100;
  printTable(rows as unknown as Record<string, unknown>[]);
  return rows;
}
