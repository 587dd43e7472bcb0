/**
 * Live events: what the training worker streams to the page while a run trains (the engine's RunEvent adapted
 * once, in liveEvents.ts), and the view model of a run they fold into (liveRun.ts). Epochs and batches count from 1.
 * The page keeps the view model in its store and the history (IndexedDB), so it is part of the contract too.
 */
import type { BackendReport } from '../../ml/backendReport';
import type { BudgetSummary, PairedComparison, RepeatsSummaryRow, TargetAgreement } from '../results';

/** Metric keys as the engine and CLI name them (mae_hr_bpm, accuracy, macro_auc, confusion, roc, ...). */
export type MetricRecord = Record<string, unknown>;

export interface RocCurve {
  className: string;
  auc: number;
  /** Points (fpr, tpr), sorted by fpr. */
  points: { fpr: number; tpr: number }[];
}

export interface Prediction {
  target: string;
  true: number[];
  pred: number[];
  /** Record id of each point (results written before ids were recorded have none). */
  ids?: string[];
}

export interface SplitCounts {
  method: string;
  nTrain: number;
  nVal: number;
  nTest: number;
  note?: string;
}

export interface PlannedStage {
  name: string;
  kind: string;
  target?: string;
  from?: string;
  classes?: string[];
}

export type LiveEvent =
  | { type: 'plan'; backend?: BackendReport; stages: PlannedStage[] }
  | { type: 'data'; source: string; done: number; total: number }
  | {
      type: 'stage-start';
      stage: string;
      kind: string;
      target?: string;
      from?: string;
      epochs?: number;
      classes?: string[];
      split?: SplitCounts;
      estimatedS?: number;
      params?: number;
    }
  | { type: 'epoch'; stage: string; epoch: number; loss?: number; valLoss?: number; metrics?: MetricRecord; classes?: string[]; etaS?: number; lr?: number }
  | {
      type: 'batch';
      stage: string;
      epoch: number;
      batch: number;
      batches: number;
      etaS?: number;
      runEtaS?: number;
      samplesPerSec?: number;
      /** This batch's training loss. The trainer reads it one batch late (the next step is queued first), so on a
       * GPU backend the step never waits on the read; the event therefore arrives just after the next batch starts. */
      loss?: number;
    }
  | { type: 'stage-end'; stage: string; metrics?: { val?: MetricRecord; test?: MetricRecord }; classes?: string[]; split?: SplitCounts; seconds?: number; bestEpoch?: number; stoppedEarly?: boolean; predictions?: Prediction[]; targets?: string[]; cell?: LiveCell; agreement?: TargetAgreement[] }
  | { type: 'log'; text: string; level?: 'info' | 'warn' }
  /** The worker has stopped at a batch boundary for a pause: nothing advances until it is resumed. */
  | { type: 'held' }
  /** The sweep's statistics over the cells finished so far (after each classification cell). */
  | { type: 'sweep-stats'; stats: LiveSweepStats };

/**
 * A sweep's statistics while it runs, computed as the final results' are but over the finished cells: paired
 * differences transfer − baseline, summaries over the finished repeats, the learning-curve view per budget.
 */
export interface LiveSweepStats {
  paired: PairedComparison[];
  repeats: RepeatsSummaryRow[];
  budgets: BudgetSummary[];
}

/** A finished sweep cell (stage × repeat × label budget): its test metrics and their 95 % bootstrap intervals. */
export interface LiveCell {
  /** "stage#r0" or "stage#r0#b0.25". */
  id: string;
  stage: string;
  kind: string;
  /** 0-based repeat. */
  repeat: number;
  /** Label budget (fraction of the training split or a record count); absent for budget-free cells. */
  budget?: number;
  nTrain: number;
  nTest: number;
  /** Scalar test metrics (accuracy, macro_auc, mae_hr_bpm, …). */
  test: Record<string, number>;
  /** Intervals keyed like `test`; null where the metric is undefined. */
  ci?: Record<string, { lo: number; hi: number } | null>;
  /** A pretrained model taken from the model cache instead of trained. */
  cached?: boolean;
}

export interface EpochPoint {
  epoch: number;
  loss?: number;
  valLoss?: number;
  /** Validation metrics of this epoch (MAE per target in bpm/ms, accuracy, macro_auc...). */
  metrics: Record<string, number>;
}

export interface LiveStage {
  name: string;
  kind: string;
  target?: string;
  from?: string;
  status: 'pending' | 'running' | 'done' | 'failed';
  epochs: EpochPoint[];
  maxEpochs?: number;
  progress?: { epoch: number; batch: number; batches: number };
  etaS?: number;
  classes?: string[];
  /** Latest confusion matrix (rows = true class, columns = predicted) and the split it comes from. */
  confusion?: { split: 'val' | 'test'; matrix: number[][]; epoch?: number };
  /** Number of epochs whose validation confusion matrix was received (one per epoch while training). */
  confusionUpdates?: number;
  roc?: { split: 'val' | 'test'; curves: RocCurve[] };
  final?: { val?: MetricRecord; test?: MetricRecord };
  /** Records per split (from the engine's split, independent of the metrics). */
  split?: SplitCounts;
  /** Engine's estimate for the whole stage (s), at its start. */
  estimatedS?: number;
  trainableParams?: number;
  samplesPerSec?: number;
  bestEpoch?: number;
  stoppedEarly?: boolean;
  seconds?: number;
  startedAt?: number;
  endedAt?: number;
  /** Regression targets of the stage's model (hr_bpm, pr_ms, …). */
  targets?: string[];
  /**
   * Training loss of sampled batches while the stage trains, at x = epochs done (epoch − 1 + batch / batches), so
   * even a one-epoch stage draws a curve. Thinned to at most BATCH_LOSS_MAX points (liveRun.ts).
   */
  batchLoss?: { x: number; loss: number }[];
  /** Regression test predictions in physical units (≤ 2000 per target): true vs predicted for scatter plots. */
  predictions?: Prediction[];
  /** Evaluate stages: Bland–Altman agreement per target with the IEC verdicts. */
  agreement?: TargetAgreement[];
}

export interface LiveRun {
  stages: LiveStage[];
  current: string | null;
  /** Whole-run ETA in seconds, when the engine provides one. */
  etaS?: number;
  log: { t: number; text: string; level?: 'info' | 'warn' }[];
  /** Synthetic data generation progress, per source. */
  data?: { source: string; done: number; total: number };
  backend?: BackendReport;
  /** The sweep's finished cells in the order they finished (a stage's entry in `stages` shows its latest cell). */
  cells?: LiveCell[];
  /** The sweep's statistics over the finished cells (the forest plot and curves while it runs). */
  stats?: LiveSweepStats;
  /** True from the worker's 'held' event (a pause took hold at a batch boundary) until training advances again. */
  held?: boolean;
}
