/**
 * Transfer from a trained model to a new task: same architecture, new head_out layer, every other weight copied;
 * freezing follows the layer-name convention of models/common.ts.
 */
import type * as tf from '@tensorflow/tfjs';

/**
 * - 'finetune' (the paper): freeze the first block, fine-tune the rest;
 * - 'full': fine-tune everything;
 * - 'frozen': train only the head (frozen backbone);
 * - 'frozen-then-unfreeze': head only for K epochs, then everything at a lower learning rate.
 */
export const TRANSFER_MODES = ['finetune', 'full', 'frozen', 'frozen-then-unfreeze'] as const;
export type TransferMode = (typeof TRANSFER_MODES)[number];

/** Layer-name prefixes frozen at the start of training in each mode. */
export function frozenPrefixes(mode: TransferMode): string[] {
  switch (mode) {
    case 'finetune':
      return ['bb1_'];
    case 'full':
      return [];
    case 'frozen':
    case 'frozen-then-unfreeze':
      return ['bb'];
  }
}

export function setFrozen(model: tf.LayersModel, prefixes: string[], frozen: boolean): string[] {
  const hit: string[] = [];
  for (const layer of model.layers) {
    if (prefixes.some((p) => layer.name.startsWith(p)) && layer.weights.length > 0) {
      layer.trainable = !frozen;
      hit.push(layer.name);
    }
  }
  return hit;
}

export interface TransferReport {
  copied: string[];
  /** Layers left at their fresh initialisation (the new head, or shape mismatches). */
  fresh: string[];
}

/**
 * Copies the weights of every layer of `source` into the same-named layer of `target` when shapes match,
 * except the replaced output layer `head_out` (and any listed in `reinit`).
 */
export function copyWeights(source: tf.LayersModel, target: tf.LayersModel, reinit: string[] = ['head_out']): TransferReport {
  const copied: string[] = [];
  const fresh: string[] = [];
  for (const layer of target.layers) {
    if (layer.weights.length === 0) continue;
    let src: tf.layers.Layer | undefined;
    try {
      src = source.getLayer(layer.name);
    } catch {
      src = undefined;
    }
    const sw = src?.getWeights();
    const ok =
      !reinit.includes(layer.name) &&
      sw !== undefined &&
      sw.length === layer.weights.length &&
      sw.every((w, i) => w.shape.join() === layer.weights[i].shape.join());
    if (ok) {
      layer.setWeights(sw!);
      copied.push(layer.name);
    } else fresh.push(layer.name);
  }
  return { copied, fresh };
}
