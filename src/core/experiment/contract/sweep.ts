/**
 * Sweeps across the worker boundary: the plan shown before Start (planSweep's answer), one finished cell as the
 * page keeps it to resume an interrupted sweep, and what a run resumes from. Types only.
 */
import type { StagePredictions, StageResult } from '../results';

export type { PlannedCell, SweepPlan } from '../plan';

/** A finished cell of a running sweep: the stage-end event's result (with `result.cell`) and its test predictions. */
export interface FinishedCell {
  result: StageResult;
  predictions?: StagePredictions;
}

/** Cells an interrupted run of the same spec already finished: the runner skips them and keeps their results. */
export interface ResumeFrom {
  cells: StageResult[];
  predictions?: StagePredictions[];
}

/** Options of a run besides spec and data. */
export interface RunExtras {
  resume?: ResumeFrom;
}
