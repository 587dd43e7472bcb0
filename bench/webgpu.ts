/**
 * WebGPU kernel profile: `npm run bench -- webgpu [--models inception1d,resnet1d] [--batch 4] [--samples 500] [--reps 3]`.
 * One Adam training step per model in headless Chromium (bench/browser/webgpuPage.ts), per-kernel GPU time from
 * tf.profile (timestamp queries), once with tfjs-webgpu's stock kernels and once with ours
 * (src/core/ml/kernels/webgpu: the 1-D conv forward, filter gradient and input gradient), alternating, `--reps`
 * times each (medians). Rows: model, kernel, calls, stock ms, ours ms, ours/stock, that ratio over the ratio of the
 * kernels that are the same in both variants (the drift between them), the 1-minute load average.
 * Without a GPU this is Chromium's software adapter (SwiftShader, on the CPU): the ratios say which kernels
 * dominate there and how ours compares in the same run, not how fast a GPU is.
 *
 * `npm run bench -- webgpu --parity`: instead, the parity checks of bench/browser/webgpu.test.ts (our kernels vs
 * tfjs cpu on the lab's shapes), one row per case and output with its largest absolute error.
 */
import { loadavg } from 'node:os';
import { webgpuKernelNames } from '../src/core/ml/kernels';
import { printTable } from './table';
import { openWebGpuPage, type WebGpuPage } from './browser/webgpuHost';
import { CONV_CASES, GRAD_CASES, GRAD_FALL_THROUGH } from './browser/webgpuCases';
import type { ConvParity, GradParity, ProfileReply } from './browser/webgpuProtocol';

export interface WebGpuProfileRow {
  model: string;
  input: string;
  kernel: string;
  calls: number;
  stock_ms: number;
  ours_ms: number;
  /** ours_ms / stock_ms (below 1: ours is faster). */
  ratio: number;
  /** Profiled steps per variant (medians over them). */
  reps: number;
  /** Share of the stock step's kernel time. */
  stock_pct: number;
  /** The machine's 1-minute load average when the model's profile started. */
  load1: number;
  /**
   * ratio divided by the '(unchanged kernels)' ratio: the stock-vs-ours change with the drift between the two
   * variants (load, clocks) taken out; for the unchanged kernels themselves it is 1 by construction.
   */
  vs_unchanged: number;
}

export interface WebGpuParityRow {
  kernel: string;
  shape: string;
  /** Our kernel's calls (0: the stock kernel ran, as it must for the 2-D fall-through case). */
  ours: number;
  n: number;
  max_abs_err: number;
  max_abs: number;
  /** max_abs_err / max(1, max_abs): the tests' bound is 1e-4. */
  rel_err: number;
}

async function parity(page: WebGpuPage): Promise<WebGpuParityRow[]> {
  const shape = (c: { batch: number; width: number; cin: number; cout: number; k: number; stride: number; pad: string; rows?: number }) =>
    `${c.batch}x${c.rows ?? 1}x${c.width}x${c.cin}→${c.cout} k${c.k} s${c.stride} ${c.pad}`;
  const row = (kernel: string, s: string, ours: number, n: number, err: number, max: number): WebGpuParityRow => ({ kernel, shape: s, ours, n, max_abs_err: err, max_abs: max, rel_err: err / Math.max(1, max) });
  const conv = await page.call<ConvParity[]>('convParity', CONV_CASES);
  const grad = await page.call<GradParity[]>('gradParity', [...GRAD_CASES, GRAD_FALL_THROUGH]);
  return [
    ...conv.map((r) => row(r.case.epilogue === 'none' ? 'Conv2D' : `FusedConv2D ${r.case.epilogue}`, shape(r.case), r.ourCalls, r.n, r.maxAbsErr, r.maxAbs)),
    ...grad.flatMap((r) => [
      row('Conv2DBackpropFilter', shape(r.case), r.filterCalls, r.dW.n, r.dW.maxAbsErr, r.dW.maxAbs),
      row('Conv2DBackpropInput', shape(r.case), r.inputCalls, r.dx.n, r.dx.maxAbsErr, r.dx.maxAbs),
    ]),
  ];
}

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

