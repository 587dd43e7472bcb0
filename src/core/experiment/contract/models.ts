/** Trained models and plans as they cross the worker boundary. */
import type { BackendReport } from '../../ml/backendReport';
import type { ExperimentPlan } from '../describe';

export type { ModelFile } from '../../ml/modelFile';

/** Before a run: the backend the run will use and, per training stage, model summary and seconds per epoch. */
export interface SpecDescription {
  backend: BackendReport;
  plan: ExperimentPlan;
}

/** tfjs memory of the training worker and the models it holds (to check nothing leaks across runs). */
export interface WorkerMemory {
  numTensors: number;
  numBytes: number;
  backend: string;
  modelsHeld: number;
}
