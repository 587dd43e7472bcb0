/**
 * Entry point of the readers: files (names may carry folder paths) → Recordings + typed errors.
 * Pairs WFDB headers with their signal and annotation files, reads .zip archives entry by entry, detects PTB-XL,
 * LUDB, QT database, MIT-BIH and PhysioNet Challenge labels; reads EDF/EDF+, CSV and our JSON export.
 */
import type { Annotation, Recording, Superclass } from './recording';
import { FormatError, NeedsRateError, asFormatError, baseName, decodeText, dirName, extOf, stemOf } from './errors';
import { readWfdbRecord } from './wfdb/record';
import { readWfdbHeader } from './wfdb/header';
import { ZipError, bytesSource, openZip, type RandomAccessSource, type ZipArchive, type ZipOptions, type ZipProblem } from './zip';
import { readAnnotations } from './wfdb/annotations';
import { readEdf } from './edf';
import { readCsv } from './csv';
import { parseJson } from './json';
import { readPtbxlMeta, summarisePtbxl, type PtbxlMeta, type PtbxlSummary } from './labels/ptbxl';
import { LUDB_LEAD_EXTS, intervalLabels, pickIntervalLead } from './labels/intervals';
import { aamiCounts } from './labels/aami';

export * from './errors';
export * from './recording';
export { readWfdbHeader, type WfdbHeader, type WfdbSignalSpec } from './wfdb/header';
export { readWfdbSignals, decodeSamples, bytesFor, invalidMarker } from './wfdb/signals';
export { readWfdbRecord, challengeDx } from './wfdb/record';
export { readAnnotations, annotationSymbol, ANN_SYMBOLS } from './wfdb/annotations';
export { readMat4, readMat4Header } from './wfdb/mat4';
export { readEdf } from './edf';
export { readCsv, type CsvOptions } from './csv';
export { toJson, parseJson } from './json';
export { readPtbxlMeta, readScpStatements, parseScpCodes, superclassesOf, summarisePtbxl } from './labels/ptbxl';
export type { PtbxlMeta, PtbxlRow, PtbxlSummary } from './labels/ptbxl';
export { intervalsFromAnnotations, intervalLabels, extractWaves, pickIntervalLead } from './labels/intervals';
export { aamiCounts, AAMI_MAP } from './labels/aami';
export { DX_CLASSES, dxClasses, dxSuperclasses, type DxClass } from './labels/snomed';
export { openZip, ZipArchive, ZipError, ZIP_PROBLEM_CODE, blobSource, bytesSource, crc32 } from './zip';
export type { BlobLike, RandomAccessSource, ZipEntry, ZipItem, ZipOptions, ZipProblem } from './zip';

export type InputFile = { name: string; data: Uint8Array };

export interface ReadError {
  file: string;
  error: string;
  code: string;
  /** Zip problems: the archive, the entry inside it (absent for the archive's own records), and what went wrong. */
  archive?: string;
  entry?: string;
  zipProblem?: ZipProblem;
  /** 'needs-sampling-rate': the CSV's row count and a guessed rate (absent when no common rate fits). */
  rows?: number;
  guessFs?: number;
}

/**
 * What became of one file of the drop: read as a record, used as part of one (signal, annotation, metadata),
 * skipped (with the reason), or failed (with its error). Every file read gets exactly one.
 */
export type FileFate = 'record' | 'part' | 'skipped' | 'failed';
export interface FileAccount {
  file: string;
  fate: FileFate;
  note: string;
  code?: string;
  /** A file skipped because the dataset left its record out: that record's name (its row in the report says why). */
  record?: string;
}

/** Counts of each fate; they add up to the number of files accounted. */
export function countFates(files: readonly FileAccount[]): Record<FileFate, number> {
  const n: Record<FileFate, number> = { record: 0, part: 0, skipped: 0, failed: 0 };
  for (const f of files) n[f.fate]++;
  return n;
}

export interface DatasetInfo {
  kinds: string[];
  nRecords: number;
  ptbxl?: PtbxlSummary & { metaRows: number };
}

