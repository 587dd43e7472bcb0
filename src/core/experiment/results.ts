/** The runner's events and results (the JSON written by `cli run` and shown by the lab). */
import type { RegressionTarget } from '../data/dataset';
import type { BackendChoice } from '../ml/backend';
import type { EvalResult } from '../ml/evaluate';
import type { Agreement, Interval, PairedDiff, RepeatSummary, ResultWarning, RocPoint, ToleranceVerdict } from '../ml/metrics';
import type { SplitInfo } from './split';

/** Per regression target: MAE, RMSE, R² (physical units) and n, the records with a known label for that target. */
type RegKey = `${'mae' | 'rmse' | 'r2' | 'n'}_${RegressionTarget}`;

/** Flat metrics of one split. Regression keys are per target in physical units (mae_hr_bpm in bpm, mae_qrs_ms in ms). */
export type StageMetrics = { n: number; loss: number } & Partial<Record<RegKey, number>> & {
  accuracy?: number;
  balanced_accuracy?: number;
  macro_auc?: number;
  macro_f1?: number;
  per_class_auc?: number[];
  per_class_f1?: number[];
  /** Single-label: confusion[true][pred]; multi-label: per class [[TN, FP], [FN, TP]]. */
  confusion?: number[][] | number[][][];
  classes?: string[];
};

/**
 * Epoch numbers in events (`batch`, `epoch`), history rows and `bestEpoch` count from 1 (`RunResults.epochBase`
 * is 1). Results written before this convention have no `epochBase` and count from 0. Batch indices stay 0-based.
 */
export const EPOCH_BASE = 1;

export interface HistoryRow {
  /** 1-based epoch number. */
  epoch: number;
  lr: number;
  loss: number;
  valLoss: number;
  seconds: number;
  improved: boolean;
  /** Validation metrics of the epoch (scalars only). */
  val: Omit<StageMetrics, 'confusion' | 'per_class_auc' | 'per_class_f1' | 'classes'>;
}

export type StageKind = 'pretrain' | 'transfer' | 'baseline' | 'evaluate';

export interface StageModelInfo {
  kind: string;
  trainableParams: number;
  flopsPerSample: number;
  inputShape: (number | null)[];
}

export interface StageResult {
  name: string;
  kind: StageKind;
  /** Regression target (first one for multi-output models). */
  target?: RegressionTarget;
  targets?: RegressionTarget[];
  source: string;
  from?: string;
  mode?: string;
  task: 'regression' | 'single-label' | 'multi-label';
  model: StageModelInfo;
  split: SplitInfo;
  metrics: { val?: StageMetrics; test?: StageMetrics };
  history: HistoryRow[];
  /** 1-based number of the best validation epoch (the weights kept with restoreBest). */
  bestEpoch?: number;
  stoppedEarly?: boolean;
  seconds: number;
  samplesPerSec?: number;
  /** Transfer: layers copied from the pretrained model and layers left fresh. */
  transfer?: { copied: number; fresh: string[]; frozen: string[] };
  /** Test-split ROC curve per class (classification; ≤ 200 points each). */
  roc?: { classes: string[]; curves: RocPoint[][] };
  /** Test-split predictions for regression scatter plots (physical units; ≤ 2000 points). */
  predictions?: { target: RegressionTarget; true: number[]; pred: number[]; ids?: string[] }[];
  /** The sweep cell this result belongs to (every result of a run has one). */
  cell?: CellInfo;
  /** Label budget of a transfer/baseline cell: the budget, the records it kept, and the full training split. */
  budget?: { value: number; nTrain: number; nTrainFull: number };
  /** 95 % bootstrap intervals of the test metrics, keyed like `metrics.test` (macro_auc, auc_<class>, mae_hr_bpm, …); null when undefined. */
  ci?: Record<string, Interval | null>;
  /** Evaluate stages of regression models: Bland–Altman agreement per target with the IEC tolerance verdict. */
  agreement?: TargetAgreement[];
  /** Domain-gap stages (a baseline with `against`): the held-out AUC of telling the sources apart, and the data. */
  domainGap?: DomainGap;
}

/** The mixed data of a domain-gap stage (experiment/domainGap/mix.ts). */
export interface DomainMixInfo {
  /** Rows per side (equal) and the real records they came from. */
  perSide: number;
  realRecords: number;
  synthetic: number;
  /** Records available per side before equalising. */
  availableReal: number;
  availableSynthetic: number;
  /** Leads zeroed on both sides because the real records lack them. */
  zeroedLeads: string[];
}

