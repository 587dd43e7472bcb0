/**
 * Training worker: the page's only door to the engine (spec validation, share-link codec, presets, model
 * summaries, runs), so tfjs never enters the page bundle. Bridges train.protocol.ts to the engine's training
 * session (src/core/experiment/trainingSession.ts) and backend session (src/core/ml/backendSession.ts); what only
 * a worker can do stays here: the kernel helper threads, OffscreenCanvas, navigator.gpu, transfers.
 */
import * as Comlink from 'comlink';
import * as tf from '@tensorflow/tfjs';
import { decodeSpec, encodeSpec, parseSpec } from '../src/core/experiment';
import { buildCatalog, validation } from '../src/core/experiment/catalog';
import { createTrainingSession } from '../src/core/experiment/trainingSession';
import { withoutSamples } from '../src/core/data/sharedSamples';
import { initBackend } from '../src/core/ml/backend';
import { measureBackends } from '../src/core/ml/backendProbe';
import { createBackendSession } from '../src/core/ml/backendSession';
import { explainRequest } from '../src/core/ml/explain/record';
import { wasmPaths } from '../src/core/ml/wasmPaths.browser';
import { startBrowserKernelThreads } from './kernelThreads';
import { browserModelCache } from './modelCacheIdb';
import { onnxFromModelFile } from './onnxExport';
import type { TrainWorkerApi } from './train.protocol';

const env = { wasmPaths, navigator };

const backends = createBackendSession({
  startThreads: () => startBrowserKernelThreads(),
  measureAuto: () =>
    measureBackends(
      {
        webgl2: typeof OffscreenCanvas === 'undefined' ? undefined : () => new OffscreenCanvas(1, 1).getContext('webgl2'),
        navigator,
        loadWebGpu: () => import('@tensorflow/tfjs-backend-webgpu'),
      },
      { env },
    ),
  init: (pref) => initBackend(pref, env),
  active: () => tf.getBackend(),
});

const cache = browserModelCache();

const session = createTrainingSession({
  cache,
  backend: (pref) => backends.ensure(pref),
  schedule: (fn, ms) => {
    const t = setTimeout(fn, ms);
    return () => clearTimeout(t);
  },
});

const api: TrainWorkerApi = {
  catalog: buildCatalog,
  validate: (spec) => validation(() => parseSpec(spec)),
  encode(spec) {
    const v = validation(() => parseSpec(spec));
    return v.ok ? { ok: true, encoded: encodeSpec(v.spec) } : v;
  },
  decode: (encoded) => validation(() => decodeSpec(encoded)),
  init: (pref) => backends.ensure(pref),
  describe: (spec, datasets) => session.describe(spec, datasets.map((d) => withoutSamples(d))),
  plan: async (spec, datasets, finished) => session.plan(spec, datasets.map((d) => withoutSamples(d)), await cache.keys(), finished),
  run: (spec, datasets, onEvents, extras, onCell) => session.run(spec, datasets, onEvents, extras, onCell),
  pause: () => session.pause(),
  resume: () => session.resume(),
  cancel: () => session.cancel(),
  modelStages: () => session.modelStages(),
  async exportModel(stage) {
    const file = await session.exportModel(stage);
    return file ? Comlink.transfer(file, [file.weightData]) : null;
  },
  async exportOnnx(req) {
    const file = req.model ?? (await session.exportModel(req.stage));
    if (!file) return { ok: false, error: `no trained model of stage "${req.stage}" in this run` };
    const out = await onnxFromModelFile(file, req.spec, req.results, req.stage);
    return out.ok ? Comlink.transfer(out, [out.bytes.buffer]) : out;
  },
  releaseModels: () => session.releaseModels(),
  memory: () => session.memory(),
  summarize: (stage) => session.summarize(stage),
  async explain(req, pref) {
    await backends.ensure(pref);
    const out = await explainRequest(req);
    return out.ok ? Comlink.transfer(out, [out.explanation.strip.buffer, out.explanation.perLead.buffer] as ArrayBuffer[]) : out;
  },
};

Comlink.expose(api);