export async function runBench(args: string[]): Promise<WebGpuProfileRow[] | WebGpuParityRow[]> {
  const models = (flag(args, 'models') ?? 'inception1d,resnet1d').split(',');
  const batch = Number(flag(args, 'batch') ?? 4);
  const samples = Number(flag(args, 'samples') ?? 500);
  const reps = Number(flag(args, 'reps') ?? 3);
  const page = await openWebGpuPage();
  if (!page) {
    console.log('no Chromium: nothing measured');
    return [];
  }
  if (args.includes('--parity')) {
    try {
      const rows = await parity(page);
      printTable(rows.map((r) => ({ ...r, max_abs_err: r.max_abs_err.toExponential(1), rel_err: r.rel_err.toExponential(1) })));
      console.log('software adapter (SwiftShader on the CPU) where there is no GPU');
      return rows;
    } finally {
      await page.close();
    }
  }
  const rows: WebGpuProfileRow[] = [];
  try {
    for (const m of models) {
      const load1 = loadavg()[0];
      console.log(`profiling one training step of ${m} (${batch} × ${samples} × 8) on webgpu, stock vs ours, ${reps} times each (load average ${load1.toFixed(1)}) …`);
      const r = await page.call<ProfileReply>('profile', m, batch, samples, reps);
      const ours = new Map(r.ours.rows.map((k) => [k.kernel, k]));
      const names = [...new Set([...r.stock.rows.map((k) => k.kernel), ...r.ours.rows.map((k) => k.kernel)])];
      const mine = new Set(webgpuKernelNames);
      const same = names.filter((n) => !mine.has(n));
      const sum = (rs: { kernel: string; ms: number }[]) => rs.filter((k) => same.includes(k.kernel)).reduce((a, k) => a + k.ms, 0);
      const drift = sum(r.ours.rows) / sum(r.stock.rows);
      const base = { model: m, input: `${batch}x${samples}`, reps, load1 };
      for (const name of names) {
        const s = r.stock.rows.find((k) => k.kernel === name);
        const o = ours.get(name);
        const ratio = s && s.ms > 0 ? (o?.ms ?? 0) / s.ms : NaN;
        rows.push({ ...base, kernel: name, calls: s?.calls ?? o?.calls ?? 0, stock_ms: s?.ms ?? 0, ours_ms: o?.ms ?? 0, ratio, stock_pct: (100 * (s?.ms ?? 0)) / r.stock.totalMs, vs_unchanged: ratio / drift });
      }
      rows.push({ ...base, kernel: '(unchanged kernels)', calls: 0, stock_ms: sum(r.stock.rows), ours_ms: sum(r.ours.rows), ratio: drift, stock_pct: (100 * sum(r.stock.rows)) / r.stock.totalMs, vs_unchanged: 1 });
      rows.push({ ...base, kernel: '(all kernels)', calls: 0, stock_ms: r.stock.totalMs, ours_ms: r.ours.totalMs, ratio: r.ours.totalMs / r.stock.totalMs, stock_pct: 100, vs_unchanged: r.ours.totalMs / r.stock.totalMs / drift });
      rows.push({ ...base, kernel: '(step wall time)', calls: 0, stock_ms: r.stock.wallMs, ours_ms: r.ours.wallMs, ratio: r.ours.wallMs / r.stock.wallMs, stock_pct: NaN, vs_unchanged: r.ours.wallMs / r.stock.wallMs / drift });
    }
  } finally {
    await page.close();
  }
  const top = rows.filter((r) => r.kernel.startsWith('(') || r.stock_pct >= 1 || r.ours_ms >= 0.01 * (rows.find((x) => x.model === r.model && x.kernel === '(all kernels)')?.ours_ms ?? 0));
  printTable(top as unknown as Record<string, unknown>[]);
  console.log(`software adapter (SwiftShader on the CPU) where there is no GPU: ratios within one run, not GPU speed; load average at the end ${loadavg()[0].toFixed(1)}`);
  return rows;
}
