/** The model zoo: one builder per architecture, all with the layer-naming convention of ./common. */
import type * as tf from '@tensorflow/tfjs';
import { buildInception1d, INCEPTION_FULL, INCEPTION_SMALL } from './inception1d';
import { buildResNet1d, RESNET_DEEP } from './resnet1d';
import { buildCnn2d } from './cnn2d';
import { buildRecurrent } from './recurrent';
import { buildTinyCnn } from './tiny';
import { buildVit1d, VIT_SMALL } from './vit1d';

import type { ModelKind } from './kinds';

export { MODEL_KINDS, type ModelKind } from './kinds';

export interface ModelConfig {
  kind: ModelKind;
  nLeads: number;
  nSamples: number;
  nOut: number;
  seed: number;
}

export function buildModel(cfg: ModelConfig): tf.LayersModel {
  const { nSamples, nLeads, nOut, seed } = cfg;
  switch (cfg.kind) {
    case 'inception1d':
      return buildInception1d(nSamples, nLeads, nOut, seed, INCEPTION_FULL);
    case 'inception1d-small':
      return buildInception1d(nSamples, nLeads, nOut, seed, INCEPTION_SMALL);
    case 'resnet1d':
      return buildResNet1d(nSamples, nLeads, nOut, seed);
    case 'resnet1d-deep':
      return buildResNet1d(nSamples, nLeads, nOut, seed, RESNET_DEEP);
    case 'tiny-cnn':
      return buildTinyCnn(nSamples, nLeads, nOut, seed);
    case 'lstm':
    case 'gru':
    case 'rnn':
      return buildRecurrent(nSamples, nLeads, nOut, seed, { cell: cfg.kind });
    case 'cnn2d':
      return buildCnn2d(nSamples, nLeads, nOut, seed);
    case 'vit1d':
      return buildVit1d(nSamples, nLeads, nOut, seed, VIT_SMALL);
  }
}

export { INCEPTION_FULL, INCEPTION_SMALL, VIT_SMALL };
export { MultiHeadSelfAttention, PositionEmbedding } from './attention';
