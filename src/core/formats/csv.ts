/**
 * CSV/TSV ECG reader (papaparse): delimiter sniffing, optional header row with lead names (and an optional
 * units row, as written by WFDB `rdsamp -c -H -v`), time column detection (seconds, ms or hh:mm:ss.mmm),
 * sample rate from the time column or from `opts.fs`. Empty or non-numeric cells become NaN.
 */
import Papa from 'papaparse';
import type { Recording } from './recording';
import { canonicalLeadName } from './leadNames';
import { FormatError, MAX_TOTAL_SAMPLES, NeedsRateError, decodeText, guessSamplingRate, stemOf } from './errors';

export interface CsvOptions {
  /** Sampling rate when the file has no time column. */
  fs?: number;
  /** Units of the signal columns when the header does not say (default mV). */
  units?: string;
}

const TIME_NAME = /^(time|t|sec|secs|seconds|s|ms|msec|millis|timestamp|elapsed[ _]?time|sample|sample[ _]?#|index|idx)(\s*[[(].*[\])])?$/i;

function parseNum(s: string): number {
  const t = s.trim();
  if (t === '' || /^(nan|na|null|-)$/i.test(t)) return NaN;
  const m = /^(?:(\d+):)?(\d+):(\d+(?:\.\d*)?)$/.exec(t.replace(/^'|'$/g, '').replace(/^\[|\]$/g, ''));
  if (m) return (m[1] ? +m[1] * 3600 : 0) + +m[2] * 60 + +m[3];
  return Number(t);
}
const isNumeric = (s: string) => s.trim() !== '' && Number.isFinite(parseNum(s));

export function readCsv(data: Uint8Array | string, file = 'record.csv', opts: CsvOptions = {}): Recording {
  const text = typeof data === 'string' ? data : decodeText(data);
  if (text.includes('\0')) throw new FormatError(file, 'bad-csv', 'binary data in a CSV file');
  const res = Papa.parse<string[]>(text.trim(), { skipEmptyLines: true, delimitersToGuess: [',', '\t', ';', '|', ' '] });
  const rows = res.data.filter((r) => r.length > 1 || (r.length === 1 && r[0].trim() !== ''));
  if (rows.length < 2) throw new FormatError(file, 'bad-csv', 'fewer than two rows');
  const nCol = rows[0].length;
  let names: string[] | undefined;
  let units: string[] | undefined;
  let start = 0;
  if (!rows[0].every(isNumeric)) {
    names = rows[0].map((s) => s.trim().replace(/^['"]|['"]$/g, ''));
    start = 1;
    if (rows[1] && !rows[1].every(isNumeric) && rows[1].some((c) => /^'?\(?[µu]?V|mV|'?hh:mm|sec|ms/i.test(c.trim()))) {
      units = rows[1].map((s) => s.trim().replace(/^['"(]|['")]$/g, ''));
      start = 2;
    }
  }
  const nRows = rows.length - start;
  if (nRows < 1) throw new FormatError(file, 'bad-csv', 'no data rows');
  if (nRows * nCol > MAX_TOTAL_SAMPLES) throw new FormatError(file, 'too-large', 'too many values');
  const cols = Array.from({ length: nCol }, () => new Float64Array(nRows));
  let bad = 0;
  for (let r = 0; r < nRows; r++) {
    const row = rows[start + r];
    if (row.length !== nCol) {
      if (row.length < nCol) bad++;
      if (bad > 3) throw new FormatError(file, 'bad-csv', `row ${start + r + 1} has ${row.length} fields, expected ${nCol}`);
    }
    for (let c = 0; c < nCol; c++) cols[c][r] = row[c] === undefined ? NaN : parseNum(row[c]);
  }
  // Time column: named like time, or (no header) a strictly increasing, evenly spaced first column.
  let timeCol = -1;
  if (names) timeCol = names.findIndex((n) => TIME_NAME.test(n));
  if (timeCol < 0 && nRows >= 3 && nCol >= 2) {
    const c0 = cols[0];
    const d0 = c0[1] - c0[0];
    let even = d0 > 0;
    for (let r = 1; even && r < Math.min(nRows, 1000); r++) even = Math.abs(c0[r] - c0[r - 1] - d0) <= 1e-3 * d0 + 1e-9;
    if (even) timeCol = 0;
  }
  // A table of words (a metadata CSV) is no signal: at least one column must be mostly numbers.
  const numericCol = cols.some((c, i) => i !== timeCol && c.reduce((k, v) => k + (Number.isNaN(v) ? 0 : 1), 0) * 2 > nRows);
  if (!numericCol) throw new FormatError(file, 'bad-csv', 'no numeric signal column (not a signal table)');
  let fs = opts.fs;
  if (timeCol >= 0 && fs === undefined) {
    const t = cols[timeCol];
    const dt = (t[nRows - 1] - t[0]) / (nRows - 1);
    const name = (names?.[timeCol] ?? '').toLowerCase();
    const unit = (units?.[timeCol] ?? '').toLowerCase();
    if (/sample|index|idx/.test(name)) fs = undefined;
    else if (/ms|msec|milli/.test(name) || /ms|msec/.test(unit)) fs = 1000 / dt;
    else fs = 1 / dt;
    if (fs !== undefined) fs = Math.round(fs * 1000) / 1000;
  }
  if (fs === undefined || !(fs > 0) || !Number.isFinite(fs)) {
    throw new NeedsRateError(file, nRows, guessSamplingRate(nRows));
  }
  const sigCols = cols.map((_, i) => i).filter((i) => i !== timeCol);
  if (!sigCols.length) throw new FormatError(file, 'bad-csv', 'no signal columns');
  let nanCount = 0;
  const signals = sigCols.map((c) => {
    const s = Float32Array.from(cols[c]);
    for (let i = 0; i < s.length; i++) if (Number.isNaN(s[i])) nanCount++;
    return s;
  });
  const parseName = (raw: string) => {
    const m = /^(.*?)\s*[[(]\s*([^\])]+)\s*[\])]$/.exec(raw);
    return m ? { name: m[1], unit: m[2] } : { name: raw, unit: undefined };
  };
  const sigNames = sigCols.map((c, k) => {
    const n = names ? parseName(names[c]).name.trim() : '';
    return n ? canonicalLeadName(n) : `sig${k + 1}`;
  });
  const sigUnits = sigCols.map((c) => units?.[c] || (names ? parseName(names[c]).unit : undefined) || opts.units || 'mV');
  return { name: stemOf(file), fs, nSamples: nRows, sigNames, units: sigUnits, signals, nanCount, comments: [] };
}
