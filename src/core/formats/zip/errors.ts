/** Typed zip errors: a FormatError naming the archive and the entry, with what went wrong. */
import { FormatError, type FormatErrorCode } from '../errors';

export type ZipProblem = 'corrupt' | 'truncated' | 'encrypted' | 'bomb' | 'unsupported-method' | 'unsupported';

/** The FormatError code each problem reports under (the codes the rest of the import already knows). */
export const ZIP_PROBLEM_CODE: Record<ZipProblem, FormatErrorCode> = {
  corrupt: 'bad-zip',
  truncated: 'truncated',
  encrypted: 'unsupported',
  bomb: 'too-large',
  'unsupported-method': 'unsupported',
  unsupported: 'unsupported',
};

export class ZipError extends FormatError {
  override name = 'ZipError';
  constructor(
    readonly archive: string,
    /** Entry path inside the archive; undefined for problems of the archive itself (end record, central directory). */
    readonly entry: string | undefined,
    readonly problem: ZipProblem,
    reason: string,
  ) {
    super(entry === undefined ? archive : `${archive}/${entry}`, ZIP_PROBLEM_CODE[problem], reason);
  }
}