export interface ReadOptions {
  onProgress?(done: number, total: number): void;
  onRecord?(rec: Recording): void;
  /** Keep the recordings in the result (default true). With false, use onRecord (streaming imports). */
  keep?: boolean;
  /** Sampling rate for CSV files without a time column. */
  csvFs?: number;
  /** Which PTB-XL rate to read when both records100/ and records500/ are present (default both). */
  ptbxlRate?: 100 | 500 | 'both';
  /** Largest total uncompressed size accepted from .zip archives (default 4 GiB). */
  maxUnzippedBytes?: number;
}

export interface ReadResult {
  recordings: Recording[];
  errors: ReadError[];
  dataset?: DatasetInfo;
  /** Every file (archive entries in place of their archive), each with its fate. */
  files: FileAccount[];
}

const SIDE_EXT = new Set(['txt', 'md', 'pdf', 'html', 'htm', 'py', 'm', 'sha256', 'xlsx', 'xls', 'png', 'jpg', 'ds_store', 'json_', 'xml']);
const SIDE_NAMES = new Set(['readme', 'license', 'records', 'annotators', 'sha256sums.txt', '.ds_store', 'license.txt', 'readme.md']);
/** Dataset tables beside WFDB records (never read as signal CSVs). */
const META_CSV = new Set(['ptbxl_database.csv', 'scp_statements.csv', 'ludb.csv']);
const ANNOTATION_EXTS = new Set(['atr', 'q1c', 'q2c', 'qt1', 'qt2', 'pu', 'pu0', 'pu1', 'man', 'ari', 'ecg', 'qrs', 'apn', 'st', 'hrv', ...LUDB_LEAD_EXTS]);

/** Why no reader takes a file, from its name alone (documentation, checksums, pictures, dot files); undefined otherwise. */
export function sideFileReason(path: string): string | undefined {
  const p = path.replace(/\\/g, '/');
  const b = baseName(p).toLowerCase();
  return SIDE_EXT.has(extOf(p)) || SIDE_NAMES.has(b) || b.startsWith('.') ? 'documentation or side file (not a recording)' : undefined;
}

function errorOf(file: string, err: unknown): ReadError {
  const fe = asFormatError(file, err);
  if (fe instanceof ZipError) {
    const out: ReadError = { file: fe.file, error: fe.message, code: fe.code, archive: fe.archive, zipProblem: fe.problem };
    if (fe.entry !== undefined) out.entry = fe.entry;
    return out;
  }
  if (fe instanceof NeedsRateError) {
    const out: ReadError = { file: fe.file, error: fe.message, code: fe.code, rows: fe.rows };
    if (fe.guess !== undefined) out.guessFs = fe.guess;
    return out;
  }
  return { file: fe.file, error: fe.message, code: fe.code };
}

const yieldNow = () => new Promise<void>((r) => setTimeout(r, 0));

/** A file read only when the import needs it: a loose file of a drop, or an entry of an archive. */
export interface LazyFile {
  name: string;
  /** Bytes it takes to read it (stored size: compressed for archive entries); for progress. */
  size: number;
  read(): Promise<Uint8Array>;
}

/** A named random-access file: a browser File through `blobSource`, a Node file handle. Zips among them are read by slices. */
export interface SourceFile extends RandomAccessSource {
  readonly name: string;
}

/** Thrown when `signal` is aborted between two records. */
export class ImportCancelled extends Error {
  override name = 'AbortError';
  constructor() {
    super('import cancelled');
  }
}

/** Options of the streaming paths (`readRecordingsFromSources`, `readRecordingsFromArchive`). */
export interface StreamReadOptions extends ReadOptions, Pick<ZipOptions, 'maxEntryBytes' | 'maxRatio' | 'chunkBytes'> {
  /** Checked between records: aborting stops the import with ImportCancelled. */
  signal?: { readonly aborted: boolean };
  /** Bytes read so far out of the bytes the import will read (archive bytes for zipped files). */
  onBytes?(done: number, total: number): void;
  /** Told of every slice read from an archive (archive name, offset, bytes). */
  onArchiveRead?(archive: string, offset: number, bytes: number): void;
}

const memoryFile = (f: InputFile): LazyFile => ({ name: f.name, size: f.data.length, read: async () => f.data });

