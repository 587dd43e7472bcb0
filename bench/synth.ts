/**
 * Synthesis throughput, one core: 10-s records per second for 1-lead 100 Hz, 1-lead 500 Hz, 12-lead 500 Hz
 * (default normal preset with default noise, a new seed per record), plus dataset generation into one array.
 * Options: --seconds S (time per case, default 1.5).
 */
import { printTable } from './table';
import { DEFAULT_NOISE, presetParams, synthesize, type LabelRule, type LeadLayout, type SamplingRate } from '../src/core/signal';
import { defaultSyntheticSpec, generateSyntheticDataset } from '../src/core/data/synthDataset';

interface Row {
  case: string;
  records: number;
  seconds: number;
  records_per_s: number;
  /** Records per CPU-second of this process (user + system): less sensitive to other jobs on a shared machine. */
  cpu_records_per_s: number | null;
  msamples_per_s: number;
  goal_records_per_s: number | null;
  meets_goal: boolean | null;
}

function timeCase(name: string, fs: SamplingRate, leads: LeadLayout, budgetS: number, goal: number | null, rule: LabelRule = 'support'): Row {
  const params = presetParams('normal');
  const run = (seed: number) => synthesize(params, { fs, seconds: 10, leads, seed, noise: DEFAULT_NOISE }, rule);
  for (let i = 0; i < 200; i++) run(i); // warm-up (JIT)
  let count = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let elapsed = 0;
  while (elapsed < budgetS * 1000) {
    for (let i = 0; i < 50; i++) run(1000 + count++);
    elapsed = performance.now() - t0;
  }
  const rps = count / (elapsed / 1000);
  const cpu = process.cpuUsage(c0);
  const samples = fs * 10 * (leads === '12' ? 12 : 1);
  return {
    case: name,
    records: count,
    seconds: elapsed / 1000,
    records_per_s: Math.round(rps),
    cpu_records_per_s: Math.round(count / ((cpu.user + cpu.system) / 1e6)),
    msamples_per_s: (rps * samples) / 1e6,
    goal_records_per_s: goal,
    meets_goal: goal === null ? null : rps >= goal,
  };
}

function timeDataset(): Row {
  const spec = { ...defaultSyntheticSpec(), n: 2000 };
  generateSyntheticDataset({ ...spec, n: 100 });
  const t0 = performance.now();
  generateSyntheticDataset(spec);
  const s = (performance.now() - t0) / 1000;
  return {
    case: 'dataset 12-lead 100 Hz (default spec)',
    records: spec.n,
    seconds: s,
    records_per_s: Math.round(spec.n / s),
    cpu_records_per_s: null,
    msamples_per_s: (spec.n * 12 * 1000) / s / 1e6,
    goal_records_per_s: null,
    meets_goal: null,
  };
}

export async function runBench(args: string[]): Promise<Row[]> {
  const i = args.indexOf('--seconds');
  const budget = i >= 0 ? Number(args[i + 1]) : 1.5;
  const rows = [
    timeCase('1-lead 100 Hz 10 s', 100, '1', budget, 10000),
    timeCase('1-lead 500 Hz 10 s', 500, '1', budget, null),
    timeCase('12-lead 500 Hz 10 s', 500, '12', budget, 500),
    timeCase('1-lead 100 Hz 10 s, annotated-lead labels', 100, '1', budget, null, 'annotated-lead'),
    timeCase('12-lead 500 Hz 10 s, annotated-lead labels', 500, '12', budget, null, 'annotated-lead'),
    timeCase('12-lead 500 Hz 10 s, annotated-global labels', 500, '12', budget, null, 'annotated-global'),
    timeDataset(),
  ];
  printTable(rows as unknown as Record<string, unknown>[]);
  return rows;
}
