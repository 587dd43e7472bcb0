/** What the drill-down on Results shows: the selection (a cell, a class outcome, scatter points) and the record picked. */
import { create } from 'zustand';

export type Outcome = 'TP' | 'FP' | 'FN' | 'TN';

/** A confusion-matrix cell (single-label), a class's outcome at a threshold, or a regression scatter (and its clicked point). */
export type DrillSelection =
  | { kind: 'cell'; stage: string; trueClass: number; predClass: number }
  | { kind: 'class'; stage: string; cls: number; outcome: Outcome; threshold: number }
  | { kind: 'points'; stage: string; target: string; id?: string };

interface DrillState {
  /** The run the selection belongs to (a selection of another run is not shown). */
  runId: string | null;
  selection: DrillSelection | null;
  recordId: string | null;
  select(runId: string, selection: DrillSelection | null, recordId?: string | null): void;
  pick(recordId: string | null): void;
}

export const useDrillStore = create<DrillState>()((set) => ({
  runId: null,
  selection: null,
  recordId: null,
  select: (runId, selection, recordId = null) => set({ runId, selection, recordId }),
  pick: (recordId) => set({ recordId }),
}));
