/** OnnxMeta of a trained stage model from the experiment spec and the run's results. */
import type { ExperimentSpec, RunResults } from '../../experiment';
import type { OnnxMeta } from './meta';

/**
 * Leads, rate and length as the run fed them, the spec's scaling, the stage's task. Regression target statistics
 * (mean/std of the standardisation) are not in the results: pass them as `stats` when the host has them.
 */
export function onnxMetaForStage(
  spec: Pick<ExperimentSpec, 'name' | 'stages' | 'preprocessing' | 'model'>,
  results: Pick<RunResults, 'leads' | 'sources'>,
  stage: string,
  stats?: { mean: number[]; std: number[] },
): OnnxMeta {
  const st = spec.stages.find((s) => s.name === stage);
  if (!st) throw new Error(`no stage "${stage}" in experiment "${spec.name}"`);
  if (st.kind === 'evaluate') throw new Error(`stage "${stage}" evaluates "${st.from}" and trains no model`);
  const src = results.sources[st.source];
  if (!src) throw new Error(`the results have no source "${st.source}" (stage "${stage}")`);
  return {
    leads: [...results.leads],
    fs: src.fs,
    nSamples: src.nSamples,
    scaling: spec.preprocessing.scaling,
    task: st.kind === 'pretrain' ? { kind: 'regression', targets: [...st.targets], ...(stats ? { mean: stats.mean, std: stats.std } : {}) } : { kind: st.task.kind, classes: [...st.task.classes] },
    modelKind: spec.model.kind,
    stage,
    extra: { experiment: spec.name, source: src.name, source_fingerprint: src.fingerprint, source_kind: src.kind },
  };
}
