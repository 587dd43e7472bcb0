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
import { domainGapSpec } from './domainGap/spec';
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
 * The study's protocol as published: single-label PTB-XL records, a seeded random 70/10/20 split, per-lead
 * min-max scaling, leads I, II, V1–V6, InceptionTime (`inception1d`), Adam lr 0.01 with ExponentialLR γ 0.99,
 * batch 31, early stopping with patience 50 on validation macro AUC (L1 for the regressors), the first
 * inception block frozen and the head swapped in transfer (mode 'finetune'). GPU-sized: hours on a CPU.
 */
function paperExact(): ExperimentSpec {
  const targets: RegressionTarget[] = ['hr_bpm', 'qrs_ms', 'pr_ms', 'qt_ms'];
  const task = { kind: 'single-label' as const, classes: [...SUPERCLASSES] };
  const split = { method: 'random' as const, val: 0.1, test: 0.2 };
  return {
    version: SPEC_VERSION,
    name: 'paper-exact',
    description: 'Jayasundara et al. 2025 exactly: InceptionTime, random 70/10/20 split, Adam 0.01 × 0.99/epoch, batch 31, patience 50; synthetic HR/QRS/PR/QT pretraining → PTB-XL 5-class.',
    seed: 1,
    backend: 'auto',
    sources: {
      synth: { kind: 'synthetic', spec: synth({ name: 'synthetic pretraining set', n: 4000, seed: 1 }), split },
      ptbxl: { kind: 'imported', name: 'PTB-XL', split },
    },
    preprocessing: { scaling: 'minmax', leads: PAPER_LEADS },
    model: { kind: 'inception1d' },
    training: { epochs: 300, batchSize: 31, lr: 0.01, weightDecay: 0, schedule: { kind: 'exponential', gamma: 0.99 }, patience: 50, restoreBest: true, classWeighting: 'none' },
    stages: [
      ...targets.map((t) => ({ kind: 'pretrain' as const, name: `pretrain-${SHORT[t]}`, source: 'synth', targets: [t] })),
      ...targets.map((t) => ({ kind: 'transfer' as const, name: `transfer-${SHORT[t]}`, from: `pretrain-${SHORT[t]}`, source: 'ptbxl', task, mode: 'finetune' as const })),
      { kind: 'baseline', name: 'baseline', source: 'ptbxl', task },
    ],
  };
}

/**
 * The PTB-XL benchmark (Strodthoff et al. 2021, "superdiagnostic"): multi-label 5 superclasses, strat_fold 1–8
 * train / 9 val / 10 test, all 12 leads at 100 Hz, macro AUC on fold 10 — comparable with the published
 * leaderboard (inception1d 0.921, resnet1d_wang 0.930). Differences: per-record z-score instead of train-set
 * channel statistics; Adam with L2 decay and a cosine schedule instead of AdamW with one-cycle.
 */
function ptbxlBenchmark(): ExperimentSpec {
  return {
    version: SPEC_VERSION,
    name: 'ptbxl-benchmark',
    description: 'PTB-XL superdiagnostic benchmark: multi-label 5 classes, folds 1–8 / 9 / 10, macro AUC (leaderboard: inception1d 0.921).',
    seed: 1,
    backend: 'auto',
    sources: { ptbxl: { kind: 'imported', name: 'PTB-XL', split: { method: 'folds', val: 0.1, test: 0.1 } } },
    preprocessing: { scaling: 'zscore' },
    model: { kind: 'inception1d' },
    training: { epochs: 50, batchSize: 128, lr: 0.01, weightDecay: 0.01, schedule: { kind: 'cosine', minLr: 1e-5 }, patience: 0, restoreBest: false, classWeighting: 'none' },
    stages: [{ kind: 'baseline', name: 'baseline', source: 'ptbxl', task: { kind: 'multi-label', classes: [...SUPERCLASSES] } }],
  };
}

/** Label budgets of the label-efficiency preset (fractions of the PTB-XL training split). */
export const LABEL_EFFICIENCY_BUDGETS = [0.05, 0.1, 0.25, 0.5, 1];

