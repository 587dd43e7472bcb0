/** Why a run did not finish, as a code the page can act on (no sorting by message text). */

export type RunErrorCode =
  /** The spec does not validate; `path` names the field. */
  | 'invalid-spec'
  /** An imported source has no loaded dataset. */
  | 'dataset-missing'
  /** An imported source names a fingerprint; a dataset of that name is loaded but its content differs. */
  | 'fingerprint-mismatch'
  /** The run was cancelled (between batches, or the worker was stopped). */
  | 'cancelled'
  /** The backend ran out of memory (tensor allocation, wasm heap). */
  | 'out-of-memory'
  /** The training worker died (crash, killed); a retry starts a new one. */
  | 'worker-crashed'
  /** Anything else the engine threw. */
  | 'failed';

export interface RunFailure {
  code: RunErrorCode;
  message: string;
  /** invalid-spec: the field path, e.g. "stages[1].from". */
  path?: string;
  /** The stage that was running. */
  stage?: string;
}
