/**
 * The UI's door to the engine's experiment API (src/core/experiment). The engine imports tfjs, so the page never
 * imports it: presets, field choices, validation and the share-link codec are answered by the training worker
 * (workers/train.worker.ts). The catalogue (presets + choices) is fetched once and kept in the experiment store;
 * validation and the codec are async. Everything else in the UI treats the spec as plain JSON.
 */
import { withTrainWorker } from '../../../workers/trainClient';
import type { Catalog, Validation } from '../../../workers/train.worker';
import { useExperimentStore } from '../../store/experimentStore';

export type { Catalog, Validation };
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

let catalogPromise: Promise<Catalog> | null = null;

/** Presets and field choices from the engine (in the worker); cached, retried after a failure. */
export function loadCatalog(): Promise<Catalog> {
  catalogPromise ??= withTrainWorker((api) => api.catalog()).then(
    (c) => {
      useExperimentStore.getState()._setCatalog(c, null);
      return c;
    },
    (e: unknown) => {
      catalogPromise = null;
      useExperimentStore.getState()._setCatalog(null, e instanceof Error ? e.message : String(e));
      throw e;
    },
  );
  return catalogPromise;
}

function catalog(): Catalog | null {
  return useExperimentStore.getState().catalog;
}

export function presetNames(): string[] {
  return catalog()?.presetNames ?? [];
}

export function defaultPreset(): string {
  return catalog()?.defaultPreset ?? 'synthetic-demo';
}

/** A fresh copy of a preset's spec (null until the catalogue is loaded or for an unknown name). */
export function presetSpec(name: string): unknown {
  const p = catalog()?.presets[name];
  return p ? structuredClone(p) : null;
}

export function presetDescription(name: string): string {
  const s = catalog()?.presets[name];
  return typeof s?.description === 'string' ? s.description : '';
}

/** The engine's parseSpec (in the worker): the validated spec, or an error naming the field. */
export function validateSpec(spec: unknown): Promise<Validation> {
  return withTrainWorker((api) => api.validate(spec) as Promise<Validation>).catch((e: unknown) => ({ ok: false as const, error: e instanceof Error ? e.message : String(e) }));
}

export async function encodeSharedSpec(spec: unknown): Promise<string> {
  const r = await withTrainWorker((api) => api.encode(spec) as Promise<{ ok: true; encoded: string } | { ok: false; error: string }>);
  if (!r.ok) throw new Error(r.error);
  return r.encoded;
}

export function decodeSharedSpec(s: string): Promise<Validation> {
  return withTrainWorker((api) => api.decode(s) as Promise<Validation>);
}

export function backendPrefOf(spec: unknown): string {
  if (!isObj(spec)) return 'auto';
  const b = spec.backend ?? (isObj(spec.training) ? spec.training.backend : undefined);
  return typeof b === 'string' ? b : 'auto';
}

export function specName(spec: unknown, preset: string): string {
  if (isObj(spec) && typeof spec.name === 'string' && spec.name) return spec.name;
  return preset;
}

/** The synthetic dataset spec inside an experiment spec (for the designer), if any. */
export function syntheticSpecOf(spec: unknown): unknown {
  let found: unknown = undefined;
  const walk = (v: unknown) => {
    if (found !== undefined) return;
    if (Array.isArray(v)) return v.forEach(walk);
    if (!isObj(v)) return;
    if (v.kind === 'synthetic' || v.type === 'synthetic' || v.source === 'synthetic') {
      found = v.spec ?? v.synthetic ?? v;
      return;
    }
    if (isObj(v.synthetic)) {
      found = v.synthetic;
      return;
    }
    Object.values(v).forEach(walk);
  };
  walk(spec);
  return found;
}

export interface StageView {
  name: string;
  kind: string;
  target?: string;
  from?: string;
}

export function stagesOf(spec: unknown): StageView[] {
  if (!isObj(spec) || !Array.isArray(spec.stages)) return [];
  return spec.stages.filter(isObj).map((s) => ({
    name: String(s.name ?? s.kind ?? '?'),
    kind: String(s.kind ?? s.type ?? '?'),
    target: typeof s.target === 'string' ? s.target : Array.isArray(s.targets) ? s.targets.join('+') : undefined,
    from: typeof s.from === 'string' ? s.from : undefined,
  }));
}

/** Choices for string fields the form knows, by key (and parent key for ambiguous ones). */
export function enumFor(path: (string | number)[], spec: unknown): readonly string[] | null {
  const key = String(path[path.length - 1]);
  const parent = String(path[path.length - 2] ?? '');
  const inStages = path.includes('stages');
  const enums = catalog()?.enums;
  if (key === 'backend') return enums?.backend ?? null;
  if ((parent === 'model' && (key === 'kind' || key === 'arch')) || key === 'model') return enums?.model ?? null;
  if (key === 'mode' && inStages) return enums?.transferMode ?? null;
  if (key === 'target') return enums?.target ?? null;
  if (key === 'kind' && inStages) return ['pretrain', 'transfer', 'baseline', 'evaluate'];
  if (key === 'source' && inStages && isObj(spec) && isObj(spec.sources)) return Object.keys(spec.sources);
  if (key === 'kind' && parent === 'task') return ['single-label', 'multi-label'];
  if (key === 'kind' && parent === 'schedule') return ['constant', 'step', 'exponential', 'cosine'];
  if (key === 'scaling') return ['minmax', 'zscore', 'none'];
  if (key === 'classWeighting') return ['none', 'balanced'];
  if (key === 'method' && parent === 'split') return ['auto', 'folds', 'random'];
  if (key === 'on' && inStages) return ['test', 'all'];
  if (key === 'from' && inStages) return stagesOf(spec).filter((s) => s.kind === 'pretrain').map((s) => s.name);
  return null;
}
