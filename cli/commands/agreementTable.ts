/**
 * The agreement table `cli run` prints under the results for evaluate stages of regression models: per target
 * n (rows and distinct records), MAE, mean error pred − true with its 95 % t-interval, SD of the error, the
 * Bland–Altman limits of agreement with their 95 % intervals, and the IEC 60601-2-51 tolerance with its verdict.
 */
import type { RunResults, StageResult } from '../../src/core/experiment';
import { IEC_SOURCE, type Interval } from '../../src/core/ml/metrics';

const f = (v: number, d = 1) => (Number.isFinite(v) ? (v > 0 ? '+' : '') + v.toFixed(d) : '–');
const ci = (c: Interval | null, d = 1) => (c ? `[${f(c.lo, d)}, ${f(c.hi, d)}]` : '');
const SHORT: Record<string, string> = { hr_bpm: 'HR', pr_ms: 'PR', qrs_ms: 'QRS', qt_ms: 'QT' };

function pad(rows: string[][]): string {
  const w = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((x, c) => x.padEnd(w[c])).join('  ').trimEnd()).join('\n');
}

export function stageAgreementTable(st: StageResult): string {
  const rows: string[][] = [['target', 'n', 'records', 'MAE', 'mean error [95 % CI]', 'SD', 'LoA lower [95 % CI]', 'LoA upper [95 % CI]', 'IEC |mean|, SD', 'IEC']];
  for (const a of st.agreement ?? []) {
    const u = a.unit;
    const tol = a.iec ? `≤ ${a.iec.tolerance.maxAbsMean}, ≤ ${a.iec.tolerance.maxSd} ${u}` : '–';
    const verdict = a.iec ? (a.iec.pass ? 'pass' : `FAIL (${[!a.iec.meanOk ? 'mean' : '', !a.iec.sdOk ? 'SD' : ''].filter(Boolean).join(', ')})`) : '–';
    rows.push([
      SHORT[a.target] ?? a.target,
      String(a.n),
      String(a.records),
      `${Number.isFinite(a.mae) ? a.mae.toFixed(1) : '–'} ${u}`,
      `${f(a.meanDiff)} ${ci(a.meanCi)}`,
      Number.isFinite(a.sdDiff) ? a.sdDiff.toFixed(1) : '–',
      `${f(a.loaLower)} ${ci(a.loaLowerCi)}`,
      `${f(a.loaUpper)} ${ci(a.loaUpperCi)}`,
      tol,
      verdict,
    ]);
  }
  return `${st.name} on "${st.source}": pred − true (Bland–Altman; limits of agreement mean ± 1.96 SD; intervals assume independent rows); tolerances: ${IEC_SOURCE}\n${pad(rows)}\n`;
}

/** One line per domain-gap stage: the held-out AUC [95 % bootstrap interval], the folded AUC and the counts. */
export function domainGapLine(st: StageResult): string {
  const g = st.domainGap!;
  const n = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : '–');
  const ci = g.ci ? ` [${n(g.ci.lo)}, ${n(g.ci.hi)}]` : '';
  return `${st.name}: "${st.source}" (synthetic) vs "${g.against}" (real): held-out AUC ${n(g.auc)}${ci} (0.5 = indistinguishable, 1 = always told apart; max(AUC, 1 − AUC) ${n(g.folded)}); test ${g.nTestReal} real + ${g.nTestSynthetic} synthetic rows; ${g.perSide} rows per side from ${g.realRecords} real records${g.zeroedLeads.length ? `; leads ${g.zeroedLeads.join(', ')} left out (absent in the real records)` : ''}\n`;
}

export function agreementTables(res: RunResults): string {
  return [...res.stages.filter((s) => s.agreement?.length).map(stageAgreementTable), ...res.stages.filter((s) => s.domainGap).map(domainGapLine)].join('\n');
}
