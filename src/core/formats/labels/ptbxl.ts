/**
 * PTB-XL metadata: ptbxl_database.csv + scp_statements.csv → per-record diagnostic superclasses
 * (scp_codes keys with diagnostic == 1 → diagnostic_class, any likelihood, as in the PTB-XL example code),
 * strat_fold and patient id.
 */
import Papa from 'papaparse';
import { SUPERCLASSES, type Superclass } from '../recording';
import { FormatError, baseName, decodeText } from '../errors';

export interface PtbxlRow {
  ecgId: number;
  patientId: string;
  scpCodes: Record<string, number>;
  fold: number;
  filenameLr: string;
  filenameHr: string;
  superclasses: Superclass[];
}

export interface PtbxlMeta {
  /** Rows keyed by record name (e.g. "00001_lr" and "00001_hr" both point to the row). */
  byRecord: Map<string, PtbxlRow>;
  rows: PtbxlRow[];
  /** scp code → diagnostic superclass (diagnostic statements only). */
  codeToClass: Map<string, Superclass>;
}

function parseCsv(data: Uint8Array | string, file: string): Record<string, string>[] {
  const text = typeof data === 'string' ? data : decodeText(data);
  const res = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  if (res.errors.length && !res.data.length) throw new FormatError(file, 'bad-csv', res.errors[0].message);
  return res.data;
}

/** scp_statements.csv → code → superclass for `diagnostic == 1` rows. */
export function readScpStatements(data: Uint8Array | string, file = 'scp_statements.csv'): Map<string, Superclass> {
  const rows = parseCsv(data, file);
  const map = new Map<string, Superclass>();
  if (!rows.length || !('diagnostic' in rows[0]) || !('diagnostic_class' in rows[0])) {
    throw new FormatError(file, 'bad-dataset', 'scp_statements.csv lacks the diagnostic / diagnostic_class columns');
  }
  for (const r of rows) {
    const code = (r[''] ?? Object.values(r)[0] ?? '').trim();
    if (!code) continue;
    if (parseFloat(r.diagnostic) !== 1) continue;
    const cls = (r.diagnostic_class ?? '').trim() as Superclass;
    if ((SUPERCLASSES as readonly string[]).includes(cls)) map.set(code, cls);
  }
  return map;
}

/** Parses the Python-dict literal of scp_codes: "{'NORM': 100.0, 'SR': 0.0}". */
export function parseScpCodes(s: string): Record<string, number> {
  const out: Record<string, number> = {};
  const re = /['"]([^'"]+)['"]\s*:\s*([-+0-9.eE]+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) out[m[1]] = parseFloat(m[2]);
  return out;
}

export function superclassesOf(codes: Record<string, number>, codeToClass: Map<string, Superclass>): Superclass[] {
  const set = new Set<Superclass>();
  for (const k of Object.keys(codes)) {
    const c = codeToClass.get(k);
    if (c) set.add(c);
  }
  return SUPERCLASSES.filter((c) => set.has(c));
}

export function readPtbxlMeta(database: Uint8Array | string, statements: Uint8Array | string, dbFile = 'ptbxl_database.csv', stFile = 'scp_statements.csv'): PtbxlMeta {
  const codeToClass = readScpStatements(statements, stFile);
  const raw = parseCsv(database, dbFile);
  if (!raw.length || !('scp_codes' in raw[0]) || !('ecg_id' in raw[0])) {
    throw new FormatError(dbFile, 'bad-dataset', 'ptbxl_database.csv lacks the ecg_id / scp_codes columns');
  }
  const rows: PtbxlRow[] = [];
  const byRecord = new Map<string, PtbxlRow>();
  for (const r of raw) {
    const ecgId = parseInt(r.ecg_id, 10);
    if (!Number.isFinite(ecgId)) continue;
    const scpCodes = parseScpCodes(r.scp_codes ?? '');
    const pid = parseFloat(r.patient_id);
    const row: PtbxlRow = {
      ecgId,
      patientId: Number.isFinite(pid) ? String(Math.round(pid)) : (r.patient_id ?? '').trim(),
      scpCodes,
      fold: parseInt(r.strat_fold, 10) || 0,
      filenameLr: (r.filename_lr ?? '').trim(),
      filenameHr: (r.filename_hr ?? '').trim(),
      superclasses: superclassesOf(scpCodes, codeToClass),
    };
    rows.push(row);
    if (row.filenameLr) byRecord.set(baseName(row.filenameLr), row);
    if (row.filenameHr) byRecord.set(baseName(row.filenameHr), row);
    byRecord.set(String(ecgId).padStart(5, '0') + '_lr', row);
    byRecord.set(String(ecgId).padStart(5, '0') + '_hr', row);
  }
  return { byRecord, rows, codeToClass };
}

export interface PtbxlSummary {
  /** Records with at least one diagnostic superclass. */
  labelled: string[];
  /** Records without any diagnostic statement: left out of classification. */
  noDiagnostic: string[];
  /** Records with exactly one superclass (single-label subset). */
  singleLabel: string[];
  /** Default split by strat_fold: 1–8 train, 9 validation, 10 test. */
  split: { train: string[]; val: string[]; test: string[] };
}

export function summarisePtbxl(records: { name: string; superclasses?: Superclass[]; fold?: number }[]): PtbxlSummary {
  const s: PtbxlSummary = { labelled: [], noDiagnostic: [], singleLabel: [], split: { train: [], val: [], test: [] } };
  for (const r of records) {
    const sc = r.superclasses ?? [];
    if (!sc.length) {
      s.noDiagnostic.push(r.name);
      continue;
    }
    s.labelled.push(r.name);
    if (sc.length === 1) s.singleLabel.push(r.name);
    if (r.fold === 10) s.split.test.push(r.name);
    else if (r.fold === 9) s.split.val.push(r.name);
    else if (r.fold && r.fold >= 1 && r.fold <= 8) s.split.train.push(r.name);
  }
  return s;
}
