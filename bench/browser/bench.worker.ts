/**
 * Runs in a real Chromium Web Worker: the issue-7 reference model trained on each requested tfjs backend
 * (wasm stock + the missing backprop-filter kernel, wasm with all our kernels, webgl, webgpu), timed like bench/train.ts but with a read-back at the end of each
 * timed run so asynchronous GPU backends are measured to completion.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { wasmPaths } from '../../src/core/ml/wasmPaths.browser';
import { fusedAdam, pickFastestBackend, registerWasmKernels, registerWebGpuKernels } from '../../src/core/ml/kernels';
import { stopKernelThreads } from '../../src/core/ml/kernels/threads';
import { useUnsharedWasmHeap } from '../../src/core/ml/backend';
import { foldedPredictorAsync } from '../../src/core/ml/infer';
import { startBrowserKernelThreads } from '../../workers/kernelThreads';
import { buildModel, MODEL_KINDS, type ModelKind } from '../../src/core/ml/models';
import { buildReferenceModel, makeBatch, trainStep } from './referenceModel';

/** The model under test, its input leads and length (zoo models: `samples`, default 1000; ref: 1000). */
function benchModel(name: string, samples = 1000): { model: tf.LayersModel; leads: number; label: string; samples: number } {
  if (name === 'ref') return { model: buildReferenceModel(), leads: 1, label: 'ref-4xconv32', samples: 1000 };
  if (!(MODEL_KINDS as readonly string[]).includes(name)) throw new Error(`unknown model ${name}`);
  const leads = name === 'tiny-cnn' ? 1 : 8;
  return { model: buildModel({ kind: name as ModelKind, nSamples: samples, nLeads: leads, nOut: 5, seed: 1 }), leads, label: name, samples };
}
import type { BenchReply, BenchRequest, BrowserRow } from './protocol';

const log: string[] = [];
function say(s: string): void {
  log.push(s);
  postMessage({ log: s });
}

async function timeIt(seconds: number, minReps: number, fn: () => void, sync: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  let reps = 0;
  while (reps < minReps || performance.now() - t0 < seconds * 1000) {
    fn();
    reps++;
    if (reps % 4 === 0) await sync(); // keep GPU queues from growing without bound
  }
  await sync();
  return (performance.now() - t0) / reps;
}

async function measure(backend: string, req: BenchRequest, threads = 1, modelName = 'ref'): Promise<BrowserRow> {
  const name = backend === 'wasm+kernels' ? 'wasm' : backend;
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(`tf.setBackend('${name}') failed`);
  await tf.ready();
  stopKernelThreads();
  if (threads > 1) {
    const info = await startBrowserKernelThreads(threads);
    if (info.threads !== threads) throw new Error(`kernel threads: ${info.threads} of ${threads} (${info.reason})`);
  }
  // 'wasm': stock tfjs-wasm + only the Conv2DBackpropFilter it lacks (baseline); 'wasm+kernels': all of ours
  if (name === 'wasm') registerWasmKernels({ set: backend === 'wasm' ? 'required' : 'all' });
  if (name === 'webgpu') registerWebGpuKernels(); // as the lab's initBackend does (kernels/webgpu)
  const { model, leads, label, samples } = benchModel(modelName, req.samples);
  // wasm+kernels trains as the lab does (fusedAdam: one kernel per variable); the stock baseline with tf.train.adam
  const opt = backend === 'wasm+kernels' ? fusedAdam(1e-3) : tf.train.adam(1e-3);
  const { x, y } = makeBatch(samples, leads, 5, req.batch);
  const sync = () => model.getWeights()[0].data();
  try {
    trainStep(model, opt, x, y); // warm-up (shader compilation, kernel set-up)
    await sync();
    const msStep = await timeIt(req.seconds, 2, () => trainStep(model, opt, x, y), sync);
    let out: tf.Tensor | null = null;
    const folded = await foldedPredictorAsync(model); // as the lab evaluates (src/core/ml/infer.ts): no synchronous GPU read
    const msInfer = await timeIt(req.seconds / 2, 2, () => {
      out?.dispose();
      out = folded.predict(x);
    }, async () => (out ? out.data() : null));
    (out as tf.Tensor | null)?.dispose();
    folded.dispose();
    return { model: label, input: `${leads}x${samples}`, backend, threads, train_samples_per_s: (req.batch * 1000) / msStep, infer_samples_per_s: (req.batch * 1000) / msInfer, ms_per_step: msStep };
  } finally {
    tf.dispose([x, y]);
    opt.dispose();
    model.dispose();
    stopKernelThreads();
  }
}

/** The start-up choice as the lab would make it: one small step (batch 8 of 1 × 1000) per backend. */
async function pick(backends: string[]): Promise<BenchReply['pick']> {
  const names = [...new Set(backends.map((b) => (b === 'wasm+kernels' ? 'wasm' : b)))];
  return pickFastestBackend(names, async () => {
    const model = buildReferenceModel();
    const opt = tf.train.adam(1e-3);
    const { x, y } = makeBatch(1000, 1, 5, 8);
    trainStep(model, opt, x, y);
    await model.getWeights()[0].data();
    tf.dispose([x, y]);
    opt.dispose();
    model.dispose();
  });
}

onmessage = async (e: MessageEvent<BenchRequest>) => {
  const req = e.data;
  try {
    setWasmPaths(wasmPaths as unknown as string);
    useUnsharedWasmHeap(); // the page is cross-origin isolated: keep tfjs-wasm's single-threaded build (see backend.ts)
    tf.env().set('PROD', true);
    const rows: BrowserRow[] = [];
    for (const m of req.models ?? ['ref']) {
      for (const b of req.backends) {
        for (const t of b === 'wasm+kernels' ? (req.threads ?? [1]) : [1]) {
          say(`measuring ${m} on ${b}${t > 1 ? ` with ${t} kernel threads` : ''} …`);
          try {
            rows.push(await measure(b, req, t, m));
            say(`  ${JSON.stringify(rows[rows.length - 1])}`);
          } catch (err) {
            rows.push({ model: m, input: '', backend: b, threads: t, error: err instanceof Error ? err.message : String(err) });
            say(`  ${m} ${b} failed: ${rows[rows.length - 1].error}`);
          }
        }
      }
    }
    const reply: BenchReply = { rows, userAgent: navigator.userAgent, crossOriginIsolated: self.crossOriginIsolated, log };
    if (req.pick) reply.pick = await pick(req.backends);
    postMessage({ reply });
  } catch (err) {
    postMessage({ error: err instanceof Error ? `${err.message}\n${err.stack}` : String(err) });
  }
};
