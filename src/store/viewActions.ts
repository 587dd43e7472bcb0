/**
 * Which run the Results panel shows, across panels: History's "View" opens Results on that run; a fresh page
 * shows the latest saved run there (latestSavedRun, read by ResultsPanel while nothing ran on the page); a run
 * that starts is shown live (runActions); a project's newest run is put on Results without leaving the panel.
 */
import { useHistoryStore, type HistoryRun } from './historyStore';
import { goToPanel } from './uiStore';

/** A run put on the Results panel without switching to it (an opened project's newest run). */
let quietId: string | null = null;

export function viewQuietly(id: string): void {
  quietId = id;
  useHistoryStore.getState().view(id);
}

/** The run a fresh page shows: the newest saved run with results or a snapshot of its curves. */
export function latestSavedRun(runs: readonly HistoryRun[]): HistoryRun | undefined {
  return runs.filter((r) => r.status !== 'running' && (r.results || r.live?.stages.length)).sort((a, b) => b.createdAt - a.createdAt)[0];
}

/** Loads the history, so that a fresh page's Results can show the latest saved run (ResultsPanel). */
export async function loadHistory(): Promise<void> {
  const h = useHistoryStore.getState();
  if (!h.loaded) await h.load();
}

/** History's "View" (any view of a saved run that is not quiet) opens the Results panel. Returns the unsubscribe. */
export function followViews(): () => void {
  return useHistoryStore.subscribe((s, prev) => {
    if (s.viewingId === prev.viewingId) return;
    if (s.viewingId && s.viewingId !== quietId) goToPanel('results');
    if (s.viewingId !== quietId) quietId = null;
  });
}