/**
 * A domain-gap measurement: AUC of the 'synthetic' probability on the held-out test rows (0.5: the sources cannot
 * be told apart) with its 95 % bootstrap interval, `folded` = max(AUC, 1 − AUC) (how separable, whichever way the
 * classifier leans), the test rows per side, and the mixed data (mix.ts).
 */
export interface DomainGap extends DomainMixInfo {
  against: string;
  auc: number;
  ci: Interval | null;
  folded: number;
  nTestReal: number;
  nTestSynthetic: number;
}

/**
 * Agreement of one regression target on the evaluated records (pred − true, physical units; see
 * ml/metrics/blandAltman.ts), the distinct records the rows came from (windows of one record count once), and
 * the IEC 60601-2-51 verdict where the target has a tolerance (null otherwise).
 */
export interface TargetAgreement extends Agreement {
  target: RegressionTarget;
  unit: 'bpm' | 'ms';
  records: number;
  iec: ToleranceVerdict | null;
}

/** Which cell of a sweep (stage × repeat × label budget) a result is. */
export interface CellInfo {
  /** "stage#r0" or "stage#r0#b0.25". */
  id: string;
  repeat: number;
  budget?: number;
  /** The repeat's seed (splits, initialisation, shuffling derive from it). */
  seed: number;
  /** A pretrain result (and model) taken from the model cache instead of trained. */
  cached?: boolean;
  /** The pretrain cell whose model a transfer started from. */
  from?: string;
}

/**
 * Test-split predictions of one classification cell, enough to recompute any metric outside the lab: per test
 * record its id, true label(s) and class probabilities (rows in `ids` order).
 */
export interface StagePredictions {
  cell: string;
  stage: string;
  repeat: number;
  budget?: number;
  task: 'single-label' | 'multi-label';
  classes: string[];
  ids: string[];
  /** Single-label: class index per record; multi-label: multi-hot row per record. */
  labels: number[] | number[][];
  /** Probability per class (softmax for single-label, sigmoid for multi-label), rounded to 6 decimals. */
  probs: number[][];
}

export interface ComparisonRow {
  stage: string;
  kind: 'baseline' | 'transfer';
  from?: string;
  source: string;
  val: { accuracy?: number; macro_auc?: number; macro_f1?: number };
  test: { accuracy?: number; macro_auc?: number; macro_f1?: number };
  /** Transfer minus baseline on test (absent for the baseline row or when no baseline shares the source/task). */
  deltaTest?: { accuracy?: number; macro_auc?: number; macro_f1?: number };
  n: { train: number; val: number; test: number };
}

export interface RunResults {
  version: 1;
  name: string;
  seed: number;
  backend: BackendChoice;
  startedAt: string;
  finishedAt: string;
  seconds: number;
  sources: Record<string, { kind: 'synthetic' | 'imported'; name: string; fingerprint: string; n: number; fs: number; nLeads: number; nSamples: number }>;
  leads: string[];
  stages: StageResult[];
  comparison: ComparisonRow[];
  notes: string[];
  /** Epoch numbers in `stages[].history[].epoch` and `stages[].bestEpoch` start at this value (1). Absent in results written before: 0. */
  epochBase?: 0 | 1;
  /** Sweep size. `stages` holds the headline cells (repeat 0 at the headline budget); `cells` every finished cell. */
  sweep?: { repeats: number; labelBudgets: number[]; headlineBudget: number };
  cells?: StageResult[];
  /** Test predictions of every classification cell. */
  predictions?: StagePredictions[];
  /** Transfer − baseline per repeat and budget, paired on the same test records. */
  paired?: PairedComparison[];
  /** Per stage and budget over the repeats: mean, SD, t-interval; transfers also the mean paired difference. */
  repeats?: RepeatsSummaryRow[];
  /** The learning-curve view: per budget, per stage. */
  budgets?: BudgetSummary[];
  warnings?: RunWarning[];
}

