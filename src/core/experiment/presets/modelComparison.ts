/**
 * The study's model comparison (Jayasundara et al. 2025): the same interval regression — HR, QRS, PR, QT on
 * synthetic ECGs — learned by five architectures, compared by test MAE per target. The study's table:
 * 1D-CNN (InceptionTime), RNN, LSTM, ViT and 2-D CNN; its 1D-CNN reached HR 0.71 bpm, QRS 3.01 ms, PR 5.11 ms,
 * QT 4.13 ms validation MAE and the others were far worse (e.g. PR 13–24 ms).
 *
 * Sized for a CPU: 500 synthetic records (10 s, 100 Hz, the study's 8 leads; 400 / 50 / 50), one multi-output
 * regressor per architecture (one training instead of four), 8 epochs. The spec holds one model (`model.kind`): the preset is
 * the 1D-CNN run, `modelComparisonSpecs()` gives all five (the same data, split, seed and training; only the
 * model differs), and `cli run --preset model-comparison --model KIND` runs any one of them.
 */
import { defaultSyntheticSpec } from '../../data/synthDataset';
import type { ModelKind } from '../../ml/models/kinds';
import { DEFAULT_TRAINING, SPEC_VERSION, type ExperimentSpec } from '../spec';

/** The study's five models, in its table's order, as zoo kinds (1D-CNN = the CPU-sized InceptionTime). */
export const MODEL_COMPARISON_KINDS = ['inception1d-small', 'rnn', 'lstm', 'vit1d', 'cnn2d'] as const satisfies readonly ModelKind[];

/** The study's leads (as PAPER_LEADS in ../presets, which imports this file). */
const STUDY_LEADS = ['I', 'II', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6'];

/** The comparison run for one architecture. */
export function modelComparisonSpec(kind: ModelKind = MODEL_COMPARISON_KINDS[0]): ExperimentSpec {
  return {
    version: SPEC_VERSION,
    name: 'model-comparison',
    description: `The study's model comparison: HR/QRS/PR/QT regression on synthetic ECGs, test MAE per target (this run: ${kind}; the table's models: ${MODEL_COMPARISON_KINDS.join(', ')}).`,
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
    stages: [{ kind: 'pretrain', name: 'regress-intervals', source: 'synth', targets: ['hr_bpm', 'qrs_ms', 'pr_ms', 'qt_ms'] }],
  };
}

/** One spec per model of the study's table. */
export function modelComparisonSpecs(): ExperimentSpec[] {
  return MODEL_COMPARISON_KINDS.map((k) => modelComparisonSpec(k));
}

/** The preset (registered in ../presets): the table's first model. */
export function modelComparison(): ExperimentSpec {
  return modelComparisonSpec();
}
