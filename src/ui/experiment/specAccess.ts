/**
 * What the experiment panel reads of the spec and the engine's catalogue (presets, choice fields from the
 * schema), kept in the experiment store.
 */
import type { ExperimentSpec, SpecEnums } from '../../core/experiment/contract';
import type { SyntheticDatasetSpec } from '../../core/data/synthDataset';
import { useExperimentStore } from '../../store/experimentStore';

function catalog() {
  return useExperimentStore.getState().catalog;
}

export function presetNames(): string[] {
  return catalog()?.presetNames ?? [];
}

export function defaultPreset(): string {
  return catalog()?.defaultPreset ?? 'synthetic-demo';
}

/** A fresh copy of a preset's spec (null until the catalogue is loaded or for an unknown name). */
export function presetSpec(name: string): ExperimentSpec | null {
  const p = catalog()?.presets[name];
  return p ? structuredClone(p) : null;
}

export function presetDescription(name: string): string {
  return catalog()?.presets[name]?.description ?? '';
}

/** The synthetic dataset spec of the spec's first synthetic source (for the designer), if any. */
export function syntheticSpecOf(spec: ExperimentSpec): SyntheticDatasetSpec | null {
  for (const src of Object.values(spec.sources)) if (src.kind === 'synthetic') return src.spec as unknown as SyntheticDatasetSpec;
  return null;
}

export interface StageView {
  name: string;
  kind: string;
  target?: string;
  from?: string;
}

export function stagesOf(spec: ExperimentSpec): StageView[] {
  return spec.stages.map((s) => ({
    name: s.name,
    kind: s.kind,
    ...(s.kind === 'pretrain' ? { target: s.targets.join('+') } : {}),
    ...('from' in s ? { from: s.from } : {}),
  }));
}

/** Choices for a string field of the form at `path` (the schema's enums; sources and stages of this spec). */
export function enumFor(path: readonly (string | number)[], spec: ExperimentSpec, enums: SpecEnums | undefined = catalog()?.enums): readonly string[] | null {
  if (!enums) return null;
  const key = String(path[path.length - 1]);
  const parent = String(path[path.length - 2] ?? '');
  const inStages = path[0] === 'stages';
  if (key === 'backend') return enums.backend;
  if (parent === 'model' && key === 'kind') return enums.model;
  if (inStages) {
    if (key === 'mode') return enums.transferMode;
    if (key === 'kind' && parent === 'task') return enums.taskKind;
    if (key === 'kind') return enums.stageKind;
    if (key === 'source') return Object.keys(spec.sources);
    if (key === 'on') return enums.evaluateOn;
    if (key === 'from') return stagesOf(spec).filter((s) => s.kind === 'pretrain').map((s) => s.name);
  }
  if (key === 'target') return enums.target;
  if (key === 'kind' && parent === 'schedule') return enums.scheduleKind;
  if (key === 'scaling') return enums.scaling;
  if (key === 'classWeighting') return enums.classWeighting;
  if (key === 'method' && parent === 'split') return enums.splitMethod;
  return null;
}
