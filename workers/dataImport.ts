/**
 * Streaming import for the data worker: dropped files → one compact EcgDataset, record by record.
 *
 * Records go straight from the readers into `DatasetBuilder` (`readRecordings(..., { keep: false, onRecord })`,
 * as `importFiles` in src/core/data/importDataset.ts does), so no Float32 copy of every record is ever held.
 * Large folder drops are also read in chunks of folders (raw bytes of one chunk at a time, with the dataset's
 * metadata CSVs added to every chunk), and PTB-XL signal files of the rate not asked for are never read.
 * What is kept per record is lightweight: where its files are (Blob references, not bytes) so the record
 * browser can re-read one record on demand, and its annotations/comments for zipped imports. A dropped .zip is
 * read by slices from its File (src/core/formats/zip): the archive is never held in memory.
 */
import { ImportCancelled, blobSource, readRecordings, readRecordingsFromSources, type FileAccount, type InputFile, type ReadError, type ReadResult, type StreamReadOptions } from '../src/core/formats';
import { baseName, dirName, extOf, stemOf } from '../src/core/formats/errors';
import type { Annotation, Recording } from '../src/core/formats/recording';
import { filesToHandOver } from '../src/core/data/handOverFiles';
import { DatasetBuilder, type DatasetOrigin, type ImportOptions, type Skipped } from '../src/core/data/importDataset';
import type { EcgDataset } from '../src/core/data/dataset';
import type { ImportError } from './data.protocol';

export interface FileRef {
  name: string;
  file: Blob;
}

/** What the worker keeps per imported record (no samples). */
export interface RecordSource {
  name: string;
  fs: number;
  sigNames: string[];
  comments: string[];
  /** The record's own files (header, signal, annotations), re-read on demand; absent for zipped imports. */
  files?: FileRef[];
  /** Annotations kept when the files cannot be re-read (zips). */
  annotations?: Annotation[];
}

export interface StreamedImport {
  dataset?: EcgDataset;
  skipped: Skipped[];
  errors: ReadError[];
  /** Records read (before the dataset builder's own skips). */
  recordCount: number;
  sources: Map<string, RecordSource>;
  /** Label sources seen ('ptb-xl', 'ludb', …) → records. */
  kinds: Record<string, number>;
  /** Every dropped file (archive entries in place of their archive) with what became of it. */
  files: FileAccount[];
  origin?: DatasetOrigin;
}

const KIND_NAMES: Record<string, string> = { 'ptb-xl': 'PTB-XL', ludb: 'LUDB', qtdb: 'QT Database', mitdb: 'MIT-BIH', cinc: 'PhysioNet Challenge' };

/** A dataset name: the database the labels came from when there is one, else the folder or file dropped. */
export function datasetName(files: { name: string }[], kinds: Record<string, number>, n: number): string {
  const known = Object.keys(kinds).filter((k) => KIND_NAMES[k]);
  if (known.length === 1) return KIND_NAMES[known[0]];
  const tops = new Set(files.map((f) => (norm(f.name).includes('/') ? norm(f.name).split('/')[0] : '')));
  if (tops.size === 1 && !tops.has('')) return [...tops][0];
  if (files.length === 1) return stemOf(files[0].name);
  return `${n} records`;
}

/** Bytes of raw files read at once for large folder drops. */
export const CHUNK_BYTES = 48 * 2 ** 20;
const RECORD_EXT = /\.(hea|edf|rec|csv|json)$/i;
const META_NAMES = new Set(['ptbxl_database.csv', 'scp_statements.csv', 'ludb.csv']);

const norm = (p: string) => p.replace(/\\/g, '/');

