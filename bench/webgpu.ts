/**
 * WebGPU kernel profile: `npm run bench -- webgpu [--models inception1d,resnet1d] [--batch 4] [--samples 500] [--reps 3]`.
 * One Adam training step per model in headless Chromium (bench/browser/webgpuPage.ts), per-kernel GPU time from
 * tf.profile (timestamp queries), once with tfjs-webgpu's stock convolution and once with ours
 * (src/core/ml/kernels/webgpu), alternating, `--reps` times each (medians). Rows: model, kernel, calls, stock ms, ours ms, ours/stock. Without a GPU this is
 * Chromium's software adapter (SwiftShader, on the CPU): the ratios say which kernels dominate there and how
 * ours compares in the same run, not how fast a GPU is.
 */
import { printTable } from './table';
import { openWebGpuPage } from './browser/webgpuHost';
import type { ProfileReply } from './browser/webgpuProtocol';

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
}

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

export async function runBench(args: string[]): Promise<WebGpuProfileRow[]> {
  const models = (flag(args, 'models') ?? 'inception1d,resnet1d').split(',');
  const batch = Number(flag(args, 'batch') ?? 4);
  const samples = Number(flag(args, 'samples') ?? 500);
  const reps = Number(flag(args, 'reps') ?? 3);
  const page = await openWebGpuPage();
  if (!page) {
    console.log('no Chromium: nothing measured');
    return [];
  }
  const rows: WebGpuProfileRow[] = [];
  try {
    for (const m of models) {
      console.log(`profiling one training step of ${m} (${batch} × ${samples} × 8) on webgpu, stock vs ours, ${reps} times each …`);
      const r = await page.call<ProfileReply>('profile', m, batch, samples, reps);
      const ours = new Map(r.ours.rows.map((k) => [k.kernel, k]));
      const names = [...new Set([...r.stock.rows.map((k) => k.kernel), ...r.ours.rows.map((k) => k.kernel)])];
      for (const name of names) {
        const s = r.stock.rows.find((k) => k.kernel === name);
        const o = ours.get(name);
        rows.push({ model: m, input: `8x${samples}`, reps, kernel: name, calls: s?.calls ?? o?.calls ?? 0, stock_ms: s?.ms ?? 0, ours_ms: o?.ms ?? 0, ratio: s && s.ms > 0 ? (o?.ms ?? 0) / s.ms : NaN, stock_pct: (100 * (s?.ms ?? 0)) / r.stock.totalMs });
      }
      rows.push({ model: m, input: `8x${samples}`, reps, kernel: '(all kernels)', calls: 0, stock_ms: r.stock.totalMs, ours_ms: r.ours.totalMs, ratio: r.ours.totalMs / r.stock.totalMs, stock_pct: 100 });
      rows.push({ model: m, input: `8x${samples}`, reps, kernel: '(step wall time)', calls: 0, stock_ms: r.stock.wallMs, ours_ms: r.ours.wallMs, ratio: r.ours.wallMs / r.stock.wallMs, stock_pct: NaN });
    }
  } finally {
    await page.close();
  }
  const top = rows.filter((r) => r.kernel.startsWith('(') || r.stock_pct >= 1 || r.ours_ms >= 0.01 * (rows.find((x) => x.model === r.model && x.kernel === '(all kernels)')?.ours_ms ?? 0));
  printTable(top as unknown as Record<string, unknown>[]);
  console.log('software adapter (SwiftShader on the CPU) where there is no GPU: ratios within one run, not GPU speed');
  return rows;
}