export type RunEvent =
  | { type: 'run-start'; name: string; backend: BackendChoice; stages: { name: string; kind: StageKind }[] }
  | { type: 'log'; level: 'info' | 'warn'; message: string }
  | { type: 'data-progress'; source: string; done: number; total: number }
  | {
      type: 'stage-start';
      stage: string;
      kind: StageKind;
      index: number;
      total: number;
      model: StageModelInfo;
      split: SplitInfo;
      epochs: number;
      /** Estimated seconds for the stage (from measured throughput when available). */
      estimatedSeconds: number;
      /** Sweep cell id (absent before sweeps existed). */
      cell?: string;
    }
  /** `epoch` 1-based, `batch` 0-based (0 … nBatches − 1). */
  | { type: 'batch'; stage: string; epoch: number; batch: number; nBatches: number; loss: number; samplesPerSec: number; etaSeconds: number; runEtaSeconds: number }
  | {
      type: 'epoch';
      stage: string;
      /** 1-based: 1 … epochs. */
      epoch: number;
      epochs: number;
      lr: number;
      loss: number;
      valLoss: number;
      improved: boolean;
      seconds: number;
      /** Validation metrics incl. per-target MAE in physical units and the confusion matrix. */
      metrics: StageMetrics;
      etaSeconds: number;
    }
  /** A finished cell: its result (with `result.cell`) and, for classification, its test predictions (keep both to resume). */
  | { type: 'stage-end'; stage: string; result: StageResult; predictions?: StagePredictions }
  | { type: 'done'; results: RunResults }
  | { type: 'error'; message: string; cancelled: boolean; stage?: string };

/** Flattens an evaluation into metric keys. */
export function flatMetrics(r: EvalResult, classes?: string[]): StageMetrics {
  if (r.kind === 'regression') {
    const out: StageMetrics = { n: 0, loss: r.loss };
    for (const [t, m] of Object.entries(r.perTarget)) {
      const k = t as RegressionTarget;
      out[`mae_${k}`] = m.mae;
      out[`rmse_${k}`] = m.rmse;
      out[`r2_${k}`] = m.r2;
      out[`n_${k}`] = m.n;
      out.n = Math.max(out.n, m.n);
    }
    return out;
  }
  const base: StageMetrics = {
    n: r.n,
    loss: r.loss,
    accuracy: r.accuracy,
    macro_auc: r.macro_auc,
    macro_f1: r.macro_f1,
    per_class_auc: r.per_class_auc,
    per_class_f1: r.per_class_f1,
    confusion: r.confusion,
    ...(classes ? { classes } : {}),
  };
  if (r.kind === 'single-label') base.balanced_accuracy = r.balanced_accuracy;
  return base;
}

export function scalarMetrics(m: StageMetrics): HistoryRow['val'] {
  const { confusion: _c, per_class_auc: _a, per_class_f1: _f, classes: _k, ...rest } = m;
  return rest;
}

/** Transfer − baseline on the same test records, repeat and budget. */
export interface PairedComparison {
  transfer: string;
  baseline: string;
  transferCell: string;
  baselineCell: string;
  repeat: number;
  budget?: number;
  /** Test records both were scored on. */
  n: number;
  /** Per metric: difference, 95 % interval, share of resamples where the transfer is better. */
  metrics: Record<string, PairedDiff>;
}

/** One stage at one budget over the repeats: each metric's mean, SD and t-interval; for a transfer the same of its paired difference. */
export interface RepeatsSummaryRow {
  stage: string;
  kind: StageResult['kind'];
  budget?: number;
  repeats: number;
  /** Mean training records over the repeats. */
  nTrain: number;
  metrics: Record<string, RepeatSummary>;
  /** Transfer − baseline per repeat (paired on the test records), summarised over repeats. */
  diff?: Record<string, RepeatSummary>;
  baseline?: string;
}

/** A point of a learning curve: value and interval (over repeats when ≥ 2, else the bootstrap interval of the single run). */
export interface CurvePoint {
  mean: number;
  ci: Interval | null;
  ciMethod: 'repeats' | 'bootstrap';
}

export interface BudgetSummary {
  budget: number;
  label: string;
  /** Per stage trained at this budget: its training records, metrics, and (transfers) the difference to the baseline. */
  stages: Record<string, { kind: StageResult['kind']; nTrain: number; metrics: Record<string, CurvePoint>; diff?: Record<string, CurvePoint & { winFraction?: number }> }>;
}

/** A warning about a test split or a model's predictions, with the cell it was found in. */
export type RunWarning = ResultWarning & { cell: string };
