import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { presetSpec } from '../src/core/experiment';
import { withoutTimings } from '../src/core/experiment/run/merge';
import { dataPath, hasEcgData } from '../src/test-support/ecgData';
import { chromiumPath, ensureBuild } from './chromiumHost';

const exec = promisify(execFile);
const root = resolve(__dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'cli-chromium-'));
const dist = join(dir, 'dist');
const hasChromium = (() => {
  try {
    return !!chromiumPath();
  } catch {
    return false;
  }
})();

/** `cli run` in its own process; node flags before the script. */
async function cli(nodeFlags: string[], ...args: string[]): Promise<{ res: Record<string, unknown>; stderr: string }> {
  const out = join(dir, `r-${Math.random().toString(36).slice(2)}.json`);
  const r = await exec(join(root, 'node_modules/.bin/tsx'), [...nodeFlags, join(root, 'cli/main.ts'), 'run', ...args, '--out', out], {
    cwd: root,
    env: { ...process.env, LAB_DIST: dist },
    maxBuffer: 1 << 24,
  });
  return { res: JSON.parse(readFileSync(out, 'utf8')), stderr: r.stderr };
}

function specFile(): string {
  const s = presetSpec('teaching-quick');
  for (const src of Object.values(s.sources)) if (src.kind === 'synthetic') src.spec.n = 30;
  s.training.epochs = 1;
  const p = join(dir, 'spec.json');
  writeFileSync(p, JSON.stringify(s));
  return p;
}

/**
 * Deep equality, numbers to 1e-12 relative: float64 JavaScript math (losses, probabilities through Math.exp and
 * Math.log) may differ in the last bit between Node's V8 and Chromium's; any difference in the float32 kernels
 * (≥ 1e-8 relative after training) still fails.
 */
