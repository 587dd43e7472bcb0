/** Public API of the experiment layer (used by workers/ and cli/). */
export { runExperiment, compareStages, RunControl, CancelledError, type RunOptions } from './runner';
export { EPOCH_BASE } from './results';
export type { RunEvent, RunResults, StageResult, StageMetrics, HistoryRow, ComparisonRow, StageKind, StageModelInfo, CellInfo, StagePredictions } from './results';
export { parseSpec, migrateSpec, specRepeats, specBudgets, stageTraining, SpecError, SPEC_VERSION, READABLE_SPEC_VERSIONS, DEFAULT_TRAINING, DEFAULT_SPLIT, type ExperimentSpec, type StageSpec, type SourceSpec, type TrainingParams, type SplitSpec } from './spec';
export { encodeSpec, decodeSpec, shareableSpec } from './codec';
export { PRESETS, PRESET_NAMES, DEFAULT_PRESET, presetSpec, PAPER_LEADS, REGRESSION_TRAINING, type PresetName } from './presets';
export type { SplitInfo } from './split';
export { describeExperiment, type ExperimentPlan, type StagePlan } from './describe';
export { planSweep, type SweepPlan, type PlannedCell, type PlanOptions } from './plan';
export { enumerateCells, cellId, repeatSeed, headlineBudget, type CellRef } from './run/cells';
export { memoryModelCache, type ModelCache, type CachedModel } from './run/modelCache';
export { pretrainCacheKey } from './run/cacheKey';
export { predictionsCsv } from './predictionsCsv';
export type { PairedComparison, RepeatsSummaryRow, BudgetSummary, CurvePoint, RunWarning } from './results';
