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

export interface ModelInfo {
  kind: ModelKind;
  label: string;
  description: string;
}

export const MODEL_INFO: Record<ModelKind, ModelInfo> = {
  inception1d: {
    kind: 'inception1d',
    label: 'InceptionTime-1D (paper, full size)',
    description: '6 inception blocks × 128 channels, kernels 39/19/9, residual every 3 blocks; 506 369 params at 8 leads. For GPU (WebGPU).',
  },
  'inception1d-small': {
    kind: 'inception1d-small',
    label: 'InceptionTime-1D, scaled down (CPU)',
    description: 'Same architecture with 8 filters per branch (32 channels), 3 blocks, head 64: about 30× fewer FLOPs.',
  },
  resnet1d: {
    kind: 'resnet1d',
    label: 'ResNet1D (small)',
    description: 'Stem conv + 3 basic residual blocks (16/32/64 channels, kernel 7, stride-2 downsampling).',
  },
  'resnet1d-deep': {
    kind: 'resnet1d-deep',
    label: 'ResNet1D, 4 stages (2.8 s receptive field)',
    description: 'Full-rate stem + 4 residual blocks (16/32/64/64, kernel 7, each downsampling by 2): sees two beats even at 35 bpm. Best CPU model for heart rate.',
  },
  'tiny-cnn': {
    kind: 'tiny-cnn',
    label: 'Tiny CNN (teaching)',
    description: '3 conv layers (8/16/32) with pooling; trains in seconds.',
  },
  lstm: {
    kind: 'lstm',
    label: 'LSTM (teaching comparison)',
    description: 'Conv front + 4× pooling, then one LSTM of 32 units.',
  },
  gru: {
    kind: 'gru',
    label: 'GRU (model comparison)',
    description: 'Conv front + 4× pooling, then one GRU of 32 units.',
  },
  rnn: {
    kind: 'rnn',
    label: 'Plain RNN (model comparison)',
    description: 'Conv front + 4× pooling, then one plain (tanh) recurrent layer of 32 units.',
  },
  cnn2d: {
    kind: 'cnn2d',
    label: '2-D CNN (model comparison)',
    description: 'Reads the record as a time × leads image: 3 conv2d blocks (8/16/32, kernels across time and neighbouring leads), pooling, dense head.',
  },
  vit1d: {
    kind: 'vit1d',
    label: '1-D ViT (model comparison)',
    description: 'Transformer: 0.2 s patches (50 tokens for 10 s at 100 Hz) as 32-wide tokens, learned positions, 2 encoder blocks of 4-head self-attention + MLP, average pooling.',
  },
};

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