/** Folder drops above CHUNK_BYTES → groups of whole folders, each with the metadata CSVs. */
export function chunksOf(files: FileRef[], chunkBytes: number): FileRef[][] {
  const total = files.reduce((a, f) => a + f.file.size, 0);
  if (total <= chunkBytes || files.some((f) => extOf(f.name) === 'zip')) return [files];
  const meta = files.filter((f) => META_NAMES.has(baseName(norm(f.name)).toLowerCase()));
  const byDir = new Map<string, FileRef[]>();
  for (const f of files) {
    if (meta.includes(f)) continue;
    const d = dirName(norm(f.name));
    const l = byDir.get(d);
    if (l) l.push(f);
    else byDir.set(d, [f]);
  }
  const chunks: FileRef[][] = [];
  let cur: FileRef[] = [];
  let bytes = 0;
  for (const d of [...byDir.keys()].sort()) {
    const list = byDir.get(d)!;
    const b = list.reduce((a, f) => a + f.file.size, 0);
    if (cur.length && bytes + b > chunkBytes) {
      chunks.push([...meta, ...cur]);
      cur = [];
      bytes = 0;
    }
    cur.push(...list);
    bytes += b;
  }
  if (cur.length) chunks.push([...meta, ...cur]);
  return chunks;
}

/** The files that make up one record: the file itself, or for WFDB every `<stem>.*` beside the header. */
function filesOfRecord(rec: Recording, byPath: Map<string, FileRef>, byDir: Map<string, FileRef[]>): FileRef[] | undefined {
  if (!rec.file) return undefined;
  const p = norm(rec.file);
  const own = byPath.get(p);
  if (!own) return undefined;
  if (extOf(p) !== 'hea') return [own];
  const stem = stemOf(p);
  return (byDir.get(dirName(p)) ?? []).filter((f) => stemOf(f.name) === stem);
}

export async function streamImport(
  refs: FileRef[],
  opts: ImportOptions & {
    ptbxlRate?: 100 | 500 | 'both';
    chunkBytes?: number;
    csvFs?: number;
    /** Checked between records and between file reads: aborting stops the import with ImportCancelled. */
    signal?: { readonly aborted: boolean };
    /** Bytes read so far out of the bytes the import reads (a zip's entries as stored, a folder's files). */
    onBytes?: (done: number, total: number) => void;
  } = {},
  onProgress?: (done: number, total: number, detail?: string) => void,
): Promise<StreamedImport> {
  // PTB-XL signal files of the rate not asked for are never read (the page leaves them out already; other callers may not).
  const { send: files, skipped: otherRate } = filesToHandOver(refs, opts.ptbxlRate ?? 100, { sideFiles: false });
  const stopIfCancelled = () => {
    if (opts.signal?.aborted) throw new ImportCancelled();
  };
  stopIfCancelled();
  const accounts = new Map<string, FileAccount>();
  for (const a of otherRate) accounts.set(a.file, a);
  /** Record name → the file it was read from (to account the dataset builder's own skips). */
  const recFile = new Map<string, string>();
  const hasZip = files.some((f) => extOf(f.name) === 'zip');
  const byPath = new Map<string, FileRef>();
  const byDir = new Map<string, FileRef[]>();
  for (const f of files) {
    const p = norm(f.name);
    byPath.set(p, f);
    const d = dirName(p);
    const l = byDir.get(d);
    if (l) l.push(f);
    else byDir.set(d, [f]);
  }
  const errors: ReadError[] = [];
  const sources = new Map<string, RecordSource>();
  let capacity = files.filter((f) => RECORD_EXT.test(f.name) && !META_NAMES.has(baseName(norm(f.name)).toLowerCase())).length;
  let builder: DatasetBuilder | undefined;
  let recordCount = 0;
  const kinds: Record<string, number> = {};
  const chunks = chunksOf(files, opts.chunkBytes ?? CHUNK_BYTES);
  const totalRecords = Math.max(1, capacity);
  // Folders: every file is read once (metadata CSVs again with each chunk, not counted twice); zips: what the reader reports.
  const folderBytes = hasZip ? 0 : files.reduce((a, f) => a + f.file.size, 0);
  let bytesBase = 0;
  const seenBytes = new Set<FileRef>();
  for (const chunk of chunks) {
    const base = recordCount;
    let chunkNew = 0;
    for (const f of chunk) if (!seenBytes.has(f)) chunkNew += f.file.size;
    const res = await readChunk(chunk, hasZip, {
      keep: false,
      signal: opts.signal,
      onBytes: (d, t) => {
        if (hasZip) opts.onBytes?.(d, t);
        else opts.onBytes?.(bytesBase + Math.round(t > 0 ? (d / t) * chunkNew : 0), folderBytes);
      },
      ptbxlRate: opts.ptbxlRate ?? 100,
      csvFs: opts.csvFs,
      onProgress: (d, t) => {
        // Zips: the record count is only known once expanded.
        if (hasZip && !builder) capacity = Math.max(capacity, t);
        onProgress?.(hasZip ? d : base + d, hasZip ? t : totalRecords, 'parsing');
      },
      onRecord: (rec) => {
        recordCount++;
        if (rec.file) recFile.set(rec.name, norm(rec.file));
        if (rec.labelSource) kinds[rec.labelSource] = (kinds[rec.labelSource] ?? 0) + 1;
        builder ??= new DatasetBuilder(Math.max(1, capacity), opts);
        if (!builder.add(rec)) return;
        sources.set(rec.name, {
          name: rec.name,
          fs: rec.fs,
          sigNames: rec.sigNames,
          comments: rec.comments,
          ...(hasZip ? { annotations: rec.annotations } : { files: filesOfRecord(rec, byPath, byDir) }),
        });
      },
    });
    for (const f of chunk) seenBytes.add(f);
    bytesBase += chunkNew;
    // Metadata CSVs ride along with every chunk: report their problems once.
    for (const e of res.errors) if (!errors.some((x) => x.file === e.file && x.error === e.error)) errors.push(e);
    // Metadata CSVs ride along with every chunk too: the first chunk's fate for them stands.
    for (const a of res.files) if (!accounts.has(a.file)) accounts.set(a.file, a);
  }
  const b: DatasetBuilder | undefined = builder;
  const filesOut = () => {
    for (const s of b?.skipped ?? []) {
      const f = recFile.get(s.record);
      if (f && accounts.get(f)?.fate === 'record') accounts.set(f, { file: f, fate: 'skipped', note: s.reason, record: s.record });
    }
    return [...accounts.values()];
  };
  if (!b) return { skipped: [], errors, recordCount, sources, kinds, files: filesOut() };
  const dataset = b.finish();
  dataset.name = opts.name ?? datasetName(refs, kinds, dataset.n);
  return { dataset: dataset.n > 0 ? dataset : undefined, skipped: b.skipped, errors, recordCount, sources, kinds, files: filesOut(), origin: b.describeOrigin() };
}

