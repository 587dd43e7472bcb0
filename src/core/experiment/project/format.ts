/**
 * The project file: an experiment's spec, its runs' results and (optionally) the trained models, in one file a
 * person keeps or hands on, and the lab opens again. No dataset is inside: only the names and content
 * fingerprints of the imported datasets the specs use (datasetMatch.ts), so the receiver knows what to drop.
 *
 * On disk it is a zip (`*.ecglab.zip`): `project.json` (this schema) and, per model, `models/<i>/model.json`
 * (tfjs topology and weight specs) and `models/<i>/weights.bin`. `project.json` alone (`*.ecglab.json`) opens too.
 */
import { z } from 'zod';

export const PROJECT_FORMAT = 'ecg-transfer-lab-project';
export const PROJECT_VERSION = 1;
/** The file name endings the lab recognises as a project (a drop anywhere opens these). */
export const PROJECT_SUFFIXES = ['.ecglab.zip', '.ecglab.json'] as const;
export const PROJECT_JSON = 'project.json';

export const RUN_STATUSES = ['done', 'interrupted', 'cancelled', 'error'] as const;

const datasetSchema = z
  .object({
    /** The source's key in the spec that names it. */
    source: z.string(),
    name: z.string(),
    fingerprint: z.string().optional(),
  })
  .strict();

/** Results are the engine's RunResults: checked here for the parts the lab reads to show them. */
const resultsSchema = z
  .object({
    version: z.literal(1),
    name: z.string(),
    stages: z.array(z.object({ name: z.string(), kind: z.string(), history: z.array(z.object({ epoch: z.number() }).passthrough()) }).passthrough()),
  })
  .passthrough();

/** A live-charts snapshot (runs that stopped before their results). */
const liveSchema = z.object({ stages: z.array(z.object({ name: z.string(), kind: z.string(), epochs: z.array(z.unknown()) }).passthrough()) }).passthrough();

const runSchema = z
  .object({
    id: z.string().min(1),
    name: z.string(),
    presetName: z.string(),
    createdAt: z.number(),
    finishedAt: z.number().optional(),
    status: z.enum(RUN_STATUSES),
    /** Validated as an experiment spec when the file is opened (parseSpec, with its version migration). */
    spec: z.unknown(),
    backend: z.object({ backend: z.string() }).passthrough().optional(),
    error: z.string().optional(),
    results: resultsSchema.optional(),
    live: liveSchema.optional(),
  })
  .strict();

const modelSchema = z
  .object({
    runId: z.string().min(1),
    stage: z.string().min(1),
    /** Folder of the model's files in the zip, e.g. "models/0/". */
    path: z.string().regex(/^models\/\d+\/$/),
    /** Size of weights.bin, checked when the file is opened. */
    weightBytes: z.number().int().min(0),
  })
  .strict();

export const projectSchema = z
  .object({
    format: z.literal(PROJECT_FORMAT),
    version: z.literal(PROJECT_VERSION),
    savedAt: z.string(),
    name: z.string().min(1),
    presetName: z.string(),
    /** The experiment being edited when the project was saved. */
    spec: z.unknown(),
    datasets: z.array(datasetSchema),
    runs: z.array(runSchema),
    models: z.array(modelSchema),
  })
  .strict();

export type ProjectManifest = z.infer<typeof projectSchema>;
export type ProjectDataset = z.infer<typeof datasetSchema>;
export type ProjectRunStatus = (typeof RUN_STATUSES)[number];

/** True for a file name the lab opens as a project. */
export function isProjectFileName(name: string): boolean {
  const n = name.toLowerCase();
  return PROJECT_SUFFIXES.some((s) => n.endsWith(s));
}
