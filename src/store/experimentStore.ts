/**
 * Experiment store: the spec being edited, the run in progress (fed by the training worker's events, coalesced
 * once per animation frame so the main thread never drowns in messages), its results and the backend in use.
 * No ML here: training happens in the training worker; runs are started by the actions in runActions.ts.
 */
import { create } from 'zustand';
import type { BackendReport, Catalog, ExperimentSpec, LiveEvent, LiveRun, RunErrorCode, RunResults } from '../core/experiment/contract';
import { applyEvents, emptyLiveRun } from '../core/experiment/liveRun';

export type RunStatus = 'idle' | 'starting' | 'running' | 'paused' | 'cancelling' | 'done' | 'cancelled' | 'error';

export interface RunError {
  code: RunErrorCode;
  message: string;
  /** invalid-spec: the field path. */
  path?: string;
}

export interface ExperimentState {
  /** Presets and field choices from the engine (fetched from the training worker once); null until loaded. */
  catalog: Catalog | null;
  catalogError: string | null;
  /** Preset the spec came from, or 'custom' once edited. */
  presetName: string;
  /** The experiment spec being edited (validated by the engine's parseSpec before a run); null until loaded. */
  spec: ExperimentSpec | null;
  specSource: 'preset' | 'url' | 'edited' | 'history' | 'project';
  /** Spec validation error shown beside the editor, null when valid. */
  specError: string | null;
  status: RunStatus;
  runId: string | null;
  backend: BackendReport | null;
  error: RunError | null;
  live: LiveRun;
  results: RunResults | null;

  _setCatalog(catalog: Catalog | null, error: string | null): void;
  setSpec(spec: ExperimentSpec | null, source?: ExperimentState['specSource'], presetName?: string): void;
  setSpecError(message: string | null): void;
  /** Called by the run actions when a run begins/ends/changes state. */
  _setRun(patch: Partial<Pick<ExperimentState, 'status' | 'runId' | 'backend' | 'error' | 'results'>>): void;
  /** Queue worker events; they are applied to `live` once per animation frame. */
  pushEvent(ev: LiveEvent): void;
  /** Apply queued events now (tests, end of run). */
  flushEvents(): void;
  resetLive(): void;
}

let queue: LiveEvent[] = [];
let scheduled = false;

function schedule(flush: () => void): void {
  if (scheduled) return;
  scheduled = true;
  const run = () => {
    scheduled = false;
    flush();
  };
  // rAF coalesces to the display rate; hidden tabs do not fire rAF, so a timer backs it up.
  if (typeof requestAnimationFrame === 'function' && typeof document !== 'undefined' && !document.hidden) {
    let done = false;
    const once = () => {
      if (done) return;
      done = true;
      run();
    };
    requestAnimationFrame(once);
    setTimeout(once, 250);
  } else {
    setTimeout(run, 100);
  }
}

export const useExperimentStore = create<ExperimentState>()((set, get) => ({
  catalog: null,
  catalogError: null,
  presetName: 'synthetic-demo',
  spec: null,
  specSource: 'preset',
  specError: null,
  status: 'idle',
  runId: null,
  backend: null,
  error: null,
  live: emptyLiveRun(),
  results: null,

  _setCatalog(catalog, catalogError) {
    set(catalog ? { catalog, catalogError } : { catalogError });
  },
  setSpec(spec, source = 'edited', presetName) {
    set({ spec, specSource: source, presetName: presetName ?? (source === 'edited' ? 'custom' : get().presetName) });
  },
  setSpecError(message) {
    set({ specError: message });
  },
  _setRun(patch) {
    set(patch);
  },
  pushEvent(ev) {
    queue.push(ev);
    schedule(() => get().flushEvents());
  },
  flushEvents() {
    if (queue.length === 0) return;
    const events = queue;
    queue = [];
    set({ live: applyEvents(get().live, events) });
  },
  resetLive() {
    queue = [];
    set({ live: emptyLiveRun(), results: null, error: null });
  },
}));
