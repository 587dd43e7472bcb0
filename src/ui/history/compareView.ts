/**
 * View models of the History comparison (pure, no React): every model of every ticked run with its test metrics
 * and their 95 % intervals, and — where two runs' models were tested on the very same records — the paired
 * difference with its interval (the same paired bootstrap as a run's own transfer − baseline, docs/statistics.md).
 */
import type { StagePredictions, StageResult } from '../../core/experiment/results';
import { pairedPredictionsDiff } from '../../core/experiment/run/statistics';
import type { Interval } from '../../core/ml/metrics';
import type { HistoryRun } from '../../store/historyStore';
import { COMPARISON_METRICS } from '../results/Comparison';
import { diffText, diffTone, estimateText, toneWords, type Tone } from '../results/sweepView';
import { rowsOf } from './summary';

/** The seed of the comparison's resamples (fixed: the same runs always give the same intervals). */
const COMPARE_SEED = 20_261_201;

export interface CompareEntry {
  run: HistoryRun;
  stage: string;
  kind: string;
  label: string;
  test: Record<string, number | undefined>;
  /** `0.771 [0.69, 0.84]` per metric (the value alone where the run kept no interval). */
  text: Record<string, string>;
  nTest?: number;
  predictions?: StagePredictions;
}

/** The result of the stage a comparison row shows (the headline cell of a sweep). */
function stageResult(run: HistoryRun, stage: string): StageResult | undefined {
  return run.results?.stages.find((s) => s.name === stage);
}

/** The test predictions of that cell: by its cell id, else the stage's only set of predictions. */
function predictionsOf(run: HistoryRun, st: StageResult | undefined, stage: string): StagePredictions | undefined {
  const all = run.results?.predictions ?? [];
  if (st?.cell) return all.find((p) => p.cell === st.cell!.id);
  const mine = all.filter((p) => p.stage === stage);
  return mine.length === 1 ? mine[0] : undefined;
}

export function compareEntries(runs: readonly HistoryRun[]): CompareEntry[] {
  return runs.flatMap((run) =>
    rowsOf(run).map((row) => {
      const st = stageResult(run, row.name);
      const ci: Record<string, Interval | null> = st?.ci ?? {};
      const predictions = predictionsOf(run, st, row.name);
      return {
        run,
        stage: row.name,
        kind: row.kind,
        label: `${run.name} · ${row.name}`,
        test: row.test,
        text: Object.fromEntries(COMPARISON_METRICS.map((m) => [m, estimateText(row.test[m], ci[m])])),
        ...(st ? { nTest: st.split.nTest } : {}),
        ...(predictions ? { predictions } : {}),
      };
    }),
  );
}

export interface PairedCell {
  text: string;
  tone: Tone;
  title: string;
}

export interface PairedRow {
  key: string;
  /** "run B · stage − run A · stage". */
  label: string;
  n: number;
  metrics: Record<string, PairedCell>;
}

/**
 * Each model of a later run minus the same-named model of the first ticked run, where both were tested on the same
 * records (same record ids, classes and labels); models tested on other records are left out (their intervals are
 * independent and shown in the table above).
 */
export function pairedRows(entries: readonly CompareEntry[], runLabel: (r: HistoryRun) => string): PairedRow[] {
  const ref = entries[0]?.run;
  if (!ref) return [];
  const out: PairedRow[] = [];
  for (const e of entries) {
    if (e.run.id === ref.id || !e.predictions) continue;
    const base = entries.find((x) => x.run.id === ref.id && x.stage === e.stage);
    if (!base?.predictions) continue;
    const d = pairedPredictionsDiff(e.predictions, base.predictions, COMPARE_SEED);
    if (!d) continue;
    const metrics: Record<string, PairedCell> = {};
    for (const m of COMPARISON_METRICS) {
      const p = d[m];
      if (!p) continue;
      const tone = diffTone(p.diff, p.ci);
      const win = Number.isFinite(p.winFraction) ? `; ${runLabel(e.run)} is better in ${Math.round(p.winFraction * 100)} % of resamples` : '';
      metrics[m] = { text: diffText(p.diff, p.ci), tone, title: `On the same ${p.n} test records: ${toneWords(tone, p.ci).replace('the baseline', 'the first run')}${win}.` };
    }
    out.push({ key: `${e.run.id}|${e.stage}`, label: `${runLabel(e.run)} · ${e.stage} − ${runLabel(ref)} · ${base.stage}`, n: e.predictions.ids.length, metrics });
  }
  return out;
}
