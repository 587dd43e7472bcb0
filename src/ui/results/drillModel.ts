/**
 * What a click on a result selects: the test records behind a confusion-matrix cell (single-label), behind a
 * class's TP / FP / FN / TN at an operating point (any classification; multi-label labels are per class), or the
 * points of a regression scatter; as rows sortable by confidence. Pure functions over the run's predictions.
 */
import type { RunResults, StageResult } from '../../core/experiment/contract';
import type { StagePredictions } from '../../core/experiment/results';

import type { DrillSelection, Outcome } from '../../store/drillStore';

export type { DrillSelection, Outcome };
export const OUTCOMES: readonly Outcome[] = ['TP', 'FP', 'FN', 'TN'];

export interface DrillRow {
  id: string;
  /** True label(s), comma-separated. */
  truth: string;
  predicted: string;
  /** Probability of the predicted class (cell), of the class (per class); regression: −|error|. */
  confidence: number;
  probs?: number[];
  trueValue?: number;
  predValue?: number;
}

export const argmax = (v: readonly number[]) => v.reduce((b, x, i) => (x > v[b] ? i : b), 0);

/** The predictions of a stage's headline cell (the one whose model is stored). */
export function stagePredictions(results: RunResults | null | undefined, stage: string): StagePredictions | undefined {
  if (!results?.predictions) return undefined;
  const st = results.stages.find((s) => s.name === stage);
  const cell = st?.cell?.id;
  return results.predictions.find((p) => p.stage === stage && (cell ? p.cell === cell : true));
}

const labelsOf = (p: StagePredictions, r: number): number[] => (p.task === 'single-label' ? [(p.labels as number[])[r]] : (p.labels as number[][])[r].flatMap((v, c) => (v ? [c] : [])));
const names = (p: StagePredictions, cs: number[]) => (cs.length ? cs.map((c) => p.classes[c] ?? `class ${c}`).join(', ') : '(none)');

/** Whether record r has class c (its true label) and whether it is predicted at `threshold` (single-label: argmax). */
function truthAndCall(p: StagePredictions, r: number, c: number, threshold: number): [boolean, boolean] {
  const has = p.task === 'single-label' ? (p.labels as number[])[r] === c : !!(p.labels as number[][])[r][c];
  const called = p.probs[r][c] >= threshold;
  return [has, called];
}

export function outcomeOf(has: boolean, called: boolean): Outcome {
  return has ? (called ? 'TP' : 'FN') : called ? 'FP' : 'TN';
}

/** TP / FP / FN / TN per class at a threshold, with the ROC operating point (TPR, FPR). */
export function classCounts(p: StagePredictions, threshold: number): { cls: number; counts: Record<Outcome, number>; tpr: number; fpr: number }[] {
  return p.classes.map((_, c) => {
    const counts: Record<Outcome, number> = { TP: 0, FP: 0, FN: 0, TN: 0 };
    for (let r = 0; r < p.ids.length; r++) counts[outcomeOf(...truthAndCall(p, r, c, threshold))]++;
    const pos = counts.TP + counts.FN;
    const neg = counts.FP + counts.TN;
    return { cls: c, counts, tpr: pos ? counts.TP / pos : NaN, fpr: neg ? counts.FP / neg : NaN };
  });
}

/** Single-label confusion counts from the predictions (rows true, columns argmax), as the results' matrix. */
export function confusionOf(p: StagePredictions): number[][] {
  const m = p.classes.map(() => p.classes.map(() => 0));
  for (let r = 0; r < p.ids.length; r++) m[(p.labels as number[])[r]][argmax(p.probs[r])]++;
  return m;
}

function classRow(p: StagePredictions, r: number, confidence: number): DrillRow {
  const predicted = p.task === 'single-label' ? [argmax(p.probs[r])] : p.probs[r].flatMap((v, c) => (v >= 0.5 ? [c] : []));
  return { id: p.ids[r], truth: names(p, labelsOf(p, r)), predicted: names(p, predicted), confidence, probs: p.probs[r] };
}

/** The rows of a classification selection. */
export function classificationRows(p: StagePredictions, sel: Extract<DrillSelection, { kind: 'cell' | 'class' }>): DrillRow[] {
  const rows: DrillRow[] = [];
  for (let r = 0; r < p.ids.length; r++) {
    if (sel.kind === 'cell') {
      const k = argmax(p.probs[r]);
      if ((p.labels as number[])[r] === sel.trueClass && k === sel.predClass) rows.push(classRow(p, r, p.probs[r][k]));
    } else if (outcomeOf(...truthAndCall(p, r, sel.cls, sel.threshold)) === sel.outcome) {
      rows.push(classRow(p, r, p.probs[r][sel.cls]));
    }
  }
  return rows;
}

/** The rows of a regression scatter: every test point with its record id. */
export function regressionRows(st: StageResult | undefined, target: string): DrillRow[] {
  const pr = st?.predictions?.find((q) => q.target === target);
  if (!pr?.ids) return [];
  return pr.ids.map((id, i) => ({ id, truth: fmtValue(pr.true[i]), predicted: fmtValue(pr.pred[i]), confidence: -Math.abs(pr.pred[i] - pr.true[i]), trueValue: pr.true[i], predValue: pr.pred[i] }));
}

const fmtValue = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '—');

/** Rows sorted by confidence (stable: ties keep the test-set order). */
export function sortRows(rows: readonly DrillRow[], dir: 'asc' | 'desc'): DrillRow[] {
  const k = dir === 'asc' ? 1 : -1;
  return rows.map((r, i) => [r, i] as const).sort((a, b) => k * (a[0].confidence - b[0].confidence) || a[1] - b[1]).map(([r]) => r);
}

/** The output to explain for a record of a selection: the predicted class (a cell), the class (per class), the target. */
export function explainedOutput(p: StagePredictions | undefined, sel: DrillSelection, row: DrillRow, targets: readonly string[] = []): number {
  if (sel.kind === 'class') return sel.cls;
  if (sel.kind === 'points') return Math.max(0, targets.indexOf(sel.target));
  return p ? p.classes.findIndex((c) => c === row.predicted) : 0;
}
