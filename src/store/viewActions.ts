/**
 * Which run the Results panel shows, across panels: History's "View" opens Results on that run; a fresh page
 * shows the latest saved run there (without leaving the panel the person is on); a run that starts is shown live.
 */
import { useExperimentStore } from './experimentStore';
import { useHistoryStore, type HistoryRun } from './historyStore';
import { goToPanel } from './uiStore';

/** A run put on the Results panel without switching to it (the latest saved run on a fresh page, a project's). */
let quietId: string | null = null;

export function viewQuietly(id: string): void {
  quietId = id;
  useHistoryStore.getState().view(id);
}

const BUSY = new Set(['starting', 'running', 'paused', 'cancelling']);

/** The run a fresh page shows: the newest saved run with results or a snapshot of its curves. */
export function latestSavedRun(runs: readonly HistoryRun[]): HistoryRun | undefined {
  return runs.filter((r) => r.status !== 'running' && (r.results || r.live?.stages.length)).sort((a, b) => b.createdAt - a.createdAt)[0];
}

/** After the history has loaded: when nothing runs or was run on this page, Results shows the latest saved run. */
export async function showLatestSavedRun(): Promise<void> {
  const h = useHistoryStore.getState();
  if (!h.loaded) await h.load();
  const s = useExperimentStore.getState();
  if (useHistoryStore.getState().viewingId || s.runId || BUSY.has(s.status) || s.live.stages.length) return;
  const latest = latestSavedRun(useHistoryStore.getState().runs);
  if (latest) viewQuietly(latest.id);
}

/** History's "View" (any view of a saved run that is not quiet) opens the Results panel. Returns the unsubscribe. */
export function followViews(): () => void {
  return useHistoryStore.subscribe((s, prev) => {
    if (s.viewingId === prev.viewingId) return;
    if (s.viewingId && s.viewingId !== quietId) goToPanel('results');
    if (s.viewingId !== quietId) quietId = null;
  });
}
