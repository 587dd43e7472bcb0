/**
 * Ready-made experiments. `synthetic-demo` is what the lab opens on.
 * CPU budgets: defaults use 100 Hz data and CPU-sized models (resnet1d-deep for regression pretraining: the one
 * that reached the MAE goals on wasm, docs/engine.md); switch model.kind to 'inception1d' for the paper's full
 * model on a GPU backend.
 */
import { defaultSyntheticSpec, type SyntheticDatasetSpec } from '../data/synthDataset';
import { SUPERCLASSES } from '../formats/recording';
import type { RegressionTarget } from '../data/dataset';
import { DEFAULT_SPLIT, DEFAULT_TRAINING, parseSpec, SPEC_VERSION, type ExperimentSpec } from './spec';
import { modelComparison } from './presets/modelComparison';

export const PAPER_LEADS = ['I', 'II', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6'];
const SHORT: Record<RegressionTarget, string> = { hr_bpm: 'hr', pr_ms: 'pr', qrs_ms: 'qrs', qt_ms: 'qt' };

/**
 * Synthetic regression pretraining that works on a CPU (docs/engine.md, "Runs"): Adam lr 0.003 with a cosine
 * decay to 1e-4, 25 epochs, patience 10 (the measured runs used per-lead z-score input).
 */
export const REGRESSION_TRAINING = { epochs: 25, batchSize: 32, lr: 0.003, schedule: { kind: 'cosine' as const, minLr: 1e-4 }, patience: 10 };

function synth(over: Partial<SyntheticDatasetSpec>): Record<string, unknown> {
  return { ...defaultSyntheticSpec(), ...over } as unknown as Record<string, unknown>;
}

/** Synthetic pretraining (HR) → transfer to morphology classes of a second synthetic set; baseline. */
function syntheticDemo(): ExperimentSpec {
  const classes = ['normal', 'sinus_brady', 'sinus_tachy', 'av_block_1', 'bbb', 'long_qt'];
  return {
    version: SPEC_VERSION,
    name: 'synthetic-demo',
    description: 'Pretrain a heart-rate regressor on synthetic ECGs, transfer it to classify synthetic morphologies, compare with training from scratch.',
    seed: 1,
    backend: 'auto',
    sources: {
      synth: { kind: 'synthetic', spec: synth({ name: 'pretraining set', n: 800, seed: 11 }), split: { method: 'random', val: 0.15, test: 0.15 } },
      morph: {
        kind: 'synthetic',
        spec: synth({ name: 'morphology set', n: 300, seed: 22, presets: Object.fromEntries(classes.map((c) => [c, 1])) }),
        split: { method: 'random', val: 0.2, test: 0.2 },
      },
    },
    preprocessing: { scaling: 'minmax', leads: PAPER_LEADS },
    model: { kind: 'resnet1d' },
    training: { ...DEFAULT_TRAINING, epochs: 12, batchSize: 32, lr: 0.003, patience: 5 },
    stages: [
      { kind: 'pretrain', name: 'pretrain-hr', source: 'synth', targets: ['hr_bpm'] },
      { kind: 'transfer', name: 'transfer-hr', from: 'pretrain-hr', source: 'morph', task: { kind: 'single-label', classes }, mode: 'finetune' },
      { kind: 'baseline', name: 'baseline', source: 'morph', task: { kind: 'single-label', classes } },
    ],
  };
}

/** Runs in well under a minute on a laptop CPU: tiny CNN, lead II, few records and epochs. */
function teachingQuick(): ExperimentSpec {
  const classes = ['normal', 'sinus_brady', 'sinus_tachy', 'bbb'];
  return {
    version: SPEC_VERSION,
    name: 'teaching-quick',
    description: 'A one-minute lesson: pretrain a tiny CNN on heart rate, transfer to rhythm/morphology classes, compare with scratch.',
    seed: 1,
    backend: 'auto',
    sources: {
      synth: { kind: 'synthetic', spec: synth({ name: 'pretraining set', n: 400, seed: 5, leads: '1' }), split: { method: 'random', val: 0.2, test: 0.2 } },
      morph: {
        kind: 'synthetic',
        spec: synth({ name: 'classes set', n: 240, seed: 6, leads: '1', presets: Object.fromEntries(classes.map((c) => [c, 1])) }),
        split: { method: 'random', val: 0.25, test: 0.25 },
      },
    },
    preprocessing: { scaling: 'minmax' },
    model: { kind: 'tiny-cnn' },
    training: { ...DEFAULT_TRAINING, epochs: 10, batchSize: 16, lr: 0.005, patience: 4, schedule: { kind: 'constant' } },
    stages: [
      { kind: 'pretrain', name: 'pretrain-hr', source: 'synth', targets: ['hr_bpm'] },
      { kind: 'transfer', name: 'transfer-hr', from: 'pretrain-hr', source: 'morph', task: { kind: 'single-label', classes }, mode: 'finetune' },
      { kind: 'baseline', name: 'baseline', source: 'morph', task: { kind: 'single-label', classes } },
    ],
  };
}

/** The paper: pretrain HR, QRS, PR, QT separately on synthetic data, transfer each to PTB-XL 5-class, baseline. */
function paperSyntheticToReal(): ExperimentSpec {
  const targets: RegressionTarget[] = ['hr_bpm', 'qrs_ms', 'pr_ms', 'qt_ms'];
  const task = { kind: 'single-label' as const, classes: [...SUPERCLASSES] };
  return {
    version: SPEC_VERSION,
    name: 'paper-synthetic-to-real',
    description: 'Jayasundara et al. 2025: synthetic regression pretraining (HR, QRS, PR, QT) → PTB-XL 5-class transfer vs baseline.',
    seed: 1,
    backend: 'auto',
    sources: {
      synth: { kind: 'synthetic', spec: synth({ name: 'synthetic pretraining set', n: 4000, seed: 1 }), split: { method: 'random', val: 0.1, test: 0.1 } },
      ptbxl: { kind: 'imported', name: 'PTB-XL', split: { ...DEFAULT_SPLIT } },
    },
    preprocessing: { scaling: 'minmax', leads: PAPER_LEADS },
    model: { kind: 'resnet1d-deep' },
    training: { ...DEFAULT_TRAINING, epochs: 30, batchSize: 32, lr: 0.01, schedule: { kind: 'exponential', gamma: 0.99 }, patience: 10 },
    stages: [
      ...targets.map((t) => ({ kind: 'pretrain' as const, name: `pretrain-${SHORT[t]}`, source: 'synth', targets: [t], training: { ...REGRESSION_TRAINING } })),
      ...targets.map((t) => ({
        kind: 'transfer' as const,
        name: `transfer-${SHORT[t]}`,
        from: `pretrain-${SHORT[t]}`,
        source: 'ptbxl',
        task,
        mode: 'finetune' as const,
      })),
      { kind: 'baseline', name: 'baseline', source: 'ptbxl', task },
    ],
  };
}

/**
 * Synthetic-trained interval regressors evaluated on real interval labels (LUDB: cardiologists' wave boundaries;
 * the CLI imports LUDB's 500 Hz records resampled to the model's 100 Hz). One multi-output model predicts HR, PR,
 * QRS and QT (one training instead of four on a CPU); its test metrics on fresh synthetic records and on every
 * labelled real record are reported side by side.
 */
function realIntervals(): ExperimentSpec {
  return {
    version: SPEC_VERSION,
    name: 'real-intervals',
    description: 'Train HR/PR/QRS/QT regressors on synthetic ECGs and measure their error on cardiologist-annotated real ECGs (LUDB).',
    seed: 1,
    backend: 'auto',
    sources: {
      synth: { kind: 'synthetic', spec: synth({ name: 'synthetic pretraining set', n: 3000, seed: 3 }), split: { method: 'random', val: 0.1, test: 0.1 } },
      real: { kind: 'imported', name: 'LUDB' },
    },
    preprocessing: { scaling: 'zscore' },
    model: { kind: 'resnet1d-deep' },
    training: { ...DEFAULT_TRAINING, ...REGRESSION_TRAINING },
    stages: [
      { kind: 'pretrain', name: 'pretrain-intervals', source: 'synth', targets: ['hr_bpm', 'pr_ms', 'qrs_ms', 'qt_ms'] },
      { kind: 'evaluate', name: 'real-intervals', from: 'pretrain-intervals', source: 'real', on: 'all' },
    ],
  };
}

export const PRESETS = {
  'synthetic-demo': syntheticDemo,
  'teaching-quick': teachingQuick,
  'paper-synthetic-to-real': paperSyntheticToReal,
  'real-intervals': realIntervals,
  'model-comparison': modelComparison,
} as const;
export type PresetName = keyof typeof PRESETS;
export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];
export const DEFAULT_PRESET: PresetName = 'synthetic-demo';

/** A fresh, validated copy of a preset. */
export function presetSpec(name: string): ExperimentSpec {
  const f = (PRESETS as Record<string, () => ExperimentSpec>)[name];
  if (!f) throw new Error(`unknown preset "${name}" (presets: ${PRESET_NAMES.join(', ')})`);
  return parseSpec(JSON.parse(JSON.stringify(f())));
}
