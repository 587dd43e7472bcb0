/**
 * Writing and reading project files (format.ts): `packProject` zips a project; `openProject` reads a zip or a
 * bare project.json, validates it (the manifest with zod, every spec with parseSpec, every model's files) and
 * answers the project or an error that names the file and says what is wrong.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { BackendReport } from '../../ml/backendReport';
import { layersModelJson, type ModelFile } from '../../ml/modelFile';
import type { LiveRun } from '../contract/live';
import { datasetRefs } from '../datasetMatch';
import type { RunResults } from '../results';
import { parseSpec, type ExperimentSpec } from '../spec';
import { PROJECT_FORMAT, PROJECT_JSON, PROJECT_VERSION, projectSchema, type ProjectDataset, type ProjectManifest, type ProjectRunStatus } from './format';

export interface ProjectRun {
  id: string;
  name: string;
  presetName: string;
  createdAt: number;
  finishedAt?: number;
  status: ProjectRunStatus;
  spec: ExperimentSpec;
  backend?: BackendReport;
  error?: string;
  results?: RunResults;
  live?: LiveRun;
}

/** A trained model of one of the project's runs (tfjs artifacts). */
export interface ProjectModel extends ModelFile {
  runId: string;
  trainingConfig?: unknown;
  userDefinedMetadata?: Record<string, unknown>;
}

export interface Project {
  name: string;
  presetName: string;
  spec: ExperimentSpec;
  runs: ProjectRun[];
  models: ProjectModel[];
}

export type OpenedProject = { ok: true; project: Project; datasets: ProjectDataset[]; savedAt: string } | { ok: false; error: string };

/** The imported datasets the specs name (no data: names and fingerprints), one entry per distinct dataset. */
export function projectDatasets(specs: readonly Pick<ExperimentSpec, 'sources'>[]): ProjectDataset[] {
  const out: ProjectDataset[] = [];
  for (const spec of specs)
    for (const r of datasetRefs(spec))
      if (!out.some((d) => d.name === r.name && d.fingerprint === r.fingerprint)) out.push({ source: r.key, name: r.name, ...(r.fingerprint ? { fingerprint: r.fingerprint } : {}) });
  return out;
}

/** A file name for the project: the name made safe, with the project suffix. */
export function projectFileName(name: string): string {
  const base = name.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'project';
  return `${base}.ecglab.zip`;
}


/** The project as a zip. Models whose run is not in the project are left out. */
export function packProject(p: Project, savedAt: Date): Uint8Array {
  const runIds = new Set(p.runs.map((r) => r.id));
  const models = p.models.filter((m) => runIds.has(m.runId));
  const manifest: ProjectManifest = {
    format: PROJECT_FORMAT,
    version: PROJECT_VERSION,
    savedAt: savedAt.toISOString(),
    name: p.name,
    presetName: p.presetName,
    spec: p.spec,
    datasets: projectDatasets([p.spec, ...p.runs.map((r) => r.spec)]),
    // The engine's own types (results, live snapshot, backend report) are written as they are.
    runs: p.runs.map(
      (r) =>
        ({
          id: r.id,
          name: r.name,
          presetName: r.presetName,
          createdAt: r.createdAt,
          ...(r.finishedAt !== undefined ? { finishedAt: r.finishedAt } : {}),
          status: r.status,
          spec: r.spec,
          ...(r.backend ? { backend: r.backend } : {}),
          ...(r.error !== undefined ? { error: r.error } : {}),
          ...(r.results ? { results: r.results } : {}),
          ...(r.live ? { live: r.live } : {}),
        }) as unknown as ProjectManifest['runs'][number],
    ),
    models: models.map((m, i) => ({ runId: m.runId, stage: m.stage, path: `models/${i}/`, weightBytes: m.weightData.byteLength })),
  };
  const files: Record<string, Uint8Array> = { [PROJECT_JSON]: strToU8(JSON.stringify(manifest)) };
  models.forEach((m, i) => {
    files[`models/${i}/model.json`] = strToU8(JSON.stringify(layersModelJson(m)));
    files[`models/${i}/weights.bin`] = new Uint8Array(m.weightData);
  });
  return zipSync(files, { level: 6 });
}

class ProjectError extends Error {}

const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5) && (b[3] === 4 || b[3] === 6);

function readFiles(bytes: Uint8Array): Record<string, Uint8Array> {
  if (isZip(bytes)) {
    try {
      return unzipSync(bytes);
    } catch (e) {
      throw new ProjectError(`the zip is damaged (${e instanceof Error ? e.message : String(e)})`);
    }
  }
  const head = strFromU8(bytes.subarray(0, 64)).trimStart();
  if (!head.startsWith('{')) throw new ProjectError('it is neither a zip nor a JSON file');
  return { [PROJECT_JSON]: bytes };
}