/** An archive's file entries as lazy files, named under the archive's folder (`data/x.zip` → `data/<entry path>`). */
async function archiveFiles(name: string, source: RandomAccessSource, errors: ReadError[], opts: StreamReadOptions, maxTotal?: number): Promise<LazyFile[]> {
  let zip: ZipArchive;
  try {
    zip = await openZip(source, name, {
      maxEntryBytes: opts.maxEntryBytes,
      maxRatio: opts.maxRatio,
      chunkBytes: opts.chunkBytes,
      onRead: opts.onArchiveRead ? (o, n) => opts.onArchiveRead!(name, o, n) : undefined,
    });
  } catch (err) {
    errors.push(errorOf(name, err instanceof FormatError ? err : new ZipError(name, undefined, 'corrupt', err instanceof Error ? err.message : String(err))));
    return [];
  }
  for (const e of zip.errors) errors.push(errorOf(name, e));
  const files = zip.entries.filter((e) => !e.isDirectory && !e.name.startsWith('__MACOSX/'));
  if (maxTotal !== undefined) {
    const total = files.reduce((a, e) => a + e.size, 0);
    if (total > maxTotal) {
      errors.push(errorOf(name, new ZipError(name, undefined, 'bomb', `archive expands to more than ${maxTotal} bytes`)));
      return [];
    }
  }
  const prefix = dirName(name);
  return files.map((e) => ({ name: prefix + e.name, size: e.compressedSize, read: () => zip.read(e) }));
}

/** Reads dropped files held in memory (zips among them are listed, then read entry by entry). */
export async function readRecordings(files: InputFile[], opts: StreamReadOptions = {}): Promise<ReadResult> {
  const errors: ReadError[] = [];
  const all: LazyFile[] = [];
  for (const f of files) {
    if (extOf(f.name) === 'zip') for (const e of await archiveFiles(f.name, bytesSource(f.data), errors, opts, opts.maxUnzippedBytes ?? 4 * 2 ** 30)) all.push(e);
    else all.push(memoryFile(f));
  }
  return readLazyFiles(all, errors, opts);
}

/**
 * Reads files by need, never all at once: loose files whole when their record is read, .zip archives by
 * slices (directory first, then only the entries the import uses: for PTB-XL the CSVs and the records of
 * `ptbxlRate`). Memory: one record's files at a time.
 */
export async function readRecordingsFromSources(files: SourceFile[], opts: StreamReadOptions = {}): Promise<ReadResult> {
  const errors: ReadError[] = [];
  const all: LazyFile[] = [];
  for (const f of files) {
    if (extOf(f.name) === 'zip') for (const e of await archiveFiles(f.name, f, errors, opts)) all.push(e);
    else all.push({ name: f.name, size: f.size, read: () => f.read(0, f.size) });
  }
  return readLazyFiles(all, errors, opts);
}

/** One archive (a File through `blobSource`, a Node file handle) read by slices; see readRecordingsFromSources. */
export function readRecordingsFromArchive(source: RandomAccessSource, archiveName: string, opts: StreamReadOptions = {}): Promise<ReadResult> {
  return readRecordingsFromSources([{ name: archiveName, size: source.size, read: (o, n) => source.read(o, n) }], opts);
}

