/** Model kinds (tfjs-free, so the experiment spec can validate them without pulling in tfjs). */
export const MODEL_KINDS = [
  'inception1d',
  'inception1d-small',
  'resnet1d',
  'resnet1d-deep',
  'tiny-cnn',
  'lstm',
  'gru',
  'rnn',
  'cnn2d',
  'vit1d',
] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];