function readManifest(files: Record<string, Uint8Array>): ProjectManifest {
  const raw = files[PROJECT_JSON];
  if (!raw) throw new ProjectError(`the zip holds no ${PROJECT_JSON}`);
  let json: unknown;
  try {
    json = JSON.parse(strFromU8(raw));
  } catch (e) {
    throw new ProjectError(`${PROJECT_JSON} is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const o = (json ?? {}) as { format?: unknown; version?: unknown };
  if (typeof json !== 'object' || json === null || o.format !== PROJECT_FORMAT) throw new ProjectError(`it is not a project file (format ${JSON.stringify(o.format ?? null)}, expected "${PROJECT_FORMAT}")`);
  if (typeof o.version === 'number' && o.version > PROJECT_VERSION) throw new ProjectError(`it was saved by a newer lab (project version ${o.version}; this lab reads version ${PROJECT_VERSION})`);
  const r = projectSchema.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new ProjectError(`${issue.path.join('.') || 'the project'}: ${issue.message}`);
  }
  return r.data;
}

function specAt(where: string, json: unknown): ExperimentSpec {
  try {
    return parseSpec(json);
  } catch (e) {
    throw new ProjectError(`${where} is not a valid experiment spec (${e instanceof Error ? e.message : String(e)})`);
  }
}

function readModel(files: Record<string, Uint8Array>, m: ProjectManifest['models'][number]): ProjectModel {
  const where = `model ${m.path} (stage ${m.stage})`;
  const json = files[`${m.path}model.json`];
  const weights = files[`${m.path}weights.bin`];
  if (!json || !weights) throw new ProjectError(`${where}: its files are missing from the zip`);
  let mj: Record<string, unknown>;
  try {
    mj = JSON.parse(strFromU8(json)) as Record<string, unknown>;
  } catch {
    throw new ProjectError(`${where}: model.json is not valid JSON`);
  }
  const manifest = mj.weightsManifest as { weights?: unknown }[] | undefined;
  const specs = Array.isArray(manifest) && Array.isArray(manifest[0]?.weights) ? (manifest[0].weights as unknown[]) : null;
  if (!mj.modelTopology || !specs) throw new ProjectError(`${where}: model.json has no topology or weights manifest`);
  if (weights.byteLength !== m.weightBytes) throw new ProjectError(`${where}: weights.bin has ${weights.byteLength} bytes, the project lists ${m.weightBytes}`);
  const weightData = weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) as ArrayBuffer;
  return {
    runId: m.runId,
    stage: m.stage,
    modelTopology: mj.modelTopology,
    weightSpecs: specs,
    weightData,
    ...(typeof mj.format === 'string' ? { format: mj.format } : {}),
    ...(typeof mj.generatedBy === 'string' ? { generatedBy: mj.generatedBy } : {}),
    convertedBy: typeof mj.convertedBy === 'string' ? mj.convertedBy : null,
    ...(mj.trainingConfig !== undefined ? { trainingConfig: mj.trainingConfig } : {}),
    ...(mj.userDefinedMetadata && typeof mj.userDefinedMetadata === 'object' ? { userDefinedMetadata: mj.userDefinedMetadata as Record<string, unknown> } : {}),
  };
}

/** Reads a project file (zip or project.json); every error names the file. */
export function openProject(fileName: string, bytes: Uint8Array): OpenedProject {
  try {
    const files = readFiles(bytes);
    const m = readManifest(files);
    const spec = specAt('its experiment spec', m.spec);
    const runs: ProjectRun[] = m.runs.map((r, i) => {
      const { spec: runSpec, backend, results, live, ...rest } = r;
      return {
        ...rest,
        spec: specAt(`run ${i + 1} (“${r.name}”)`, runSpec),
        ...(backend ? { backend: backend as unknown as BackendReport } : {}),
        ...(results ? { results: results as unknown as RunResults } : {}),
        ...(live ? { live: live as unknown as LiveRun } : {}),
      };
    });
    const ids = new Set(runs.map((r) => r.id));
    for (const mm of m.models) if (!ids.has(mm.runId)) throw new ProjectError(`model ${mm.path} belongs to run ${mm.runId}, which the project does not hold`);
    const models = m.models.map((mm) => readModel(files, mm));
    return { ok: true, project: { name: m.name, presetName: m.presetName, spec, runs, models }, datasets: m.datasets, savedAt: m.savedAt };
  } catch (e) {
    const why = e instanceof ProjectError ? e.message : `it could not be read (${e instanceof Error ? e.message : String(e)})`;
    return { ok: false, error: `“${fileName}” is not an ECG Transfer Lab project the lab can open: ${why}.` };
  }
}
