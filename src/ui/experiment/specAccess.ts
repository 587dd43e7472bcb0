/**
 * The only UI module that talks to the engine's experiment API (src/core/experiment): presets, validation,
 * share-link codec, and small readers of spec fields. Everything else in the UI treats the spec as plain JSON.
 */
import { MODEL_KINDS } from '../../core/ml/models';
import { BACKEND_PREFS } from '../../core/ml/backend';
import { TRANSFER_MODES } from '../../core/ml/transfer';
import { REGRESSION_TARGETS } from '../../core/data/dataset';

type Obj = Record<string, unknown>;

/** What the UI needs from src/core/experiment (soft import: the panel says so when the engine is absent). */
export interface ExperimentEngineApi {
  PRESETS: Record<string, unknown>;
  parseSpec(json: unknown): unknown;
  encodeSpec(spec: never): string;
  decodeSpec(s: string): unknown;
}
const found = Object.values(import.meta.glob('../../core/experiment/index.ts', { eager: true }))[0] as Partial<ExperimentEngineApi> | undefined;
function engine(): ExperimentEngineApi {
  if (!found?.parseSpec) throw new Error('The experiment engine (src/core/experiment) is not part of this build yet.');
  return found as ExperimentEngineApi;
}
export const engineAvailable = (): boolean => !!found?.parseSpec;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

export const DEFAULT_PRESET = 'synthetic-demo';

export function presetNames(): string[] {
  return found?.PRESETS ? Object.keys(found.PRESETS) : [];
}

export function presetSpec(name: string): unknown {
  const p = found?.PRESETS?.[name];
  const spec = typeof p === 'function' ? (p as () => unknown)() : p;
  return structuredClone(spec);
}

export function presetDescription(name: string): string {
  const s = presetSpec(name);
  return isObj(s) && typeof s.description === 'string' ? s.description : '';
}

export type Validation = { ok: true; spec: unknown } | { ok: false; error: string };

export function validateSpec(spec: unknown): Validation {
  try {
    return { ok: true, spec: engine().parseSpec(spec) };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

export function encodeSharedSpec(spec: unknown): string {
  return engine().encodeSpec(engine().parseSpec(spec) as never);
}

export function decodeSharedSpec(s: string): unknown {
  return engine().decodeSpec(s);
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
  if (key === 'backend') return BACKEND_PREFS;
  if ((parent === 'model' && (key === 'kind' || key === 'arch')) || key === 'model') return MODEL_KINDS;
  if (key === 'mode' && inStages) return TRANSFER_MODES;
  if (key === 'target') return REGRESSION_TARGETS;
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
