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
