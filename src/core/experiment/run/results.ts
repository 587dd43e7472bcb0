/** Builds a run's RunResults from the finished stages, and the baseline-vs-transfer comparison table. */
import type { BackendChoice } from '../../ml/backend';
import { EPOCH_BASE, type ComparisonRow, type RunResults, type StageMetrics, type StagePredictions, type StageResult } from '../results';
import { specBudgets, specRepeats, type ExperimentSpec } from '../spec';
import { headlineBudget, isHeadline } from './cells';
import { budgetSummaries, pairedComparisons, repeatSummaries, runWarnings } from './statistics';
import type { RunContext } from './context';

export interface ResultsInput {
  backend: BackendChoice;
  startedAt: string;
  /** `performance.now()` at the start of the run. */
  t0: number;
  /** The headline cells (repeat 0, headline budget), in stage order. */
  stages: StageResult[];
  /** Every cell, in run order. */
  cells?: StageResult[];
  predictions?: StagePredictions[];
}

/** Everything of a RunResults that is not computed from the cells: where and when it ran, the data, the notes. */
export interface ResultParts {
  backend: BackendChoice;
  startedAt: string;
  finishedAt: string;
  seconds: number;
  sources: RunResults['sources'];
  leads: string[];
  notes: string[];
  /** Every cell, in run order (`enumerateCells`). */
  cells: StageResult[];
  predictions: StagePredictions[];
  /** The headline cells (repeat 0, headline budget), in stage order; default: picked from `cells`. */
  stages?: StageResult[];
}

/** The results of a run from its parts: the summaries (comparison, paired, repeats, budgets, warnings) computed here. */
export function assembleResults(spec: ExperimentSpec, parts: ResultParts): RunResults {
  const { cells, predictions } = parts;
  const stages = parts.stages ?? cells.filter((c) => c.cell && isHeadline(spec, c.cell));
  const paired = pairedComparisons(cells, predictions);
  const repeats = repeatSummaries(cells, paired);
  return {
    version: 1,
    name: spec.name,
    seed: spec.seed,
    backend: parts.backend,
    startedAt: parts.startedAt,
    finishedAt: parts.finishedAt,
    seconds: parts.seconds,
    sources: parts.sources,
    leads: parts.leads,
    stages,
    comparison: compareStages(stages),
    notes: parts.notes,
    epochBase: EPOCH_BASE,
    sweep: { repeats: specRepeats(spec), labelBudgets: specBudgets(spec), headlineBudget: headlineBudget(spec) },
    cells,
    predictions,
    paired,
    repeats,
    budgets: budgetSummaries(specBudgets(spec), repeats, cells, paired),
    warnings: runWarnings(predictions),
  };
}

/** The loaded sources of a run, as its results list them (in loading order). */
export function sourcesOf(ctx: RunContext): RunResults['sources'] {
  return Object.fromEntries([...ctx.data.entries()].map(([k, d]) => [k, { kind: d.source, name: d.name, fingerprint: d.fingerprint, n: d.n, fs: d.fs, nLeads: d.nLeads, nSamples: d.nSamples }]));
}

export function buildResults(ctx: RunContext, input: ResultsInput): RunResults {
  return assembleResults(ctx.spec, {
    backend: input.backend,
    startedAt: input.startedAt,
    finishedAt: new Date().toISOString(),
    seconds: (performance.now() - input.t0) / 1000,
    sources: sourcesOf(ctx),
    leads: ctx.geometry?.leadNames ?? [],
    notes: ctx.notes,
    cells: input.cells ?? input.stages,
    predictions: input.predictions ?? [],
    stages: input.stages,
  });
}

const pick = (m?: StageMetrics) => ({ accuracy: m?.accuracy, macro_auc: m?.macro_auc, macro_f1: m?.macro_f1 });

/** Baseline vs each transfer on the same source and task: accuracy, macro AUC, macro F1 on val and test. */
export function compareStages(stages: StageResult[]): ComparisonRow[] {
  const rows: ComparisonRow[] = [];
  const classify = stages.filter((s): s is StageResult & { kind: 'baseline' | 'transfer' } => s.kind === 'baseline' || s.kind === 'transfer');
  for (const s of classify) {
    const base = classify.find((b) => b.kind === 'baseline' && b.source === s.source && b.task === s.task);
    const row: ComparisonRow = {
      stage: s.name,
      kind: s.kind,
      ...(s.from ? { from: s.from } : {}),
      source: s.source,
      val: pick(s.metrics.val),
      test: pick(s.metrics.test),
      n: { train: s.split.nTrain, val: s.split.nVal, test: s.split.nTest },
    };
    if (s.kind === 'transfer' && base) {
      const d = (a?: number, b?: number) => (a === undefined || b === undefined ? undefined : a - b);
      row.deltaTest = {
        accuracy: d(s.metrics.test?.accuracy, base.metrics.test?.accuracy),
        macro_auc: d(s.metrics.test?.macro_auc, base.metrics.test?.macro_auc),
        macro_f1: d(s.metrics.test?.macro_f1, base.metrics.test?.macro_f1),
      };
    }
    rows.push(row);
  }
  // baselines first, as in the paper's table
  return rows.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'baseline' ? -1 : 1));
}