/** The import proper, over files named by path and read on demand. */
export async function readLazyFiles(all: LazyFile[], errors: ReadError[] = [], opts: StreamReadOptions = {}): Promise<ReadResult> {
  const norm = (p: string) => p.replace(/\\/g, '/');
  const byPath = new Map<string, LazyFile>();
  for (const f of all) byPath.set(norm(f.name), f);
  const byBase = new Map<string, LazyFile[]>();
  for (const f of all) {
    const b = baseName(norm(f.name));
    const l = byBase.get(b);
    if (l) l.push(f);
    else byBase.set(b, [f]);
  }
  let bytesDone = 0;
  let bytesTotal = 0;
  /** Reads a file; a failure goes to the error list (undefined). */
  const load = async (f: LazyFile): Promise<Uint8Array | undefined> => {
    try {
      return await f.read();
    } catch (err) {
      errors.push(errorOf(f.name, err));
      return undefined;
    } finally {
      bytesDone += f.size;
    }
  };

  // Dataset metadata
  let ptbxl: PtbxlMeta | undefined;
  const dbCsv = all.find((f) => baseName(norm(f.name)) === 'ptbxl_database.csv');
  const stCsv = all.find((f) => baseName(norm(f.name)) === 'scp_statements.csv');
  if (dbCsv && stCsv) {
    bytesTotal += dbCsv.size + stCsv.size;
    const db = await load(dbCsv);
    const st = await load(stCsv);
    if (db && st) {
      try {
        ptbxl = readPtbxlMeta(db, st, dbCsv.name, stCsv.name);
      } catch (err) {
        errors.push(errorOf(dbCsv.name, err));
      }
    }
  } else if (dbCsv || stCsv) {
    const have = (dbCsv ?? stCsv)!;
    errors.push({ file: have.name, error: `${have.name}: PTB-XL labels need both ptbxl_database.csv and scp_statements.csv`, code: 'bad-dataset' });
  }

  const headers = all.filter((f) => extOf(f.name) === 'hea').sort((a, b) => (a.name < b.name ? -1 : 1));
  const hasWfdb = headers.length > 0;
  let selected = headers;
  if (ptbxl && opts.ptbxlRate && opts.ptbxlRate !== 'both') {
    const skip = opts.ptbxlRate === 100 ? '/records500/' : '/records100/';
    selected = headers.filter((h) => !('/' + norm(h.name)).includes(skip));
  }
  const used = new Set<string>();
  for (const h of headers) used.add(norm(h.name));
  /** Files a record was emitted from; files used as part of one, with their role; files left out, with why. */
  const recordFiles = new Set<string>();
  const parts = new Map<string, string>();
  const skippedWhy = new Map<string, string>();
  if (dbCsv) parts.set(norm(dbCsv.name), 'PTB-XL metadata (labels, folds)');
  if (stCsv) parts.set(norm(stCsv.name), 'PTB-XL metadata (SCP statements)');
  if (ptbxl && opts.ptbxlRate && opts.ptbxlRate !== 'both') {
    const other = opts.ptbxlRate === 100 ? 500 : 100;
    for (const h of headers) if (!selected.includes(h)) skippedWhy.set(norm(h.name), `PTB-XL ${other} Hz file, ${opts.ptbxlRate} Hz chosen`);
  }

  const others = all
    .filter((f) => ['edf', 'rec', 'csv', 'json'].includes(extOf(f.name)))
    .filter((f) => !META_CSV.has(baseName(norm(f.name)).toLowerCase()))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  const total = selected.length + others.length;
  // Bytes the import will read: each selected header's `<stem>.*` files (signals, annotations) and the other records.
  const byDirStem = new Map<string, number>();
  for (const f of all) {
    const p = norm(f.name);
    const k = dirName(p) + stemOf(p);
    byDirStem.set(k, (byDirStem.get(k) ?? 0) + f.size);
  }
  for (const h of selected) bytesTotal += byDirStem.get(dirName(norm(h.name)) + stemOf(norm(h.name))) ?? h.size;
  for (const f of others) bytesTotal += f.size;
  let done = 0;
  const recordings: Recording[] = [];
  const keep = opts.keep !== false;
  const kinds = new Set<string>();
  const ptbRecs: { name: string; superclasses?: Superclass[]; fold?: number }[] = [];

  const emit = async (rec: Recording, from: string) => {
    recordFiles.add(norm(from));
    if (rec.labelSource) kinds.add(rec.labelSource);
    opts.onRecord?.(rec);
    if (keep) recordings.push(rec);
  };
  const tick = async () => {
    done++;
    opts.onProgress?.(done, total);
    opts.onBytes?.(Math.min(bytesDone, bytesTotal), bytesTotal);
    if (done % 64 === 0) await yieldNow();
    if (opts.signal?.aborted) throw new ImportCancelled();
  };

  opts.onProgress?.(0, total);
  opts.onBytes?.(Math.min(bytesDone, bytesTotal), bytesTotal);
  if (opts.signal?.aborted) throw new ImportCancelled();
  for (const h of selected) {
    const hp = norm(h.name);
    const dir = dirName(hp);
    const stem = stemOf(hp);
    const data = await load(h);
    if (!data) {
      await tick();
      continue;
    }
    try {
      const find = (fileName: string) => {
        const p = dir + fileName;
        let f = byPath.get(p);
        if (!f) {
          // Files dropped from different folders: accept a unique file of that name for a header of the same record.
          const cands = byBase.get(baseName(fileName));
          if (cands && cands.length === 1 && stemOf(fileName) === stem) f = cands[0];
        }
        return f;
      };
      // The header names its signal files: read those (and only those) before decoding.
      const signalData = new Map<string, Uint8Array>();
      let unreadable = false;
      let names: string[] = [];
      try {
        names = [...new Set(readWfdbHeader(data, hp).signals.map((s) => s.fileName).filter((n) => n && n !== '~'))];
      } catch {
        // readWfdbRecord below reports the bad header.
      }
      for (const n of names) {
        const f = find(n);
        if (!f) continue;
        used.add(norm(f.name));
        parts.set(norm(f.name), `signal of record ${stem}`);
        const d = await load(f);
        if (d) signalData.set(n, d);
        else unreadable = true;
      }
      if (unreadable) {
        // The archive entry's own error names the problem.
        skippedWhy.set(hp, `header of record ${stem}, whose signal file could not be read`);
        await tick();
        continue;
      }
      const rec = readWfdbRecord(hp, data, (fileName) => {
        const f = find(fileName);
        if (f) used.add(norm(f.name));
        return signalData.get(fileName);
      });
      // Annotation files beside the header: <stem>.<ext>
      const annFiles = new Map<string, InputFile>();
      for (const ext of ANNOTATION_EXTS) {
        const f = byPath.get(`${dir}${stem}.${ext}`);
        if (!f) continue;
        used.add(norm(f.name));
        parts.set(norm(f.name), `annotations of record ${stem}`);
        const d = await load(f);
        if (d) annFiles.set(ext, { name: f.name, data: d });
      }
      attachLabels(rec, annFiles, ptbxl, errors);
      if (ptbxl && rec.labelSource === 'ptb-xl') ptbRecs.push({ name: rec.name, superclasses: rec.labels?.superclasses, fold: rec.fold });
      await emit(rec, h.name);
    } catch (err) {
      const e = errorOf(hp, err);
      // The signal reader names a file as the header does (`r2.dat`): name it by its path in the drop.
      const own = norm(e.file);
      if (!own.includes('/') && dir && byPath.has(dir + own)) {
        if (e.error.startsWith(`${e.file}: `)) e.error = `${dir + own}: ${e.error.slice(e.file.length + 2)}`;
        e.file = dir + own;
      }
      errors.push(e);
      // The error belongs to another file of the record (a short signal file): the header says which.
      if (norm(e.file) !== hp) skippedWhy.set(hp, `header of record ${stem}, which failed: ${baseName(norm(e.file))} (${e.code})`);
    }
    await tick();
  }

  for (const f of others) {
    used.add(norm(f.name));
    const data = await load(f);
    if (data) {
      try {
        const ext = extOf(f.name);
        const rec = ext === 'csv' ? readCsv(data, f.name, { fs: opts.csvFs }) : ext === 'json' ? parseJson(data, f.name) : readEdf(data, f.name);
        rec.file = f.name;
        await emit(rec, f.name);
      } catch (err) {
        const e = errorOf(f.name, err);
        // A CSV beside WFDB records that is no signal table is most likely their metadata: left out, not an error.
        if (hasWfdb && extOf(f.name) === 'csv' && e.code !== 'needs-sampling-rate') {
          skippedWhy.set(norm(f.name), `CSV beside WFDB records, not a signal table (${e.error.startsWith(f.name + ': ') ? e.error.slice(f.name.length + 2) : e.error})`);
        } else errors.push(e);
      }
    }
    await tick();
  }

  // Files nobody used: signal files without header, or unknown formats.
  for (const f of all) {
    const p = norm(f.name);
    if (used.has(p)) continue;
    const ext = extOf(p);
    const b = baseName(p).toLowerCase();
    const skip = (why: string) => void (skippedWhy.has(p) || skippedWhy.set(p, why));
    if (ptbxl && opts.ptbxlRate && opts.ptbxlRate !== 'both' && (ext === 'dat' || ext === 'hea')) {
      const other = opts.ptbxlRate === 100 ? 500 : 100;
      if (('/' + p).includes(`/records${other}/`)) {
        skip(`PTB-XL ${other} Hz file, ${opts.ptbxlRate} Hz chosen`);
        continue;
      }
    }
    if (ANNOTATION_EXTS.has(ext)) {
      skip('annotation file without a record header beside it');
      continue;
    }
    const side = sideFileReason(p);
    if (side) {
      skip(side);
      continue;
    }
    if (ext === 'csv') {
      skip(META_CSV.has(b) ? 'metadata table (used only with its companion table)' : 'metadata CSV beside WFDB records');
      continue;
    }
    if (ext === 'dat' || ext === 'mat' || ext === 'xyz') {
      errors.push({ file: f.name, error: `${f.name}: signal file without a .hea header`, code: 'missing-header' });
    } else {
      errors.push({ file: f.name, error: `${f.name}: unknown format (not WFDB, EDF, CSV, JSON or ZIP)`, code: 'unknown-format' });
    }
  }

  let dataset: DatasetInfo | undefined;
  if (kinds.size || ptbxl) {
    dataset = { kinds: [...kinds], nRecords: done };
    if (ptbxl) dataset.ptbxl = { ...summarisePtbxl(ptbRecs), metaRows: ptbxl.rows.length };
  }
  return { recordings, errors, dataset, files: accountFiles(all.map((f) => norm(f.name)), errors, recordFiles, parts, skippedWhy) };
}

