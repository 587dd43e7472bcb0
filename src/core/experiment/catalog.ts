/**
 * What the page needs from the engine to build its forms: the presets and every choice field of the spec, read
 * from the zod schema (spec.ts) so no list is typed twice. Built in the training worker and sent once.
 */
import { REGRESSION_TARGETS } from '../data/dataset';
import { BACKEND_PREFS } from '../ml/backendPrefs';
import { MODEL_KINDS } from '../ml/models/kinds';
import { TRANSFER_MODES } from '../ml/transfer';
import type { Catalog, SpecEnums, Validation } from './contract/catalog';
import { DEFAULT_PRESET, PRESET_NAMES, presetSpec } from './presets';
import { SpecError, specSchema, taskSchema, trainingSchema, type ExperimentSpec } from './spec';

const stageSchemas = specSchema.shape.stages.element.options;
const importedSource = specSchema.shape.sources.valueType.options.find((o) => o.shape.kind.value === 'imported')!;

function evaluateOn(): SpecEnums['evaluateOn'] {
  for (const o of stageSchemas) if ('on' in o.shape) return [...o.shape.on.options];
  return [];
}

/** The spec's choice fields, straight from the schema. */
export function specEnums(): SpecEnums {
  return {
    backend: [...BACKEND_PREFS],
    model: [...MODEL_KINDS],
    transferMode: [...TRANSFER_MODES],
    target: [...REGRESSION_TARGETS],
    stageKind: stageSchemas.map((o) => o.shape.kind.value),
    taskKind: taskSchema.options.map((o) => o.shape.kind.value),
    scheduleKind: trainingSchema.shape.schedule.options.map((o) => o.shape.kind.value),
    scaling: [...specSchema.shape.preprocessing.shape.scaling.options],
    classWeighting: [...trainingSchema.shape.classWeighting.options],
    splitMethod: [...importedSource.shape.split.unwrap().shape.method.options],
    evaluateOn: evaluateOn(),
  };
}

export function buildCatalog(): Catalog {
  const presets: Record<string, ExperimentSpec> = {};
  for (const n of PRESET_NAMES) presets[n] = presetSpec(n);
  return { presets, presetNames: [...PRESET_NAMES], defaultPreset: DEFAULT_PRESET, enums: specEnums() };
}

/** Runs a parser and answers as the worker protocol does: the spec, or the error naming its field. */
export function validation(parse: () => ExperimentSpec): Validation {
  try {
    return { ok: true, spec: parse() };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e), ...(e instanceof SpecError ? { path: e.path } : {}) };
  }
}
