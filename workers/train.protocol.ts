/**
 * The training worker's protocol: what the page may call (Comlink wraps this interface, the worker exposes an
 * object of this type). Types only; every type comes from the engine's contract (src/core/experiment/contract).
 */
import type { EcgDataset } from '../src/core/data/dataset';
import type { DatasetInfo } from '../src/core/data/sharedSamples';
import type {
  BackendPref,
  BackendReport,
  Catalog,
  LiveEvent,
  ModelFile,
  ModelSummary,
  RunOutcome,
  SpecDescription,
  Validation,
  WorkerMemory,
} from '../src/core/experiment/contract';
import type { RunResults } from '../src/core/experiment/results';
import type { FinishedCell, RunExtras, SweepPlan } from '../src/core/experiment/contract/sweep';
import type { ExplainAnswer, ExplainRequest } from '../src/core/ml/explain/request';

export type EncodeResult = { ok: true; encoded: string } | { ok: false; error: string };

/** What to export as ONNX: a stage of the last run (the worker holds its model) or a stored model's artifacts. */
export interface OnnxRequest {
  stage: string;
  spec: unknown;
  /** The run's results (leads, sources: the preprocessing written into the file's metadata). */
  results: Pick<RunResults, 'leads' | 'sources'>;
  /** A stored model (History); absent: the model the worker holds for `stage`. */
  model?: ModelFile;
}

export type OnnxAnswer = { ok: true; bytes: Uint8Array } | { ok: false; error: string };

export interface TrainWorkerApi {
  /** Presets and the spec's choice fields: what the page needs to build its forms without the engine. */
  catalog(): Catalog;
  /** parseSpec: the validated spec, or the error naming the field. */
  validate(spec: unknown): Validation;
  /** Share-link payload of a spec (validated first; local paths dropped by the codec). */
  encode(spec: unknown): EncodeResult;
  decode(encoded: string): Validation;
  /** Initialise (or switch) the tfjs backend; the one in use and why a fallback happened. */
  init(pref: BackendPref): Promise<BackendReport>;
  /**
   * Model summaries and a cost-per-epoch estimate for a spec, before running it. The datasets go without their
   * samples (`datasetInfo`): a summary reads only their size, rate, leads and labels.
   */
  describe(spec: unknown, datasets: DatasetInfo[]): Promise<SpecDescription>;
  /** The sweep's plan: cells, reused and cached pretrainings, cost of the cells not in `finished` (datasets without samples). */
  plan(spec: unknown, datasets: DatasetInfo[], finished?: string[]): Promise<SweepPlan>;
  /**
   * Runs the experiment (the datasets with their samples: shared, not copied, where the page is cross-origin
   * isolated and the data worker built them in shared memory); events stream through `onEvents` (batch updates coalesced), every finished cell through
   * `onCell` (to resume after a reload). Pretrained models come from and go to the worker's model cache. Never
   * rejects for engine errors.
   */
  run(spec: unknown, datasets: EcgDataset[], onEvents: (evs: LiveEvent[]) => void, extras?: RunExtras, onCell?: (cell: FinishedCell) => void): Promise<RunOutcome>;
  pause(): void;
  resume(): void;
  cancel(): void;
  /** Stage names whose trained model is available for export. */
  modelStages(): string[];
  /** tfjs artifacts of a trained model, weights transferred. */
  exportModel(stage: string): Promise<ModelFile | null>;
  /** ONNX file of a trained model (bytes transferred); an unsupported layer or unknown stage is an error answer. */
  exportOnnx(req: OnnxRequest): Promise<OnnxAnswer>;
  /** Drops the trained models of the last run (after they were stored). */
  releaseModels(): void;
  /** tfjs memory and models held, to check nothing leaks across runs. */
  memory(): WorkerMemory;
  summarize(stage: string): ModelSummary | null;
  /**
   * Saliency of one record for a stored trained model (loaded for the call, then freed; the backend of `pref`
   * is initialised first). Errors are answers.
   */
  explain(req: ExplainRequest, pref: BackendPref): Promise<ExplainAnswer>;
}

export type { DatasetInfo, ExplainAnswer, ExplainRequest };
