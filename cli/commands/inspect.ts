/**
 * `inspect PATH... [--samples N]`: reads ECG files and dataset folders (recursively), prints one JSON line
 * per record {record, fs, n_samples, sig_names, units, first, labels} and {path, error} lines for failures.
 * Exit 0 when every path was read, 1 otherwise. Folders are read one directory at a time (with the dataset's
 * metadata CSVs), so a full PTB-XL tree does not have to fit in memory at once.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, basename, dirname, extname } from 'node:path';
import { CliError, parseFlags, type Command } from '../command';
import { readRecordings, type InputFile, type Recording } from '../../src/core/formats/index';

const METADATA_CSV = new Set(['ptbxl_database.csv', 'scp_statements.csv']);

function walk(dir: string, out: string[]): void {
  for (const e of readdirSync(dir).sort()) {
    if (e.startsWith('.')) continue;
    const p = join(dir, e);
    const st = statSync(p);
    if (st.isDirectory()) walk(p, out);
    else if (st.isFile()) out.push(p);
  }
}

/**
 * A header named on its own reads like the WFDB tools read a record: the files beside it that share its stem
 * (signal files, annotation files) come along. A record name without extension means its .hea.
 */
export function withRecordSiblings(p: string): string[] {
  const hea = extname(p) === '' && !existsSync(p) && existsSync(`${p}.hea`) ? `${p}.hea` : p;
  if (extname(hea).toLowerCase() !== '.hea') return [hea];
  const dir = dirname(hea);
  const stem = basename(hea, extname(hea));
  const siblings = readdirSync(dir)
    .filter((e) => e !== basename(hea) && e.startsWith(`${stem}.`) && statSync(join(dir, e)).isFile())
    .sort()
    .map((e) => join(dir, e));
  return [hea, ...siblings];
}

const load = (p: string): InputFile => ({ name: p, data: new Uint8Array(readFileSync(p)) });

export function recordLine(rec: Recording, nFirst: number): string {
  const round = (v: number) => (Number.isFinite(v) ? parseFloat(v.toPrecision(7)) : null);
  return JSON.stringify({
    record: rec.name,
    fs: rec.fs,
    n_samples: rec.nSamples,
    sig_names: rec.sigNames,
    units: rec.units,
    first: rec.signals.map((s) => Array.from(s.subarray(0, nFirst), round)),
    labels: rec.labels ?? {},
  });
}

/** Groups the paths to read into batches: explicit files together; each folder one directory at a time. */
export function planBatches(paths: string[]): { batches: string[][]; missing: string[] } {
  const batches: string[][] = [];
  const missing: string[] = [];
  const loose: string[] = [];
  for (const given of paths) {
    const group = withRecordSiblings(given);
    const p = group[0];
    let st;
    try {
      st = statSync(p);
    } catch {
      missing.push(p);
      continue;
    }
    if (!st.isDirectory()) {
      for (const f of group) if (!loose.includes(f)) loose.push(f);
      continue;
    }
    const files: string[] = [];
    walk(p, files);
    const hasWfdb = files.some((f) => f.toLowerCase().endsWith('.hea'));
    const meta = files.filter((f) => METADATA_CSV.has(basename(f)));
    const byDir = new Map<string, string[]>();
    for (const f of files) {
      if (meta.includes(f)) continue;
      if (hasWfdb && f.toLowerCase().endsWith('.csv')) continue; // dataset metadata (e.g. ludb.csv)
      const d = f.slice(0, f.length - basename(f).length);
      const l = byDir.get(d);
      if (l) l.push(f);
      else byDir.set(d, [f]);
    }
    for (const fs of byDir.values()) batches.push([...fs, ...meta]);
  }
  if (loose.length) batches.unshift(loose);
  return { batches, missing };
}

export const command: Command = {
  help: `Usage: npm run --silent cli -- inspect PATH... [--samples N]

Reads ECG files or dataset folders (WFDB .hea+.dat/.mat, annotations, EDF, CSV, JSON, .zip; PTB-XL, LUDB,
QT database, MIT-BIH, PhysioNet Challenge) and prints one JSON object per record per line:
  {"record","fs","n_samples","sig_names","units","first","labels"}
first: the first N physical values of each lead (NaN as null); labels: superclasses | hr_bpm, pr_ms,
qrs_ms, qt_ms | dx | beats. Errors print as {"path","error"} lines. Exit 0 when every path was read, else 1.

Options:
  --samples N   physical values per lead in "first" (default 5)`,
  async run(argv) {
    const { flags, _ } = parseFlags(argv, { samples: 'number' });
    if (!_.length) throw new CliError('inspect needs at least one PATH');
    process.stdout.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(0); // the reader (e.g. `| head`) has had enough
      throw err;
    });
    const n = flags.samples === undefined ? 5 : (flags.samples as number);
    if (!Number.isInteger(n) || n < 0) throw new CliError(`--samples must be a non-negative integer, got ${n}`);
    const { batches, missing } = planBatches(_);
    let failed = 0;
    const out = (s: string) => process.stdout.write(s + '\n');
    for (const p of missing) {
      out(JSON.stringify({ path: p, error: `${p}: no such file or directory` }));
      failed++;
    }
    for (const batch of batches) {
      const files = batch.map(load);
      const res = await readRecordings(files, { keep: false, onRecord: (rec) => out(recordLine(rec, n)) });
      for (const e of res.errors) {
        out(JSON.stringify({ path: e.file, error: e.error }));
        failed++;
      }
    }
    return failed ? 1 : 0;
  },
};
