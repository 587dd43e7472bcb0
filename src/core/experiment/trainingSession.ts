/**
 * The training host's state and operations, behind the training worker's protocol: one run at a time with
 * pause / resume / cancel between batches, live events coalesced for the page, the trained models of the last
 * run kept for export, and every failure answered as a coded RunFailure (never thrown across the boundary).
 */
import * as tf from '@tensorflow/tfjs';
import type { EcgDataset } from '../data/dataset';
import type { BackendPref } from '../ml/backendPrefs';
import type { BackendReport } from '../ml/backendReport';
import { exportModel, TrainedModels } from '../ml/modelExport';
import { summarizeModel, TYPICAL_GFLOPS, type ModelSummary } from '../ml/summary';
import type { RunOutcome } from './contract';
import type { LiveEvent } from './contract/live';
import type { ModelFile, SpecDescription, WorkerMemory } from './contract/models';
import { candidateOf, matchDatasets, missingDataFailure } from './datasetMatch';
import { describeExperiment } from './describe';
import { createEventSink, toLiveEvent, type Schedule } from './liveEvents';
import { failureOf } from './runFailure';
import { planSweep, type SweepPlan } from './plan';
import type { ModelCache } from './run/modelCache';
import { RunControl, runExperiment } from './runner';
import type { FinishedCell, RunExtras } from './contract/sweep';
import { sweepStatsTracker } from './run/liveStats';
import { parseSpec, specBudgets } from './spec';

export interface TrainingSessionDeps {
  /** The backend for a spec's preference, initialised (see backendSession.ts). */
  backend(pref: BackendPref): Promise<BackendReport>;
  /** The host's timer, for coalescing batch events. */
  schedule: Schedule;
  /** Pretrained models by cache key (IndexedDB in the lab's worker); absent: every pretraining runs. */
  cache?: ModelCache;
}

export function createTrainingSession(deps: TrainingSessionDeps) {
  const models = new TrainedModels();
  let control: RunControl | null = null;
  /** The backend the run in progress trains on. */
  let runBackend: BackendReport | null = null;
  /**
   * The backend a plan or description is costed on: while a run trains, the run's own (asking for another would
   * switch tfjs's backend under the run's tensors); else the spec's preference, initialised.
   */
  const backendFor = async (pref: BackendPref): Promise<BackendReport> => (control && runBackend ? runBackend : deps.backend(pref));

  const matched = (specIn: unknown, datasets: readonly EcgDataset[]) => {
    const spec = parseSpec(specIn);
    const matches = matchDatasets(spec, datasets, candidateOf);
    const byKey: Record<string, EcgDataset> = {};
    for (const m of matches) if (m.dataset) byKey[m.ref.key] = m.dataset;
    return { spec, matches, byKey };
  };

  return {
    /** Model summaries and a cost-per-epoch estimate for a spec, before running it. */
    async describe(specIn: unknown, datasets: readonly EcgDataset[]): Promise<SpecDescription> {
      const { spec, byKey } = matched(specIn, datasets);
      const backend = await backendFor(spec.backend);
      return { backend, plan: describeExperiment(spec, byKey, backend.backend, TYPICAL_GFLOPS[backend.backend]) };
    },

    /** The sweep's cells, reuse, cache hits and cost, before running it. */
    async plan(specIn: unknown, datasets: readonly EcgDataset[], cachedKeys: readonly string[], finished: readonly string[] = []): Promise<SweepPlan> {
      const { spec, byKey } = matched(specIn, datasets);
      const backend = await backendFor(spec.backend);
      return planSweep(spec, { datasets: byKey, backend: backend.backend, cachedKeys: new Set(cachedKeys), finished: new Set(finished) });
    },

    /** Runs a spec; events stream through `onEvents`. Never throws: a failure comes back with its code. */
    async run(
      specIn: unknown,
      datasets: readonly EcgDataset[],
      onEvents: (evs: LiveEvent[]) => void,
      extras: RunExtras = {},
      onCell?: (cell: FinishedCell) => void,
    ): Promise<RunOutcome> {
      models.disposeAll();
      const ctl = new RunControl();
      control = ctl;
      const sink = createEventSink(onEvents, deps.schedule);
      // The page learns that a pause took hold (after the last batch update, on the same channel, so in order).
      ctl.onHeld = () => sink.push({ type: 'held' });
      let stage: string | undefined;
      try {
        const { spec, matches, byKey } = matched(specIn, datasets);
        const missing = missingDataFailure(matches);
        if (missing) return { ok: false, error: missing };
        const backend = await deps.backend(spec.backend);
        runBackend = backend;
        // The forest plot and curves while the sweep runs: statistics over the cells finished so far (resumed ones too).
        const tracker = sweepStatsTracker(specBudgets(spec));
        const resumedPreds = new Map((extras.resume?.predictions ?? []).map((p) => [p.cell, p]));
        for (const c of extras.resume?.cells ?? []) tracker.add(c, c.cell ? resumedPreds.get(c.cell.id) : undefined);
        const results = await runExperiment(spec, {
          datasets: byKey,
          control: ctl,
          backend,
          ...(deps.cache ? { cache: deps.cache } : {}),
          ...(extras.resume ? { resume: extras.resume } : {}),
          onEvent: (ev) => {
            if (ev.type === 'stage-start') stage = ev.stage;
            if (ev.type === 'stage-end') {
              stage = undefined;
              onCell?.({ result: ev.result, ...(ev.predictions ? { predictions: ev.predictions } : {}) });
            }
            const live = toLiveEvent(ev, spec);
            if (live) sink.push(live);
            if (ev.type === 'stage-end' && tracker.add(ev.result, ev.predictions)) sink.push({ type: 'sweep-stats', stats: tracker.stats() });
          },
          onModel: (name, model) => models.set(name, model),
        });
        // The runner records the backend it was handed; the measurement of 'auto' travels with it.
        results.backend = { ...results.backend, ...backend };
        return { ok: true, results, backend };
      } catch (e) {
        // A cancelled or failed run keeps no half-trained models: the runner disposes the stage it was in, and
        // the finished stages' models handed out through onModel are freed here.
        models.disposeAll();
        tf.disposeVariables();
        return { ok: false, error: failureOf(e, stage) };
      } finally {
        sink.flush();
        if (control === ctl) {
          control = null;
          runBackend = null;
        }
      }
    },

    pause(): void {
      control?.pause();
    },
    resume(): void {
      control?.resume();
    },
    cancel(): void {
      control?.cancel();
    },
    /** True while a run is in progress. */
    get running(): boolean {
      return control !== null;
    },

    /** Stage names whose trained model is available for export. */
    modelStages(): string[] {
      return models.stages();
    },
    /** tfjs artifacts of a trained model, or null for an unknown stage. */
    async exportModel(stage: string): Promise<ModelFile | null> {
      const m = models.get(stage);
      return m ? exportModel(stage, m) : null;
    },
    /** Drops the trained models of the last run (after the page stored them). */
    releaseModels(): void {
      models.disposeAll();
    },
    summarize(stage: string): ModelSummary | null {
      const m = models.get(stage);
      return m ? summarizeModel(m) : null;
    },
    memory(): WorkerMemory {
      const m = tf.memory();
      return { numTensors: m.numTensors, numBytes: m.numBytes, backend: tf.getBackend(), modelsHeld: models.size };
    },
  };
}

