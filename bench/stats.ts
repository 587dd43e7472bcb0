/**
 * Bootstrap speed, one core: milliseconds per call of the statistics module on simulated test splits
 * (median of repeated calls after a warm-up). Options: --reps R (calls per case, default 7).
 */
import { loadavg } from 'node:os';
import { printTable } from './table';
import {
  bootstrapClassification, bootstrapRegression, pairedClassificationDiff, pairedRegressionDiff,
} from '../src/core/ml/metrics';
import { mulberry32 } from '../src/core/ml/random';

interface Row {
  case: string;
  records: number;
  classes: number;
  resamples: number;
  ms_per_call: number;
  cpu_ms_per_call: number;
  us_per_resample: number;
  /** 1-minute load average while the case ran: wall times on a shared machine grow with it. */
  load_avg: number;
}

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(name: string, records: number, classes: number, resamples: number, reps: number, fn: (seed: number) => void): Row {
  fn(0); // warm-up (JIT)
  const ms: number[] = [];
  const cpu: number[] = [];
  for (let r = 1; r <= reps; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn(r);
    ms.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const m = median(ms);
  return {
    case: name, records, classes, resamples, ms_per_call: m, cpu_ms_per_call: median(cpu),
    us_per_resample: (m * 1000) / resamples, load_avg: loadavg()[0],
  };
}

export async function runBench(args: string[]): Promise<Row[]> {
  const i = args.indexOf('--reps');
  const reps = i >= 0 ? Number(args[i + 1]) : 7;
  if (!(reps >= 1)) throw new Error('--reps must be a positive integer');
  const rand = mulberry32(1);
  const n = 500;
  const k = 5;
  const labels = Int32Array.from({ length: n }, () => Math.floor(rand() * k));
  const probsA = Float64Array.from({ length: n * k }, (_, j) => rand() + (labels[Math.floor(j / k)] === j % k ? 0.5 : 0));
  const probsB = Float64Array.from(probsA, (x) => x + 0.1 * rand());
  const multiHot = Float64Array.from({ length: n * k }, () => (rand() < 0.25 ? 1 : 0));
  const yTrue = Float64Array.from({ length: n }, () => 60 + 40 * rand());
  const predA = Float64Array.from(yTrue, (y) => y + 5 * (rand() - 0.5));
  const predB = Float64Array.from(yTrue, (y) => y + 8 * (rand() - 0.5));
  const rows: Row[] = [
    time('single-label bootstrap', n, k, 1000, reps, (seed) => void bootstrapClassification({ nClasses: k, labels, probs: probsA }, { resamples: 1000, seed })),
    time('single-label bootstrap', n, k, 2000, reps, (seed) => void bootstrapClassification({ nClasses: k, labels, probs: probsA }, { resamples: 2000, seed })),
    time('single-label paired diff', n, k, 2000, reps, (seed) => void pairedClassificationDiff({ nClasses: k, labels }, probsA, probsB, { resamples: 2000, seed })),
    time('multi-label bootstrap', n, k, 2000, reps, (seed) => void bootstrapClassification({ nClasses: k, multiHot, probs: probsA }, { resamples: 2000, seed })),
    time('regression bootstrap', n, 0, 2000, reps, (seed) => void bootstrapRegression(yTrue, predA, { resamples: 2000, seed })),
    time('regression paired diff', n, 0, 2000, reps, (seed) => void pairedRegressionDiff(yTrue, predA, predB, { resamples: 2000, seed })),
  ];
  printTable(rows as unknown as Record<string, unknown>[]);
  return rows;
}
