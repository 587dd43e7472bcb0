/** The scalar being explained: one output of the model, optionally through its activation. */
import * as tf from '@tensorflow/tfjs';
import type { ExplainTarget } from './types';

/** y [batch, nOut] → [batch] */
export function selectOutput(y: tf.Tensor, target: ExplainTarget): tf.Tensor1D {
  const y2 = y.rank === 2 ? (y as tf.Tensor2D) : y.reshape([y.shape[0], -1]);
  const nOut = y2.shape[1] as number;
  if (!Number.isInteger(target.output) || target.output < 0 || target.output >= nOut) {
    throw new RangeError(`output ${target.output} is not one of the model's ${nOut} outputs`);
  }
  const act = target.activation ?? 'none';
  const z = act === 'softmax' ? tf.softmax(y2) : act === 'sigmoid' ? tf.sigmoid(y2) : y2;
  return z.slice([0, target.output], [-1, 1]).reshape([-1]) as tf.Tensor1D;
}

/** Checks the model takes one input [batch, nSamples, nLeads] and returns its sizes. */
export function inputShape(model: tf.LayersModel): { nSamples: number; nLeads: number } {
  const shape = model.inputs[0]?.shape;
  if (model.inputs.length !== 1 || !shape || shape.length !== 3 || !shape[1] || !shape[2]) {
    throw new Error('saliency needs a model with one input [batch, samples, leads]');
  }
  return { nSamples: shape[1], nLeads: shape[2] };
}
