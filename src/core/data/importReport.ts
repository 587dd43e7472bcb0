/** The import report after one of its files was read again (a CSV given its sampling rate). */
import type { FileAccount } from '../formats/index';

export interface ReportLike {
  recordCount: number;
  errors: { file: string }[];
  files: FileAccount[];
}

/** `prev` with `file`'s fate and errors replaced by those of `again` (the read of that file alone). */
export function mergeReread<R extends ReportLike>(prev: R, file: string, again: Pick<R, keyof ReportLike>): R {
  const accounts = again.files.filter((f) => f.file === file);
  return {
    ...prev,
    recordCount: prev.recordCount + again.recordCount,
    errors: [...prev.errors.filter((e) => e.file !== file), ...again.errors.filter((e) => e.file === file)],
    files: prev.files.flatMap((f) => (f.file === file && accounts.length ? accounts : [f])),
  };
}

export interface ProblemRow<E> {
  /** The file (or record left out) the problem is about; each named once. */
  file: string;
  /** The first error about it (its code and text); others about the same file are joined into `more`. */
  error: E;
  more: string[];
}

/**
 * The report's two lists, each dropped file named once across both: `problems` (files that failed, records left
 * out, problems of the whole import) and `files` (the other files with their fate). A file that failed is shown
 * with its error in `problems`, not again in `files`; a file skipped because its record was left out is shown by
 * its record's row.
 */
export function reportRows<E extends { file: string; code: string }>(r: { errors: readonly E[]; files: readonly FileAccount[] }): { problems: ProblemRow<E>[]; files: FileAccount[] } {
  const norm = (p: string) => p.replace(/\\/g, '/');
  const byFile = new Map<string, ProblemRow<E>>();
  for (const e of r.errors) {
    const key = norm(e.file);
    const row = byFile.get(key);
    if (row) {
      const text = (e as { error?: unknown }).error;
      if (typeof text === 'string') row.more.push(text);
    } else byFile.set(key, { file: key, error: e, more: [] });
  }
  const leftOut = new Set([...byFile.values()].filter((p) => p.error.code === 'skipped').map((p) => p.file));
  const files = r.files.filter((f) => !byFile.has(norm(f.file)) && !(f.record !== undefined && leftOut.has(f.record)));
  return { problems: [...byFile.values()], files };
}
