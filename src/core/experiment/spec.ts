/**
 * The Experiment spec, version 2: what data, which preprocessing and model, which stages with which
 * hyper-parameters, backend preference and seed; version 2 adds a sweep: `repeats` (independent seeds) and
 * `labelBudgets` (subsets of the classification training split). Version 1 specs are migrated (`migrateSpec`).
 * Validated with zod; errors name the field path.
 * Imported data is referenced by name + content fingerprint (+ an optional path for the CLI), never embedded.
 */
import { z } from 'zod';
import { REGRESSION_TARGETS } from '../data/dataset';
import { validateSyntheticSpec, type SyntheticDatasetSpec } from '../data/synthDataset';
import { BACKEND_PREFS } from '../ml/backendPrefs';
import { MODEL_KINDS } from '../ml/models/kinds';
import { TRANSFER_MODES } from '../ml/transfer';

export const SPEC_VERSION = 2;
/** Spec versions this lab reads (older ones are migrated to SPEC_VERSION). */
export const READABLE_SPEC_VERSIONS = [1, 2] as const;

const name = z.string().min(1).max(80).regex(/^[A-Za-z0-9_.-]+$/, 'use letters, digits, "_", "-" or "."');
const seed = z.number().int().min(0).max(0xffffffff);

const scheduleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('constant') }).strict(),
  z.object({ kind: z.literal('step'), stepEpochs: z.number().int().min(1), gamma: z.number().positive().max(1) }).strict(),
  z.object({ kind: z.literal('exponential'), gamma: z.number().positive().max(1) }).strict(),
  z.object({ kind: z.literal('cosine'), minLr: z.number().min(0).optional() }).strict(),
]);

export const trainingSchema = z
  .object({
    epochs: z.number().int().min(1).max(10000),
    batchSize: z.number().int().min(2).max(4096),
    lr: z.number().positive().max(10),
    weightDecay: z.number().min(0).max(1),
    schedule: scheduleSchema,
    /** Early-stopping patience in epochs; 0 disables early stopping. */
    patience: z.number().int().min(0),
    restoreBest: z.boolean(),
    classWeighting: z.enum(['none', 'balanced']),
  })
  .strict();
export type TrainingParams = z.infer<typeof trainingSchema>;

export const DEFAULT_TRAINING: TrainingParams = {
  epochs: 20,
  batchSize: 32,
  lr: 0.001,
  weightDecay: 0,
  schedule: { kind: 'exponential', gamma: 0.99 },
  patience: 10,
  restoreBest: true,
  classWeighting: 'none',
};

const splitSchema = z
  .object({
    /** 'auto': PTB-XL strat_fold (1–8/9/10) when folds are known and large enough, else seeded stratified random. */
    method: z.enum(['auto', 'folds', 'random']),
    val: z.number().min(0).max(0.5),
    test: z.number().min(0).max(0.5),
    /** Smallest acceptable val/test fold (records) before 'auto' falls back to a random split. */
    minFoldRecords: z.number().int().min(1).optional(),
  })
  .strict();
export type SplitSpec = z.infer<typeof splitSchema>;
export const DEFAULT_SPLIT: SplitSpec = { method: 'auto', val: 0.15, test: 0.15, minFoldRecords: 20 };

const syntheticSource = z
  .object({
    kind: z.literal('synthetic'),
    /** A SyntheticDatasetSpec (src/core/data/synthDataset.ts), validated by its own validator. */
    spec: z.record(z.string(), z.unknown()),
    split: splitSchema.optional(),
  })
  .strict();

const importedSource = z
  .object({
    kind: z.literal('imported'),
    /** Display name, e.g. "PTB-XL (100 records)". */
    name: z.string().min(1),
    /** Content fingerprint of the EcgDataset; the host must supply a dataset with this fingerprint (or none given). */
    fingerprint: z.string().optional(),
    /** Folder/file paths (CLI only; the lab supplies datasets directly). */
    paths: z.array(z.string()).optional(),
    /**
     * How the CLI cuts records longer than the model's input (data/importDataset.ts `windows`): 'annotated' keeps
     * the windows holding annotated beats, each labelled from its own wave boundaries (QT database .q1c).
     */
    windows: z.enum(['first', 'consecutive', 'annotated']).optional(),
    split: splitSchema.optional(),
  })
  .strict();

const sourceSchema = z.discriminatedUnion('kind', [syntheticSource, importedSource]);

export const taskSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('single-label'), classes: z.array(z.string().min(1)).min(2) }).strict(),
  z.object({ kind: z.literal('multi-label'), classes: z.array(z.string().min(1)).min(1) }).strict(),
]);

const target = z.enum(REGRESSION_TARGETS);
const partialTraining = trainingSchema.partial();

const pretrainStage = z
  .object({
    kind: z.literal('pretrain'),
    name,
    source: name,
    /** One model per target as in the paper (one entry), or a multi-output model (several). */
    targets: z.array(target).min(1),
    training: partialTraining.optional(),
    /** This stage's architecture instead of the spec's `model` (a comparison of models in one run). */
    model: z.object({ kind: z.enum(MODEL_KINDS) }).strict().optional(),
  })
  .strict();