/** One fate per file: its first error wins, then record, part, skipped (a file nobody claimed is an error already). */
function accountFiles(paths: string[], errors: ReadError[], records: Set<string>, parts: Map<string, string>, skipped: Map<string, string>): FileAccount[] {
  const errOf = new Map<string, ReadError>();
  for (const e of errors) {
    const p = e.file.replace(/\\/g, '/');
    if (!errOf.has(p)) errOf.set(p, e);
  }
  const reason = (e: ReadError) => (e.error.startsWith(`${e.file}: `) ? e.error.slice(e.file.length + 2) : e.error);
  return paths.map((p): FileAccount => {
    const e = errOf.get(p);
    if (e) return { file: p, fate: 'failed', note: reason(e), code: e.code };
    if (records.has(p)) return { file: p, fate: 'record', note: 'read as a record' };
    const role = parts.get(p);
    if (role) return { file: p, fate: 'part', note: role };
    return { file: p, fate: 'skipped', note: skipped.get(p) ?? 'not needed by any record' };
  });
}

function attachLabels(rec: Recording, annFiles: Map<string, InputFile>, ptbxl: PtbxlMeta | undefined, errors: ReadError[]): void {
  const readAnn = (f: InputFile): Annotation[] | undefined => {
    try {
      return readAnnotations(f.data, f.name);
    } catch (err) {
      errors.push(errorOf(f.name, err));
      return undefined;
    }
  };
  const row = ptbxl?.byRecord.get(rec.name);
  if (row) {
    rec.labels = { ...rec.labels, superclasses: row.superclasses };
    rec.patientId = row.patientId;
    rec.fold = row.fold;
    rec.labelSource = 'ptb-xl';
  }
  const leadExts = LUDB_LEAD_EXTS.filter((e) => annFiles.has(e));
  if (leadExts.length) {
    const anns: Annotation[] = [];
    const byLead = new Map<string, Annotation[]>();
    for (const e of leadExts) {
      const a = readAnn(annFiles.get(e)!);
      if (!a) continue;
      const lead = rec.sigNames.find((s) => s.toLowerCase() === e) ?? e;
      for (const x of a) x.lead = lead;
      byLead.set(e, a);
      anns.push(...a);
    }
    const pick = pickIntervalLead([...byLead.keys()], rec.sigNames);
    if (pick) {
      rec.labels = { ...rec.labels, ...intervalLabels(byLead.get(pick)!, rec.fs) };
      rec.labelSource = 'ludb';
    }
    rec.annotations = anns;
  } else if (annFiles.has('q1c')) {
    const a = readAnn(annFiles.get('q1c')!);
    if (a) {
      rec.labels = { ...rec.labels, ...intervalLabels(a, rec.fs) };
      rec.annotations = a;
      rec.labelSource = 'qtdb';
    }
  }
  if (annFiles.has('atr')) {
    const a = readAnn(annFiles.get('atr')!);
    if (a) {
      rec.labels = { ...rec.labels, beats: aamiCounts(a) };
      if (!rec.annotations) rec.annotations = a;
      if (!rec.labelSource) rec.labelSource = 'mitdb';
    }
  }
}

export { decodeText };
