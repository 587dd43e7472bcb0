/**
 * Which GPU backends are worth timing, and 'auto''s measurement: one small training step on each candidate
 * (wasm always; webgl and webgpu only on a hardware GPU), the fastest kept. The host hands in what it can probe
 * (a WebGL2 context, `navigator.gpu`) as small structural values, so this module touches no browser global.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { useUnsharedWasmHeap, type BackendEnv } from './backend';
import type { BackendReport } from './backendReport';
import { pickFastestBackend, type PickOptions, type PickResult } from './kernels';
import { buildModel } from './models';

/** The part of a WebGL2 context the probe reads. */
export interface GlContext {
  readonly RENDERER: number;
  getExtension(name: string): unknown;
  getParameter(p: number): unknown;
}

/** The part of a WebGPU adapter the probe reads. */
export interface GpuAdapterInfo {
  isFallbackAdapter?: boolean;
  info?: { vendor?: string; architecture?: string; description?: string };
}

export interface ProbeHost {
  /** Opens a WebGL2 context on a 1×1 canvas (null: no context); absent when the host has no OffscreenCanvas. */
  webgl2?: () => GlContext | null;
  /** `navigator` (or the part with `gpu`). */
  navigator?: { gpu?: { requestAdapter(): Promise<GpuAdapterInfo | null> } };
  /** Registers the webgpu backend (a dynamic import of @tensorflow/tfjs-backend-webgpu). */
  loadWebGpu?: () => Promise<unknown>;
}

const SOFTWARE = /swiftshader|llvmpipe|software/i;
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** null when WebGL2 looks usable by a real GPU, else why not (no canvas, no context, software renderer). */
export function webglProblem(open: ProbeHost['webgl2']): string | null {
  if (!open) return 'no OffscreenCanvas in this worker';
  try {
    const ctx = open();
    if (!ctx) return 'no WebGL2 context';
    const ext = ctx.getExtension('WEBGL_debug_renderer_info');
    const unmasked = ext && typeof ext === 'object' && 'UNMASKED_RENDERER_WEBGL' in ext ? Number(ext.UNMASKED_RENDERER_WEBGL) : undefined;
    const renderer = String(ctx.getParameter(unmasked ?? ctx.RENDERER));
    const lose = ctx.getExtension('WEBGL_lose_context');
    if (lose && typeof lose === 'object' && 'loseContext' in lose && typeof lose.loseContext === 'function') lose.loseContext();
    return SOFTWARE.test(renderer) ? `software renderer: ${renderer}` : null;
  } catch (e) {
    return messageOf(e);
  }
}

/** null when a hardware WebGPU adapter is available, else why not. */
export async function webgpuProblem(nav: ProbeHost['navigator']): Promise<string | null> {
  const gpu = nav?.gpu;
  if (!gpu) return 'navigator.gpu is not available';
  try {
    const a = await gpu.requestAdapter();
    if (!a) return 'no WebGPU adapter';
    const desc = `${a.info?.vendor ?? ''} ${a.info?.architecture ?? ''} ${a.info?.description ?? ''}`.trim();
    if (a.isFallbackAdapter || SOFTWARE.test(desc)) return `software adapter${desc ? `: ${desc}` : ''}`;
    return null;
  } catch (e) {
    return messageOf(e);
  }
}

/** How 'auto' was resolved, for the badge: "wasm: 12 ms/step vs webgpu 240 ms/step; webgl unavailable (…)". */
export function describePick(pick: PickResult): string {
  const ok = pick.timings.filter((t) => t.msPerStep !== undefined).sort((a, b) => a.msPerStep! - b.msPerStep!);
  const bad = pick.timings.filter((t) => t.msPerStep === undefined);
  const ms = (v: number) => `${v < 10 ? v.toFixed(1) : Math.round(v)} ms/step`;
  const head = ok.length ? `${ok[0].backend}: ${ms(ok[0].msPerStep!)}${ok.length > 1 ? ` vs ${ok.slice(1).map((t) => `${t.backend} ${ms(t.msPerStep!)}`).join(', ')}` : ''}` : '';
  return [head, ...bad.map((t) => `${t.backend} unavailable (${t.error})`)].filter(Boolean).join('; ');
}

/**
 * The backends to time, and why the others are not: a software GPU (SwiftShader in headless Chromium, no GPU
 * driver) takes seconds just to compile the step's shaders and is always slower than wasm, so it is skipped.
 */
export async function backendCandidates(host: ProbeHost): Promise<{ candidates: string[]; skipped: string[] }> {
  const candidates = ['wasm'];
  const skipped: string[] = [];
  const gl = webglProblem(host.webgl2);
  if (gl === null) candidates.push('webgl');
  else skipped.push(`webgl skipped (${gl})`);
  const gpu = await webgpuProblem(host.navigator);
  if (gpu !== null) skipped.push(`webgpu skipped (${gpu})`);
  else if (!host.loadWebGpu) skipped.push('webgpu unavailable (no webgpu backend in this host)');
  else {
    try {
      await host.loadWebGpu();
      candidates.push('webgpu');
    } catch (e) {
      skipped.push(`webgpu unavailable (${messageOf(e)})`);
    }
  }
  return { candidates, skipped };
}

/** One small training step (tiny CNN, batch 8 × 1000 samples, Adam) on the active backend; reads the loss back. */
export async function trainingStep(): Promise<void> {
  const model = buildModel({ kind: 'tiny-cnn', nSamples: 1000, nLeads: 1, nOut: 5, seed: 1 });
  const opt = tf.train.adam(1e-3);
  const x = tf.randomNormal([8, 1000, 1], 0, 1, 'float32', 1);
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d([0, 1, 2, 3, 4, 0, 1, 2], 'int32'), 5));
  try {
    const loss = tf.tidy(() => opt.minimize(() => tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar, true) as tf.Scalar);
    await loss.data();
    loss.dispose();
  } finally {
    x.dispose();
    y.dispose();
    opt.dispose();
    model.dispose();
  }
}

export interface MeasureOptions {
  env?: BackendEnv;
  /** The step timed on each backend (default: trainingStep). */
  step?: () => Promise<void>;
  pick?: (candidates: string[], step: () => Promise<void>, opts: PickOptions) => Promise<PickResult>;
}

/** 'auto': times one training step on each worthwhile backend and leaves the fastest active. */
export async function measureBackends(host: ProbeHost, opts: MeasureOptions = {}): Promise<BackendReport> {
  const wasmPaths = opts.env?.wasmPaths;
  if (wasmPaths !== undefined) setWasmPaths(wasmPaths);
  useUnsharedWasmHeap();
  const { candidates, skipped } = await backendCandidates(host);
  const pick = await (opts.pick ?? pickFastestBackend)(candidates, opts.step ?? trainingStep, { reps: 2, maxWarmupMs: 3000 });
  return { backend: pick.backend, requested: 'auto', measured: [describePick(pick), ...skipped].join('; ') };
}