const classifyCommon = {
  name,
  source: name,
  task: taskSchema,
  training: partialTraining.optional(),
};

const transferStage = z
  .object({
    kind: z.literal('transfer'),
    ...classifyCommon,
    /** Name of the pretrain stage whose model is transferred. */
    from: name,
    mode: z.enum(TRANSFER_MODES),
    /** For 'frozen-then-unfreeze': epochs with the backbone frozen, and the lr factor after unfreezing. */
    unfreezeAfterEpochs: z.number().int().min(1).optional(),
    unfreezeLrFactor: z.number().positive().max(1).optional(),
  })
  .strict();

/** The classes of a domain-gap baseline (one with `against`): which of the two sources a record came from. */
export const DOMAIN_CLASSES = ['real', 'synthetic'] as const;
/** The default split of a domain-gap stage's mixed records: 30 % held out (AUC intervals need test records), 15 % validation. */
export const DOMAIN_SPLIT: SplitSpec = { method: 'random', val: 0.15, test: 0.3 };

const baselineStage = z
  .object({
    kind: z.literal('baseline'),
    ...classifyCommon,
    /**
     * A domain-gap classifier: trained to tell `source` (class 'synthetic') from this source (class 'real') on equal
     * record counts, split by record (experiment/domainGap/); its task must be single-label ['real', 'synthetic'].
     */
    against: name.optional(),
    /** This stage's architecture instead of the spec's `model`. */
    model: z.object({ kind: z.enum(MODEL_KINDS) }).strict().optional(),
  })
  .strict();

const evaluateStage = z
  .object({
    kind: z.literal('evaluate'),
    name,
    /** Stage whose trained model is evaluated. */
    from: name,
    source: name,
    /** Evaluate on the source's test split or on all of its records (e.g. LUDB interval labels). */
    on: z.enum(['test', 'all']),
  })
  .strict();

/**
 * A label budget: a fraction of the classification training split in (0, 1], or an absolute count of training
 * records (an integer ≥ 2). 1 means the whole split.
 */
export const labelBudgetSchema = z
  .number()
  .positive('a label budget is a fraction in (0, 1] or a record count ≥ 2')
  .refine((b) => b <= 1 || Number.isInteger(b), 'a label budget above 1 is a record count and must be an integer');

const stageSchema = z.discriminatedUnion('kind', [pretrainStage, transferStage, baselineStage, evaluateStage]);

export const specSchema = z
  .object({
    version: z.literal(SPEC_VERSION),
    name: z.string().min(1).max(120),
    description: z.string().optional(),
    seed,
    backend: z.enum(BACKEND_PREFS as unknown as ['auto', 'webgpu', 'webgl', 'wasm', 'cpu']),
    sources: z.record(name, sourceSchema),
    preprocessing: z
      .object({
        scaling: z.enum(['minmax', 'zscore', 'none']),
        /** Leads fed to the model by name (e.g. the paper's I, II, V1–V6); omitted = all leads of the first source. */
        leads: z.array(z.string().min(1)).min(1).optional(),
      })
      .strict(),
    model: z.object({ kind: z.enum(MODEL_KINDS) }).strict(),
    training: trainingSchema,
    stages: z.array(stageSchema).min(1),
    /**
     * Independent repeats of the whole experiment (default 1). Repeat 0 uses `seed`; repeat k > 0 a seed derived
     * from it: new random splits (fold splits stay fixed), new initialisation, new shuffling.
     */
    repeats: z.number().int().min(1).max(100).optional(),
    /**
     * Label budgets of the transfer and baseline stages (default [1]): each trains on a class-stratified subset of
     * its training split; smaller subsets are nested in larger ones; validation and test never shrink.
     */
    labelBudgets: z.array(labelBudgetSchema).min(1).max(20).optional(),
  })
  .strict();

export type ExperimentSpec = z.infer<typeof specSchema>;
export type StageSpec = ExperimentSpec['stages'][number];
export type SourceSpec = ExperimentSpec['sources'][string];
export type TaskSpecClassify = z.infer<typeof taskSchema>;

export class SpecError extends Error {
  override name = 'SpecError';
  constructor(
    /** Field path, e.g. "stages[1].from". */
    readonly path: string,
    message: string,
  ) {
    super(path ? `${path}: ${message}` : message);
  }
}

function pathOf(p: readonly PropertyKey[]): string {
  return p.reduce<string>((acc, k) => (typeof k === 'number' ? `${acc}[${k}]` : acc ? `${acc}.${String(k)}` : String(k)), '');
}

