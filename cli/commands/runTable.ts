/**
 * The table `cli run` prints after a run: one row per stage and label budget with test accuracy and macro AUC
 * (`0.771 [0.69, 0.84]`: the value and its 95 % interval — over repeats when there are ≥ 2, else bootstrap over
 * test records), the paired difference transfer − baseline in macro AUC with its interval and the share of
 * resamples the transfer wins (one repeat), and regression stages' MAE per target.
 */
import { ciExcludesZero, formatDiff, formatEstimate, type Interval } from '../../src/core/ml/metrics';
import type { CurvePoint, RunResults } from '../../src/core/experiment';
import { budgetLabel } from '../../src/core/data/budgets';
import { agreementTables } from './agreementTable';

/** `0.771 [0.69, 0.84]`; "–" for an undefined value; the interval omitted when there is none. */
export function withCi(v: number | undefined, ci: Interval | null | undefined, digits = 3): string {
  return formatEstimate({ value: v ?? NaN, ci: ci ?? null, n: 0 }, digits);
}

/** `+0.031 [−0.01, 0.07] *`: the star when the interval excludes 0. */
const signed = (p: CurvePoint | undefined) => {
  if (!p) return '–';
  const s = formatDiff({ diff: p.mean, ci: p.ci, winFraction: NaN, n: 0 });
  return ciExcludesZero(p.ci) ? `${s} *` : s;
};

function pad(rows: string[][]): string {
  const w = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((x, c) => x.padEnd(w[c])).join('  ').trimEnd()).join('\n');
}

export function resultsTable(res: RunResults): string {
  const repeats = res.sweep?.repeats ?? 1;
  const rows: string[][] = [['stage', 'budget', 'train', 'accuracy', 'macro AUC', 'Δ macro AUC vs baseline', 'wins']];
  // regression and evaluate stages: from the repeat summaries (budget-free)
  for (const r of res.repeats ?? []) {
    if (r.budget !== undefined) continue;
    const cell = res.cells?.find((c) => c.name === r.stage && c.cell?.repeat === 0);
    const maes = Object.entries(r.metrics)
      .filter(([k]) => k.startsWith('mae_'))
      .map(([k, s]) => `MAE ${k.slice(4)} ${withCi(s.mean, repeats >= 2 ? s.ci : cell?.ci?.[k], 2)}`);
    const acc = r.metrics.accuracy;
    const auc = r.metrics.macro_auc;
    rows.push([r.stage, '–', String(Math.round(r.nTrain)), maes.length ? maes.join('; ') : withCi(acc?.mean, repeats >= 2 ? acc?.ci : cell?.ci?.accuracy), maes.length ? '' : withCi(auc?.mean, repeats >= 2 ? auc?.ci : cell?.ci?.macro_auc), '', '']);
  }
  for (const b of res.budgets ?? []) {
    for (const [stage, s] of Object.entries(b.stages)) {
      const d = s.diff?.macro_auc;
      rows.push([
        stage,
        budgetLabel(b.budget),
        String(Math.round(s.nTrain)),
        withCi(s.metrics.accuracy?.mean, s.metrics.accuracy?.ci),
        withCi(s.metrics.macro_auc?.mean, s.metrics.macro_auc?.ci),
        s.kind === 'transfer' ? signed(d) : '',
        d && 'winFraction' in d && d.winFraction !== undefined ? `${Math.round(d.winFraction * 100)} %` : '',
      ]);
    }
  }
  const how = repeats >= 2 ? `mean over ${repeats} repeats [95 % t-interval of the mean]` : 'test split [95 % bootstrap interval over test records]';
  const warn = (res.warnings ?? []).map((w) => `warning (${w.stage ?? 'run'}): ${w.message}`);
  const agreement = agreementTables(res);
  return [pad(rows), `values: ${how}; Δ: transfer − baseline on the same test records (* : its interval excludes 0)`, ...warn, ...(agreement ? ['', agreement.trimEnd()] : [])].join('\n') + '\n';
}
