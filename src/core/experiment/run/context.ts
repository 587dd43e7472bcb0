/**
 * State shared by the stage runners of one run: the spec and host options, event/warning sinks, loaded sources,
 * cached splits, trained models still needed by later stages, measured throughput, and model ownership
 * (which models went to the host, which one is being trained and must be freed if the stage fails).
 */
import type * as tf from '@tensorflow/tfjs';
import type { EcgDataset } from '../../data/dataset';
import { CancelledError, RunControl } from '../../ml/control';
import type { PreparedTask } from '../../ml/task';
import type { RunEvent } from '../results';
import type { ExperimentSpec, StageSpec } from '../spec';
import type { SplitResult } from '../split';
import type { RunOptions } from './options';

export interface TrainedModel {
  model: tf.LayersModel;
  /** The task it was trained for, with the regression target scaling of its training split. */
  task: Pick<PreparedTask, 'spec' | 'mean' | 'std'>;
  stage: StageSpec;
}

/** Model input geometry: the first stage's source defines the rate and length; the spec (or that source) the leads. */
export interface InputGeometry {
  leadNames: string[];
  nSamples: number;
  fs: number;
}

/** Where a stage sits in the run (for stage-start events and run ETAs). */
export interface StagePosition {
  index: number;
  total: number;
}

export interface RunContext {
  readonly spec: ExperimentSpec;
  readonly opts: RunOptions;
  readonly control: RunControl;
  readonly notes: string[];
  emit(ev: RunEvent): void;
  /** A note in the results and a warning event. */
  warn(message: string): void;
  readonly data: Map<string, EcgDataset>;
  readonly splits: Map<string, SplitResult>;
  /** Trained models later stages use (transfer sources, evaluated models), by key. */
  readonly trained: Map<string, TrainedModel>;
  readonly handedOver: Set<tf.LayersModel>;
  /** The model of the stage being trained: freed by `releaseModels` if the stage does not finish. */
  inProgress?: tf.LayersModel;
  /** Set once the first stage's source is loaded (`setupGeometry`). */
  geometry?: InputGeometry;
  /** Training FLOP/s measured in earlier stages (0 before any) and the seconds each finished stage took. */
  throughput: { flopsPerSec: number; stageSeconds: number[] };
}

export function createContext(spec: ExperimentSpec, opts: RunOptions): RunContext {
  const notes: string[] = [];
  const emit = (ev: RunEvent) => opts.onEvent?.(ev);
  return {
    spec,
    opts,
    control: opts.control ?? new RunControl(),
    notes,
    emit,
    warn(message) {
      notes.push(message);
      emit({ type: 'log', level: 'warn', message });
    },
    data: new Map(),
    splits: new Map(),
    trained: new Map(),
    handedOver: new Set(),
    throughput: { flopsPerSec: 0, stageSeconds: [] },
  };
}

/** After a training stage: hand the model to the host (if it asked), keep it while later stages need it, else free it. */
export function settleModel(ctx: RunContext, key: string, st: StageSpec, model: tf.LayersModel, task: TrainedModel['task'], neededLater: boolean, handOver = true): void {
  if (ctx.opts.onModel && handOver) {
    ctx.handedOver.add(model);
    ctx.opts.onModel(st.name, model);
  }
  if (neededLater) ctx.trained.set(key, { model, task, stage: st });
  else if (!ctx.handedOver.has(model)) model.dispose();
}

/** Forgets a kept model, freeing it unless the host owns it. */
export function dropModel(ctx: RunContext, key: string): void {
  const t = ctx.trained.get(key);
  if (!t) return;
  ctx.trained.delete(key);
  if (!ctx.handedOver.has(t.model)) t.model.dispose();
}

/** Frees every model the host does not own: kept models, and the one of a stage that did not finish. */
export function releaseModels(ctx: RunContext): void {
  for (const t of ctx.trained.values()) if (!ctx.handedOver.has(t.model)) t.model.dispose();
  ctx.trained.clear();
  // a stage that did not finish (cancelled, failed): its model is nobody's (trainModel disposed its optimizer)
  if (ctx.inProgress && !ctx.handedOver.has(ctx.inProgress)) ctx.inProgress.dispose();
  ctx.inProgress = undefined;
}

/** Tells the host a run stopped: its error (or that it was cancelled) and the stage it stopped in. */
export function emitRunError(ctx: RunContext, e: unknown, stage: string | undefined): void {
  ctx.emit({ type: 'error', message: e instanceof Error ? e.message : String(e), cancelled: e instanceof CancelledError, ...(stage ? { stage } : {}) });
}
