/**
 * The typed contract between the engine, the training worker and the page: what crosses the worker boundary
 * and what the stores keep. Types only (and tfjs-free), so the page can import it without pulling in the engine.
 */
export type { ExperimentSpec, StageSpec, SourceSpec, TrainingParams, SplitSpec, TaskSpecClassify } from '../spec';
export type { RunEvent, RunResults, StageResult, StageMetrics, HistoryRow, ComparisonRow, StageKind, StageModelInfo, TargetAgreement } from '../results';
export type { SplitInfo } from '../split';
export type { ExperimentPlan, StagePlan } from '../describe';
export type { BackendReport } from '../../ml/backendReport';
export type { BackendPref } from '../../ml/backendPrefs';
export type { ModelSummary } from '../../ml/summary';
export type { DatasetRef, DatasetCandidate, DatasetMatch, MatchHow } from '../datasetMatch';
export type { ResultsView } from '../liveRun';
export type { LiveEvent, LiveRun, LiveStage, LiveCell, LiveSweepStats, EpochPoint, PlannedStage, MetricRecord, RocCurve, Prediction, SplitCounts } from './live';
export type { Catalog, SpecEnums, Validation } from './catalog';
export type { RunErrorCode, RunFailure } from './errors';
export type { ModelFile, SpecDescription, WorkerMemory } from './models';

import type { RunResults } from '../results';
import type { BackendReport } from '../../ml/backendReport';
import type { RunFailure } from './errors';

/** What the training worker's `run` answers: the results and the backend, or why it stopped. */
export type RunOutcome = { ok: true; results: RunResults; backend: BackendReport } | { ok: false; error: RunFailure };
