/**
 * Sweep state of the page: the plan of the spec being edited (cells, reuse, cache hits, cost; from the worker) and
 * the interrupted sweep that can be resumed, if any. Actions that fill it live in sweepActions.ts.
 */
import { create } from 'zustand';
import type { SweepPlan } from '../core/experiment/contract/sweep';

export interface ResumableSweep {
  runId: string;
  name: string;
  done: number;
  total: number;
}

export interface SweepState {
  plan: SweepPlan | null;
  planError: string | null;
  /** 'computing' while the worker plans the spec as edited now. */
  planState: 'idle' | 'computing' | 'ready' | 'error';
  resumable: ResumableSweep | null;
  _set(patch: Partial<Omit<SweepState, '_set'>>): void;
}

export const useSweepStore = create<SweepState>()((set) => ({
  plan: null,
  planError: null,
  planState: 'idle',
  resumable: null,
  _set: (patch) => set(patch),
}));