/**
 * Does synthetic pretraining help when labels are scarce? Baseline vs the four transfers at 5–100 % of the
 * PTB-XL training split, 3 repeats. Sized for 2 CPU cores on ptb-xl-1000 (774 single-label records; folds 1–8
 * train): `resnet1d`, 600 synthetic pretraining records, 8 pretraining and 10 classification epochs, patience 4.
 */
function labelEfficiency(): ExperimentSpec {
  const targets: RegressionTarget[] = ['hr_bpm', 'qrs_ms', 'pr_ms', 'qt_ms'];
  const task = { kind: 'single-label' as const, classes: [...SUPERCLASSES] };
  return {
    version: SPEC_VERSION,
    name: 'label-efficiency',
    description: 'Baseline vs transfer from HR, QRS, PR and QT pretraining with 5, 10, 25, 50 and 100 % of the PTB-XL training labels, 3 repeats: where does pretraining help?',
    seed: 1,
    backend: 'auto',
    sources: {
      synth: { kind: 'synthetic', spec: synth({ name: 'synthetic pretraining set', n: 600, seed: 1 }), split: { method: 'random', val: 0.1, test: 0.1 } },
      ptbxl: { kind: 'imported', name: 'PTB-XL', split: { ...DEFAULT_SPLIT } },
    },
    preprocessing: { scaling: 'minmax', leads: PAPER_LEADS },
    model: { kind: 'resnet1d' },
    training: { ...DEFAULT_TRAINING, epochs: 10, batchSize: 32, lr: 0.003, schedule: { kind: 'exponential', gamma: 0.95 }, patience: 4 },
    stages: [
      ...targets.map((t) => ({ kind: 'pretrain' as const, name: `pretrain-${SHORT[t]}`, source: 'synth', targets: [t], training: { ...REGRESSION_TRAINING, epochs: 8, patience: 4 } })),
      ...targets.map((t) => ({ kind: 'transfer' as const, name: `transfer-${SHORT[t]}`, from: `pretrain-${SHORT[t]}`, source: 'ptbxl', task, mode: 'finetune' as const })),
      { kind: 'baseline', name: 'baseline', source: 'ptbxl', task },
    ],
    repeats: 3,
    labelBudgets: [...LABEL_EFFICIENCY_BUDGETS],
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

/**
 * The same regressors on the QT database's manually annotated beats (.q1c, annotator 1): 10-s windows of each
 * 15-min record that hold annotated beats, each labelled from its own beats (`windows: 'annotated'`). Lead V5 only:
 * the one lead every shared QTDB record has (sel100: MLII, V5; sel102: V5, V2), so the model is trained on
 * synthetic V5 alone.
 */
function realIntervalsQtdb(): ExperimentSpec {
  const base = realIntervals();
  return {
    ...base,
    name: 'real-intervals-qtdb',
    description: 'Train HR/PR/QRS/QT regressors on synthetic lead V5 and measure their error on the QT database\'s manually annotated beats (.q1c).',
    sources: { ...base.sources, real: { kind: 'imported', name: 'QTDB', windows: 'annotated' } },
    preprocessing: { ...base.preprocessing, leads: ['V5'] },
  };
}

/** The domain gap of the default synthetic source against PTB-XL (domainGap/spec.ts). */
function domainGap(): ExperimentSpec {
  return domainGapSpec(synth({ name: 'synthetic set', n: 400, seed: 7 }), { name: 'PTB-XL' });
}

export const PRESETS = {
  'synthetic-demo': syntheticDemo,
  'teaching-quick': teachingQuick,
  'paper-synthetic-to-real': paperSyntheticToReal,
  'real-intervals': realIntervals,
  'real-intervals-qtdb': realIntervalsQtdb,
  'domain-gap': domainGap,
  'paper-exact': paperExact,
  'ptbxl-benchmark': ptbxlBenchmark,
  'label-efficiency': labelEfficiency,
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