/** Zips are read by slices from their File (only the entries the import needs are inflated); folders in chunks. */
async function readChunk(chunk: FileRef[], hasZip: boolean, opts: StreamReadOptions): Promise<ReadResult> {
  if (hasZip) return readRecordingsFromSources(chunk.map((f) => ({ name: f.name, ...blobSource(f.file) })), opts);
  const inputs: InputFile[] = [];
  for (const f of chunk) {
    inputs.push({ name: f.name, data: new Uint8Array(await f.file.arrayBuffer()) });
    if (opts.signal?.aborted) throw new ImportCancelled();
  }
  return readRecordings(inputs, opts);
}

/** Re-reads one record from its files (full length, original rate, annotations). */
export async function rereadRecord(src: RecordSource): Promise<Recording | undefined> {
  if (!src.files?.length) return undefined;
  const inputs: InputFile[] = [];
  for (const f of src.files) inputs.push({ name: f.name, data: new Uint8Array(await f.file.arrayBuffer()) });
  const res = await readRecordings(inputs, {});
  return res.recordings.find((r) => r.name === src.name) ?? res.recordings[0];
}

/** The worker's error list of a finished import: the files that failed (with the sampling-rate hints a CSV may
 * need) and the records left out, each with its reason. */
export function importErrorsOf(res: Pick<StreamedImport, 'errors' | 'skipped'>): ImportError[] {
  const out: ImportError[] = [];
  for (const e of res.errors) {
    const err: ImportError = { file: e.file, error: e.error, code: e.code };
    if (e.rows !== undefined) err.rows = e.rows;
    if (e.guessFs !== undefined) err.guessFs = e.guessFs;
    out.push(err);
  }
  for (const s of res.skipped) out.push({ file: s.record, error: s.reason, code: 'skipped' });
  return out;
}