function expectSame(a: unknown, b: unknown, path = ''): void {
  if (typeof a === 'number' && typeof b === 'number') {
    if (a !== b) expect(Math.abs(a - b), path).toBeLessThanOrEqual(1e-12 * Math.max(Math.abs(a), Math.abs(b)));
    return;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    expect(Object.keys(a).sort(), path).toEqual(Object.keys(b).sort());
    for (const k of Object.keys(a)) expectSame((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    return;
  }
  expect(a, path).toEqual(b);
}

const COMPUTED = ['stages', 'cells', 'predictions', 'comparison', 'paired', 'repeats', 'budgets', 'warnings', 'sources', 'leads', 'notes'] as const;
const computed = (r: Record<string, unknown>) => withoutTimings(Object.fromEntries(COMPUTED.map((k) => [k, r[k]])));

describe.skipIf(!hasChromium)('cli run --host chromium (the lab’s training worker in headless Chromium)', () => {
  beforeAll(() => {
    ensureBuild(() => {}, dist);
    expect(existsSync(join(dist, 'cli-host.html'))).toBe(true);
  });

  it('on wasm gives the results of cli run on Node’s wasm (both on relaxed SIMD): the kernels’ same bits, float64 JS math to 1e-12', async () => {
    const spec = specFile();
    // Chromium validates relaxed SIMD, so the kernels use its fused multiply-add; Node 20 needs the flag to match
    const [browser, node] = await Promise.all([cli([], spec, '--host', 'chromium', '--backend', 'wasm'), cli(['--experimental-wasm-relaxed-simd'], spec, '--backend', 'wasm')]);
    expect((browser.res.backend as { backend: string }).backend).toBe('wasm');
    expect((browser.res.cells as unknown[]).length).toBe(3);
    // Exact equality held for the older generator's data by luck: the losses' float64 Math.log / Math.exp may differ in
    // the last bit between the two V8s; every float32 kernel result still has to match (expectSame's 1e-12 bound).
    expectSame(computed(browser.res), computed(node.res));
    expect(browser.stderr).toMatch(/run in Chromium on wasm/);
    expect(browser.stderr).toMatch(/\[1\/3\] pretrain pretrain-hr: 5737 params; train 18 \/ val 6 \/ test 6; 1 epochs/);
    expect(browser.stderr).toMatch(/ {2}transfer-hr test \(n=8\): accuracy /);
  });

  it.skipIf(!hasEcgData)('reads --data in the page with the lab’s data worker: PTB-XL results equal Node’s (float64 JS math to 1e-12)', async () => {
    const args = ['--preset', 'paper-synthetic-to-real', '--data', dataPath('ptb-xl'), '--epochs', '1', '--n-synthetic', '24', '--model', 'tiny-cnn', '--quiet'];
    const [browser, node] = await Promise.all([cli([], ...args, '--host', 'chromium'), cli(['--experimental-wasm-relaxed-simd'], ...args)]);
    expect(browser.stderr).toMatch(/serving \d+ files for source "ptbxl"/);
    expect((browser.res.sources as Record<string, { fingerprint: string; n: number }>).ptbxl).toEqual((node.res.sources as Record<string, unknown>).ptbxl);
    expect((browser.res.cells as unknown[]).length).toBe(9);
    expectSame(computed(browser.res), computed(node.res));
  });

  it('on webgpu (the software adapter here) trains end to end and agrees with Node’s cpu within float tolerance', async (t) => {
    const spec = specFile();
    const gpu = await cli([], spec, '--host', 'chromium', '--backend', 'webgpu', '--quiet');
    const backend = gpu.res.backend as { backend: string; reason?: string };
    // only a Chromium without WebGPU at all skips; any other fallback (a lost device, a failed read) fails
    if (backend.backend !== 'webgpu' && /navigator\.gpu is not available|no WebGPU adapter/.test(backend.reason ?? '')) return t.skip(`no WebGPU adapter in this Chromium: ${backend.reason}`);
    expect(backend).toMatchObject({ backend: 'webgpu', requested: 'webgpu' });
    expect(backend.reason).toBeUndefined();
    const cpu = await cli([], spec, '--backend', 'cpu', '--quiet');
    type Cell = { cell: { id: string }; metrics: { val?: Record<string, unknown>; test?: Record<string, unknown> } };
    const cells = (r: Record<string, unknown>) => r.cells as Cell[];
    expect(cells(gpu.res).map((c) => c.cell.id)).toEqual(cells(cpu.res).map((c) => c.cell.id));
    cells(gpu.res).forEach((c, i) => {
      const ref = cells(cpu.res)[i];
      for (const split of ['val', 'test'] as const) {
        for (const [k, v] of Object.entries(ref.metrics[split] ?? {})) {
          if (typeof v !== 'number' || !(k === 'loss' || k.startsWith('mae_'))) continue;
          expect(Math.abs((c.metrics[split]![k] as number) - v), `${c.cell.id} ${split} ${k}`).toBeLessThan(1e-3 * Math.max(1, Math.abs(v)));
        }
      }
    });
    const probs = (r: Record<string, unknown>) => (r.predictions as { probs: number[][] }[]).flatMap((p) => p.probs.flat());
    const a = probs(gpu.res);
    const b = probs(cpu.res);
    expect(a.length).toBe(b.length);
    expect(Math.max(...a.map((x, i) => Math.abs(x - b[i])))).toBeLessThan(1e-3);
  }, 600_000); // SwiftShader compiles every shader on the CPU: minutes on a loaded 2-core machine
});

describe('cli run --host: arguments', () => {
  it('rejects a browser backend on node, a node backend in chromium, and Node-only flags in chromium, before any run', async () => {
    const { command } = await import('./commands/run');
    const run = (...a: string[]) => command.run(['--preset', 'teaching-quick', '--out', join(dir, 'x.json'), ...a]);
    await expect(run('--backend', 'webgpu')).rejects.toThrow('--backend must be wasm or cpu, got "webgpu" (webgl and webgpu need --host chromium)');
    await expect(run('--host', 'chromium', '--backend', 'cpu')).rejects.toThrow('--backend with --host chromium must be wasm, webgl or webgpu, got "cpu"');
    await expect(run('--host', 'chromium', '--shard', '0/2')).rejects.toThrow('--shard is not available with --host chromium');
    await expect(run('--host', 'firefox')).rejects.toThrow('--host must be node or chromium, got "firefox"');
  });
});
