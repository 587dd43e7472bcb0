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
