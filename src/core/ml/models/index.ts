/** The model zoo: one builder per architecture, all with the layer-naming convention of ./common. */
import type * as tf from '@tensorflow/tfjs';
import { buildInception1d, INCEPTION_FULL, INCEPTION_SMALL } from './inception1d';
import { buildResNet1d, RESNET_DEEP } from './resnet1d';
import { buildLstm, buildTinyCnn } from './tiny';

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
      return buildLstm(nSamples, nLeads, nOut, seed);
  }
}

export { INCEPTION_FULL, INCEPTION_SMALL };
