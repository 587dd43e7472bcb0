/** The engine's catalogue for the page's forms, and spec validation answers. */
import type { RegressionTarget } from '../../data/dataset';
import type { BackendPref } from '../../ml/backendPrefs';
import type { ModelKind } from '../../ml/models/kinds';
import type { TransferMode } from '../../ml/transfer';
import type { ExperimentSpec, StageSpec, TrainingParams } from '../spec';

type Classify = Extract<StageSpec, { task: unknown }>;

/** Every choice field of the spec with its allowed values (read from the schema). */
export interface SpecEnums {
  backend: BackendPref[];
  model: ModelKind[];
  transferMode: TransferMode[];
  target: RegressionTarget[];
  stageKind: StageSpec['kind'][];
  taskKind: Classify['task']['kind'][];
  scheduleKind: TrainingParams['schedule']['kind'][];
  scaling: ExperimentSpec['preprocessing']['scaling'][];
  classWeighting: TrainingParams['classWeighting'][];
  splitMethod: NonNullable<ExperimentSpec['sources'][string]['split']>['method'][];
  evaluateOn: Extract<StageSpec, { kind: 'evaluate' }>['on'][];
}

export interface Catalog {
  presets: Record<string, ExperimentSpec>;
  presetNames: string[];
  defaultPreset: string;
  enums: SpecEnums;
}

/** parseSpec's answer: the validated spec, or the error and the field path it names. */
export type Validation = { ok: true; spec: ExperimentSpec } | { ok: false; error: string; path?: string };
