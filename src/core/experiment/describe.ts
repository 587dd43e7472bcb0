/**
 * Before a run: each training stage's model summary (layers, params, FLOPs/sample), the model input geometry,
 * and the estimated seconds per epoch on a backend — without generating or loading any data.
 */
import type { EcgDataset } from '../data/dataset';
import { buildModel } from '../ml/models';
import { estimateEpochSeconds, summarizeModel, TYPICAL_GFLOPS, type ModelSummary } from '../ml/summary';
import { DEFAULT_SPLIT, stageModelKind, stageTraining, type ExperimentSpec } from './spec';

export interface StagePlan {
  stage: string;
  kind: string;
  nOut: number;
  /** The architecture the stage trains (its own `model`, its `from` stage's, or the spec's). */
  model: string;
  summary: ModelSummary;
  /** Records of the source (synthetic: spec.n; imported: the dataset's n when supplied). */
  sourceRecords: number | null;
  estTrainRecords: number | null;
  epochs: number;
  estSecondsPerEpoch: number | null;
}

export interface ExperimentPlan {
  leads: string[];
  fs: number;
  nSamples: number;
  stages: StagePlan[];
  estTotalSeconds: number | null;
}

const SYNTH_LEADS: Record<string, string[]> = {
  '1': ['II'],
  '12': ['I', 'II', 'III', 'aVR', 'aVL', 'aVF', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6'],
};

export function describeExperiment(spec: ExperimentSpec, datasets: Record<string, EcgDataset> = {}, backend = 'wasm', gflops?: number): ExperimentPlan {
  const geom = (key: string) => {
    const src = spec.sources[key];
    if (src.kind === 'synthetic') {
      const fs = Number(src.spec.fs ?? 100);
      return { fs, nSamples: Math.round(fs * Number(src.spec.seconds ?? 10)), leads: SYNTH_LEADS[String(src.spec.leads ?? '12')] ?? SYNTH_LEADS['12'], n: Number(src.spec.n) };
    }
    const d = datasets[key];
    return { fs: d?.fs ?? 100, nSamples: d?.nSamples ?? 1000, leads: d?.leadNames ?? SYNTH_LEADS['12'], n: d?.n ?? NaN };
  };
  const g0 = geom(spec.stages[0].source);
  const leads = spec.preprocessing.leads ?? g0.leads;
  const rate = gflops ?? TYPICAL_GFLOPS[backend] ?? 1;
  const stages: StagePlan[] = [];
  for (const st of spec.stages) {
    if (st.kind === 'evaluate') continue;
    const nOut = st.kind === 'pretrain' ? st.targets.length : st.task.classes.length;
    const m = buildModel({ kind: stageModelKind(spec, st), nLeads: leads.length, nSamples: g0.nSamples, nOut, seed: 1 });
    const summary = summarizeModel(m);
    m.dispose();
    const src = spec.sources[st.source];
    const n = geom(st.source).n;
    const split = src.split ?? DEFAULT_SPLIT;
    const nTrain = Number.isFinite(n) ? Math.round(n * (1 - split.val - split.test)) : null;
    const hp = stageTraining(spec, st);
    stages.push({
      stage: st.name,
      kind: st.kind,
      nOut,
      model: stageModelKind(spec, st),
      summary,
      sourceRecords: Number.isFinite(n) ? n : null,
      estTrainRecords: nTrain,
      epochs: hp.epochs,
      estSecondsPerEpoch: nTrain === null ? null : estimateEpochSeconds(summary.flopsPerSample, nTrain, rate, Math.round(n * split.val)),
    });
  }
  const known = stages.every((s) => s.estSecondsPerEpoch !== null);
  return {
    leads,
    fs: g0.fs,
    nSamples: g0.nSamples,
    stages,
    estTotalSeconds: known ? stages.reduce((a, s) => a + s.estSecondsPerEpoch! * s.epochs, 0) : null,
  };
}
