/**
 * The designer's "Use for pretraining": its dataset spec (parameter distributions, mix, size, format) becomes the
 * synthetic source the experiment's pretraining stages train on. A synthetic pretraining source is replaced in
 * place (keeping its split); an imported one is left for the other stages and the pretraining stages move to a
 * new synthetic source. The result is an ordinary spec edit, so it travels in the share link.
 */
import type { ExperimentSpec } from '../../core/experiment/contract';
import type { SyntheticDatasetSpec } from '../../core/data/synthDataset';

export type PretrainEdit = { ok: true; spec: ExperimentSpec; source: string; replaced: boolean } | { ok: false; error: string };

const NEW_SPLIT = { method: 'random' as const, val: 0.1, test: 0.1 };

export function pretrainingFromDesigner(spec: ExperimentSpec, synth: SyntheticDatasetSpec): PretrainEdit {
  const pretrains = spec.stages.filter((s) => s.kind === 'pretrain');
  if (pretrains.length === 0) return { ok: false, error: `The experiment “${spec.name}” has no pretraining stage to train on this dataset.` };
  const key = pretrains[0].source;
  const src = spec.sources[key];
  const data = structuredClone(synth) as unknown as Record<string, unknown>;
  if (src?.kind === 'synthetic') {
    return { ok: true, spec: { ...spec, sources: { ...spec.sources, [key]: { ...src, spec: data } } }, source: key, replaced: true };
  }
  let fresh = 'designer';
  for (let i = 2; fresh in spec.sources; i++) fresh = `designer${i}`;
  return {
    ok: true,
    spec: {
      ...spec,
      sources: { ...spec.sources, [fresh]: { kind: 'synthetic', spec: data, split: NEW_SPLIT } },
      stages: spec.stages.map((s) => (s.kind === 'pretrain' && s.source === key ? { ...s, source: fresh } : s)),
    },
    source: fresh,
    replaced: false,
  };
}
