/**
 * The study's model comparison (Jayasundara et al. 2025): the same interval regression — HR, QRS, PR, QT on
 * synthetic ECGs — learned by five architectures, compared by test MAE per target. The study's table:
 * 1D-CNN (InceptionTime), RNN, LSTM, ViT and 2-D CNN; its 1D-CNN reached HR 0.71 bpm, QRS 3.01 ms, PR 5.11 ms,
 * QT 4.13 ms validation MAE and the others were far worse (e.g. PR 13–24 ms).
 *
 * One run reruns the whole table: one pretrain stage per architecture (`regress-<kind>`, the stage's own `model`),
 * all on the same synthetic source, split, seed and training, so every model is tested on the same records and
 * each stage's results carry its test MAE per target with a 95 % bootstrap interval. Sized for a CPU: 500
 * synthetic records (10 s, 100 Hz, the study's 8 leads; 400 / 50 / 50), one multi-output regressor per
 * architecture (one training instead of four), 8 epochs. `modelComparisonSpec(kind)` is the run of one
 * architecture alone (as `cli run --preset model-comparison --model KIND`).
 */
import { defaultSyntheticSpec } from '../../data/synthDataset';
import type { ModelKind } from '../../ml/models/kinds';
import { DEFAULT_TRAINING, SPEC_VERSION, type ExperimentSpec, type StageSpec } from '../spec';

/** The study's five models, in its table's order, as zoo kinds (1D-CNN = the CPU-sized InceptionTime). */
export const MODEL_COMPARISON_KINDS = ['inception1d-small', 'rnn', 'lstm', 'vit1d', 'cnn2d'] as const satisfies readonly ModelKind[];

/** The study's leads (as PAPER_LEADS in ../presets, which imports this file). */
const STUDY_LEADS = ['I', 'II', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6'];
const TARGETS = ['hr_bpm', 'qrs_ms', 'pr_ms', 'qt_ms'] as const;

/** The name of an architecture's stage in the comparison run. */
export const comparisonStageName = (kind: ModelKind) => `regress-${kind}`;

function baseSpec(description: string, kind: ModelKind, stages: StageSpec[]): ExperimentSpec {
  return {
    version: SPEC_VERSION,
    name: 'model-comparison',
    description,
    seed: 1,
    backend: 'auto',
    sources: {
      synth: {
        kind: 'synthetic',
        spec: { ...defaultSyntheticSpec(), name: 'synthetic regression set', n: 500, seed: 17 } as unknown as Record<string, unknown>,
        split: { method: 'random', val: 0.1, test: 0.1 },
      },
    },
    preprocessing: { scaling: 'zscore', leads: STUDY_LEADS },
    model: { kind },
    // the CPU regression settings of ../presets (REGRESSION_TRAINING), fewer epochs
    training: { ...DEFAULT_TRAINING, epochs: 8, batchSize: 32, lr: 0.003, schedule: { kind: 'cosine', minLr: 1e-4 }, patience: 4 },
    stages,
  };
}

/** The comparison run for one architecture alone. */
export function modelComparisonSpec(kind: ModelKind = MODEL_COMPARISON_KINDS[0]): ExperimentSpec {
  return baseSpec(
    `The study's model comparison for one model: HR/QRS/PR/QT regression on synthetic ECGs, test MAE per target (${kind}).`,
    kind,
    [{ kind: 'pretrain', name: 'regress-intervals', source: 'synth', targets: [...TARGETS] }],
  );
}

/** One spec per model of the study's table (the same data, split, seed and training; only the model differs). */
export function modelComparisonSpecs(): ExperimentSpec[] {
  return MODEL_COMPARISON_KINDS.map((k) => modelComparisonSpec(k));
}

/** The preset (registered in ../presets): the study's five-model table in one run, one stage per model. */
export function modelComparison(): ExperimentSpec {
  return baseSpec(
    `The study's model comparison in one run: HR/QRS/PR/QT regression on synthetic ECGs by ${MODEL_COMPARISON_KINDS.join(', ')}; each model's test MAE per target with its 95 % interval, all on the same test records.`,
    MODEL_COMPARISON_KINDS[0],
    MODEL_COMPARISON_KINDS.map((kind) => ({ kind: 'pretrain', name: comparisonStageName(kind), source: 'synth', targets: [...TARGETS], model: { kind } })),
  );
}
