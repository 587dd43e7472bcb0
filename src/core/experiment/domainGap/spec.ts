/** The experiment that measures a domain gap (tfjs-free: the page builds it for the Designer's card). */
import { DEFAULT_TRAINING, DOMAIN_CLASSES, DOMAIN_SPLIT, SPEC_VERSION, type ExperimentSpec } from '../spec';

/**
 * How far the synthetic ECGs are from real ones: a tiny CNN trained to tell synthetic records from imported real
 * ones (same 12 leads, 100 Hz, 10 s, per-record z-score; equal counts; split by record, 30 % held out); its test
 * AUC with a 95 % bootstrap interval is the gap (0.5: indistinguishable). `cli run --preset domain-gap --data
 * <PTB-XL root>`; the Designer's domain-gap card runs the same stage on the designer's spec.
 */
export function domainGapSpec(synthetic: Record<string, unknown>, real: { name: string; fingerprint?: string }): ExperimentSpec {
  return {
    version: SPEC_VERSION,
    name: 'domain-gap',
    description: 'Train a small classifier to tell synthetic from real ECGs; its held-out AUC measures the domain gap (0.5 = indistinguishable).',
    seed: 1,
    backend: 'auto',
    sources: {
      synth: { kind: 'synthetic', spec: synthetic },
      real: { kind: 'imported', name: real.name, ...(real.fingerprint ? { fingerprint: real.fingerprint } : {}), split: { ...DOMAIN_SPLIT } },
    },
    preprocessing: { scaling: 'zscore' },
    model: { kind: 'tiny-cnn' },
    training: { ...DEFAULT_TRAINING, epochs: 15, batchSize: 32, lr: 0.003, patience: 5, schedule: { kind: 'constant' } },
    stages: [{ kind: 'baseline', name: 'domain-gap', source: 'synth', against: 'real', task: { kind: 'single-label', classes: [...DOMAIN_CLASSES] } }],
  };
}

