/** What a host passes to `runExperiment` besides the spec (datasets, callbacks, control, backend). */
import type * as tf from '@tensorflow/tfjs';
import type { EcgDataset } from '../../data/dataset';
import type { BackendChoice, BackendEnv } from '../../ml/backend';
import type { RunControl } from '../../ml/control';
import type { RunEvent, StageResult, StagePredictions } from '../results';
import type { ModelCache } from './modelCache';
import type { ExperimentSpec } from '../spec';

export interface RunOptions {
  /**
   * Imported datasets keyed by source name (the lab's IndexedDB / the CLI's readers resolve them), or a list
   * matched to the imported sources by fingerprint, then by name, then (one source, one dataset) directly.
   */
  datasets?: Record<string, EcgDataset> | EcgDataset[];
  /**
   * Receives every trained model (pretrain, transfer, baseline) when its stage ends. The host then owns it
   * (must dispose it); without this callback the runner disposes the models at the end of the run.
   */
  onModel?(stage: string, model: tf.LayersModel): void;
  onEvent?(ev: RunEvent): void;
  control?: RunControl;
  /** Passed to initBackend (wasm paths in a Vite build). */
  backendEnv?: BackendEnv;
  /** Use this backend instead of the spec's preference (CLI --backend). */
  backendOverride?: ExperimentSpec['backend'];
  /** Skip backend initialisation (the host already set it). */
  skipBackendInit?: boolean;
  /**
   * The backend the host already initialised, as `initBackend` returned it (backend + fallback reason): the runner
   * skips initialisation and reports this choice (run-start event, `results.backend`, notes) instead of a bare
   * `tf.getBackend()`. Takes precedence over `skipBackendInit`, `backendOverride` and the spec's preference.
   */
  backend?: BackendChoice;
  /** Pretrained models by cache key: a hit skips the pretraining; a trained one is stored. */
  cache?: ModelCache;
  /**
   * Cells finished in an earlier, interrupted run of the same spec (the `stage-end` events' results and
   * predictions, or a partial RunResults' `cells` and `predictions`): they are skipped and kept in the results.
   */
  resume?: { cells: StageResult[]; predictions?: StagePredictions[] };
}