/** Cross-field checks zod cannot express per field. */
function checkReferences(spec: ExperimentSpec): void {
  const budgets = spec.labelBudgets ?? [];
  budgets.forEach((b, i) => {
    if (budgets.indexOf(b) !== i) throw new SpecError(`labelBudgets[${i}]`, `duplicate label budget ${b}`);
  });
  const seen = new Map<string, StageSpec>();
  spec.stages.forEach((st, i) => {
    const at = `stages[${i}]`;
    if (seen.has(st.name)) throw new SpecError(`${at}.name`, `duplicate stage name "${st.name}"`);
    if (!spec.sources[st.source]) throw new SpecError(`${at}.source`, `unknown source "${st.source}" (sources: ${Object.keys(spec.sources).join(', ') || 'none'})`);
    if (st.kind === 'transfer' || st.kind === 'evaluate') {
      const from = seen.get(st.from);
      if (!from) throw new SpecError(`${at}.from`, `"${st.from}" is not an earlier stage`);
      if (st.kind === 'transfer' && from.kind !== 'pretrain') throw new SpecError(`${at}.from`, `transfer needs a pretrain stage, "${st.from}" is ${from.kind}`);
      if (st.kind === 'evaluate' && from.kind === 'evaluate') throw new SpecError(`${at}.from`, `cannot evaluate an evaluate stage`);
    }
    if (st.kind === 'baseline' && st.against !== undefined) {
      if (!spec.sources[st.against]) throw new SpecError(`${at}.against`, `unknown source "${st.against}" (sources: ${Object.keys(spec.sources).join(', ')})`);
      if (st.against === st.source) throw new SpecError(`${at}.against`, `a domain-gap stage compares two different sources`);
      if (st.task.kind !== 'single-label' || st.task.classes.join(',') !== DOMAIN_CLASSES.join(',')) {
        throw new SpecError(`${at}.task`, `a domain-gap stage (with "against") has the task single-label ["real", "synthetic"]`);
      }
    }
    if (st.kind === 'transfer' && st.mode === 'frozen-then-unfreeze' && st.unfreezeAfterEpochs === undefined) {
      throw new SpecError(`${at}.unfreezeAfterEpochs`, `required for mode "frozen-then-unfreeze"`);
    }
    seen.set(st.name, st);
  });
  for (const [key, src] of Object.entries(spec.sources)) {
    if (src.kind !== 'synthetic') continue;
    try {
      validateSyntheticSpec(src.spec as unknown as SyntheticDatasetSpec);
    } catch (e) {
      const param = (e as { param?: string }).param;
      throw new SpecError(`sources.${key}.spec${param ? '.' + param : ''}`, e instanceof Error ? e.message : String(e));
    }
  }
}

/**
 * Brings a spec object of any readable version to SPEC_VERSION (returns a new object; the input is not changed).
 * v1 → v2: only the version changes (a v1 spec is one repeat at the full label budget). Throws SpecError on a
 * non-object or an unknown version.
 */
export function migrateSpec(obj: unknown): Record<string, unknown> {
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) throw new SpecError('', 'the spec must be a JSON object');
  const v = (obj as { version?: unknown }).version;
  if (!(READABLE_SPEC_VERSIONS as readonly unknown[]).includes(v)) {
    throw new SpecError('version', `unsupported spec version ${JSON.stringify(v)} (this lab reads versions ${READABLE_SPEC_VERSIONS.join(' and ')})`);
  }
  const out = { ...(obj as Record<string, unknown>) };
  if (v === 1) out.version = 2;
  return out;
}

/** Validates a spec object (or JSON text), migrating older versions. Throws SpecError naming the field; unknown versions are rejected. */
export function parseSpec(json: unknown): ExperimentSpec {
  let obj = json;
  if (typeof json === 'string') {
    try {
      obj = JSON.parse(json);
    } catch (e) {
      throw new SpecError('', `not valid JSON (${e instanceof Error ? e.message : String(e)})`);
    }
  }
  const r = specSchema.safeParse(migrateSpec(obj));
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new SpecError(pathOf(issue.path), issue.message);
  }
  checkReferences(r.data);
  return r.data;
}

/** Stage hyper-parameters: the spec's defaults overridden by the stage's own. */
export function stageTraining(spec: ExperimentSpec, st: StageSpec): TrainingParams {
  return { ...spec.training, ...('training' in st ? (st.training ?? {}) : {}) } as TrainingParams;
}

/**
 * The architecture a stage trains: its own `model` (pretrain, baseline), else the spec's; a transfer or an
 * evaluation uses its `from` stage's (a transfer copies that model's layers).
 */
export function stageModelKind(spec: ExperimentSpec, st: StageSpec): ExperimentSpec['model']['kind'] {
  const seen = new Set<string>();
  let cur: StageSpec | undefined = st;
  while (cur && (cur.kind === 'transfer' || cur.kind === 'evaluate') && !seen.has(cur.name)) {
    seen.add(cur.name);
    const from: string = cur.from;
    cur = spec.stages.find((x) => x.name === from);
  }
  return (cur && 'model' in cur && cur.model?.kind) || spec.model.kind;
}

/** Repeats of a spec (1 when not given). */
export function specRepeats(spec: ExperimentSpec): number {
  return spec.repeats ?? 1;
}

/** Label budgets of a spec, in the spec's order ([1] when not given). */
export function specBudgets(spec: ExperimentSpec): number[] {
  return [...(spec.labelBudgets ?? [1])];
}
