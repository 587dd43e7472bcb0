/**
 * Saving and opening project files (src/core/experiment/project): the spec being edited, runs from the history
 * and, if asked, their trained models go into one zip; opening one restores the spec, puts its runs into the
 * history (Results shows the newest) and its models into the model store. Datasets never go in a project.
 */
import { isProjectFileName, openProject, packProject, projectFileName, type ProjectDataset, type ProjectModel, type ProjectRun } from '../core/experiment/project';
import { useExperimentStore } from './experimentStore';
import { useHistoryStore, type HistoryRun } from './historyStore';
import { goToPanel, useUiStore } from './uiStore';
import { latestSavedRun, viewQuietly } from './viewActions';

export interface SaveOptions {
  /** 'latest': the newest saved run only; 'all': every saved run; 'none': the spec alone. */
  runs: 'latest' | 'all' | 'none';
  models: boolean;
}

/** What a project would hold now. */
export function savableRuns(runs: readonly HistoryRun[], which: SaveOptions['runs']): HistoryRun[] {
  const kept = runs.filter((r) => r.status !== 'running');
  if (which === 'none') return [];
  if (which === 'latest') {
    const l = latestSavedRun(kept);
    return l ? [l] : [];
  }
  return kept;
}

function toProjectRun(r: HistoryRun): ProjectRun {
  return {
    id: r.id,
    name: r.name,
    presetName: r.presetName,
    createdAt: r.createdAt,
    ...(r.finishedAt !== undefined ? { finishedAt: r.finishedAt } : {}),
    status: r.status === 'running' ? 'interrupted' : r.status,
    spec: r.spec,
    ...(r.backend ? { backend: r.backend } : {}),
    ...(r.error !== undefined ? { error: r.error } : {}),
    ...(r.results ? { results: r.results } : {}),
    ...(r.live ? { live: r.live } : {}),
  };
}

/** The project file of the current spec and the chosen runs: its name and bytes (the UI downloads them). */
export async function buildProject(opts: SaveOptions, now = new Date()): Promise<{ fileName: string; bytes: Uint8Array; runs: number; models: number }> {
  const ex = useExperimentStore.getState();
  if (!ex.spec) throw new Error('there is no experiment spec yet');
  const h = useHistoryStore.getState();
  if (!h.loaded) await h.load();
  const runs = savableRuns(useHistoryStore.getState().runs, opts.runs);
  const models: ProjectModel[] = [];
  if (opts.models)
    for (const r of runs)
      for (const stage of r.models ?? []) {
        const m = await useHistoryStore.getState().getModel(r.id, stage);
        if (m) {
          const { key: _key, ...file } = m;
          models.push(file);
        }
      }
  const name = ex.spec.name || ex.presetName;
  const bytes = packProject({ name, presetName: ex.presetName, spec: ex.spec, runs: runs.map(toProjectRun), models }, now);
  return { fileName: projectFileName(name), bytes, runs: runs.length, models: models.length };
}

export interface OpenedNote {
  fileName: string;
  name: string;
  runs: number;
  models: number;
  datasets: ProjectDataset[];
}

const BUSY = new Set(['starting', 'running', 'paused', 'cancelling']);

/**
 * Opens a project file: the spec replaces the one being edited (not while a run is going: then only the runs and
 * models are added), runs and models go into the history, Results shows the newest of its runs, and the
 * Experiment panel says what was opened and which datasets it needs. A file that is not a project is refused
 * with an error naming it.
 */
export async function openProjectFile(file: { name: string; arrayBuffer(): Promise<ArrayBuffer> }): Promise<boolean> {
  const ui = useUiStore.getState();
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch (e) {
    ui.setProjectMessage({ error: `“${file.name}” could not be read: ${e instanceof Error ? e.message : String(e)}` });
    return false;
  }
  const opened = openProject(file.name, bytes);
  if (!opened.ok) {
    ui.setProjectMessage({ error: opened.error });
    return false;
  }
  const { project, datasets } = opened;
  const h = useHistoryStore.getState();
  if (!h.loaded) await h.load();
  const now = Date.now();
  for (const r of project.runs) {
    const stages = project.models.filter((m) => m.runId === r.id).map((m) => m.stage);
    const run: HistoryRun = { ...r, updatedAt: now, ...(stages.length ? { models: stages } : {}) };
    await useHistoryStore.getState().put(run);
  }
  for (const m of project.models) await useHistoryStore.getState().saveModel({ ...m, key: `${m.runId}/${m.stage}` });
  const ex = useExperimentStore.getState();
  if (!BUSY.has(ex.status)) {
    ex.setSpecError(null);
    ex.setSpec(project.spec, 'project', 'custom');
    const latest = latestSavedRun(project.runs.map((r) => ({ ...r, updatedAt: now })));
    if (latest) viewQuietly(latest.id);
  }
  ui.setProjectMessage({ opened: { fileName: file.name, name: project.name, runs: project.runs.length, models: project.models.length, datasets } });
  goToPanel('experiment');
  return true;
}

/** The project files among dropped or picked files (by name). */
export function projectFilesOf<F extends { name: string }>(files: readonly F[]): F[] {
  return files.filter((f) => isProjectFileName(f.name));
}
