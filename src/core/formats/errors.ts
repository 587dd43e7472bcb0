/** Typed reader errors: every failure names the file and a machine-readable code. */

export type FormatErrorCode =
  | 'unknown-format'
  | 'bad-header'
  | 'bad-signal-spec'
  | 'unsupported'
  | 'truncated'
  | 'missing-signal-file'
  | 'missing-header'
  | 'too-large'
  | 'bad-annotation'
  | 'bad-edf'
  | 'bad-csv'
  | 'needs-sampling-rate'
  | 'bad-json'
  | 'bad-mat'
  | 'bad-zip'
  | 'bad-dataset';

export class FormatError extends Error {
  override name = 'FormatError';
  constructor(
    readonly file: string,
    readonly code: FormatErrorCode,
    reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
  /** The reason without the file prefix. */
  get reason(): string {
    return this.message.slice(this.file.length + 2);
  }
}

/** A CSV without a time column: the page asks for its sampling rate (`guess` prefills the field when one is plausible). */
export class NeedsRateError extends FormatError {
  override name = 'NeedsRateError';
  constructor(
    file: string,
    readonly rows: number,
    readonly guess: number | undefined,
  ) {
    super(file, 'needs-sampling-rate', `sampling rate unknown: no time column (${rows} rows); give the sampling rate`);
  }
}

/** Rates of common ECG databases, most frequent first (PTB-XL/Challenge 500, MIT-BIH 360, INCART 257, …). */
export const COMMON_RATES = [500, 250, 360, 1000, 100, 257, 128, 200] as const;

/**
 * A guess at the sampling rate of `rows` samples with no time column: the common rate giving exactly 10 s (the
 * length of PTB-XL and Challenge records), else the first common rate giving a whole number of seconds between
 * 5 s and 1 h, else the first giving a whole number of minutes; undefined when none fits.
 */
export function guessSamplingRate(rows: number): number | undefined {
  if (!(rows > 0)) return undefined;
  for (const fs of COMMON_RATES) if (rows === fs * 10) return fs;
  for (const fs of COMMON_RATES) if (rows % fs === 0 && rows / fs >= 5 && rows / fs <= 3600) return fs;
  for (const fs of COMMON_RATES) if (rows % (fs * 60) === 0) return fs;
  return undefined;
}

/** Largest number of samples (all leads together) one record may hold: 2^28 (1 GiB as Float32). */
export const MAX_TOTAL_SAMPLES = 2 ** 28;

/** Wraps any non-FormatError into a FormatError for `file` (used at reader boundaries). */
export function asFormatError(file: string, err: unknown, code: FormatErrorCode = 'unknown-format'): FormatError {
  if (err instanceof FormatError) return err;
  if (err instanceof RangeError) return new FormatError(file, 'too-large', `cannot allocate: ${err.message}`);
  const msg = err instanceof Error ? err.message : String(err);
  return new FormatError(file, code, msg);
}

export function baseName(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i < 0 ? path : path.slice(i + 1);
}

export function dirName(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i < 0 ? '' : path.slice(0, i + 1);
}

export function extOf(path: string): string {
  const b = baseName(path);
  const i = b.lastIndexOf('.');
  return i <= 0 ? '' : b.slice(i + 1).toLowerCase();
}

export function stemOf(path: string): string {
  const b = baseName(path);
  const i = b.lastIndexOf('.');
  return i <= 0 ? b : b.slice(0, i);
}

const decoder = new TextDecoder('utf-8', { fatal: false });
const latin1 = new TextDecoder('latin1');
export function decodeText(data: Uint8Array): string {
  const s = decoder.decode(data);
  return s.includes('\uFFFD') ? latin1.decode(data) : s;
}
