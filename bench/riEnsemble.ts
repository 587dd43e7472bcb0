/**
 * Interval agreement of one or more `real-intervals` results on the same real records: per interval n, MAE, mean
 * error (pred − true) with its 95 % t-interval over records, SD of the error and the IEC 60601-2-51 verdict (as
 * commonly quoted: PR/QRS |mean| ≤ 10 and SD ≤ 10 ms, QT |mean| ≤ 25 and SD ≤ 30 ms). With several files the
 * predictions are averaged record by record first (an ensemble over training seeds).
 * Run: npx tsx bench/riEnsemble.ts RESULTS.json [MORE.json ...] [--stage NAME] (default: the first evaluate stage)
 */
import { readFileSync } from 'node:fs';
import { printTable } from './table';

interface Pred { target: string; true: number[]; pred: number[] }
const argv = process.argv.slice(2);
const stageAt = argv.indexOf('--stage');
const stageName = stageAt >= 0 ? argv[stageAt + 1] : undefined;
const files = argv.filter((a, i) => !a.startsWith('--') && (stageAt < 0 || i !== stageAt + 1));
if (!files.length) throw new Error('usage: npx tsx bench/riEnsemble.ts RESULTS.json [MORE.json ...]');
const runs = files.map((f) => {
  const r = JSON.parse(readFileSync(f, 'utf8')) as { stages: { kind: string; name: string; predictions?: Pred[] }[] };
  const ev = r.stages.find((s) => s.kind === 'evaluate' && (stageName === undefined || s.name === stageName));
  if (!ev?.predictions) throw new Error(`${f}: no evaluate stage${stageName ? ` "${stageName}"` : ''} with predictions`);
  return ev.predictions;
});
const IEC: Record<string, [number, number] | undefined> = { pr_ms: [10, 10], qrs_ms: [10, 10], qt_ms: [25, 30] };
// two-sided 95 % t quantiles for df 1..60 (beyond: 1.96 + 2.4/df)
const tq = (df: number) => [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228][df - 1] ?? 1.96 + 2.4 / df;
const rows = runs[0].map((p0) => {
  const truth = p0.true;
  const err: number[] = [];
  truth.forEach((t, i) => {
    const ps = runs.map((r) => r.find((p) => p.target === p0.target)!.pred[i]);
    if (!Number.isFinite(t) || ps.some((v) => !Number.isFinite(v))) return;
    err.push(ps.reduce((a, b) => a + b, 0) / ps.length - t);
  });
  const n = err.length;
  const mean = err.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(err.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  const h = (tq(n - 1) * sd) / Math.sqrt(n);
  const mae = err.reduce((a, b) => a + Math.abs(b), 0) / n;
  const tol = IEC[p0.target];
  const fails = tol ? [Math.abs(mean) > tol[0] ? 'mean' : '', sd > tol[1] ? 'SD' : ''].filter(Boolean) : [];
  return {
    target: p0.target,
    n,
    mae: +mae.toFixed(1),
    mean_error: `${mean >= 0 ? '+' : ''}${mean.toFixed(1)} [${(mean - h).toFixed(1)}, ${(mean + h).toFixed(1)}]`,
    sd: +sd.toFixed(1),
    iec: tol ? (fails.length ? `fail (${fails.join(', ')})` : 'pass') : '–',
  };
});
console.log(`${runs.length} run(s): ${files.join(', ')}`);
printTable(rows);
