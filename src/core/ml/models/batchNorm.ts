/**
 * The zoo's batch-norm layer: tfjs-layers' BatchNormalization (same class name, config, weights and inference),
 * whose training-mode call takes the fused wasm path of kernels/backward/bnTraining.ts where it applies — two passes
 * forward and two backward instead of ~14 — and tfjs-layers' own code everywhere else. The moving averages are
 * updated exactly as tfjs-layers does. Registered under 'BatchNormalization', so saved models load into it.
 */
import * as tf from '@tensorflow/tfjs';
import { bnTrainingApplies, bnTrainingFast } from '../kernels';

type BatchNorm = ReturnType<typeof tf.layers.batchNormalization>;
type BatchNormArgs = Parameters<typeof tf.layers.batchNormalization>[0];

/** tfjs-layers' BatchNormalization class (not exported by name from the package's entry points). */
const TfBatchNormalization = tf.layers.batchNormalization({}).constructor as new (args?: BatchNormArgs) => BatchNorm;

/** The fields of tfjs-layers' BatchNormalization the training path reads (private in its typings). */
interface Internals {
  axis: number;
  center: boolean;
  scale: boolean;
  epsilon: number;
  momentum: number;
  gamma: tf.LayerVariable;
  beta: tf.LayerVariable;
  movingMean: tf.LayerVariable;
  movingVariance: tf.LayerVariable;
}

export class EcgBatchNormalization extends TfBatchNormalization {
  static className = 'BatchNormalization';

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor | tf.Tensor[] {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    const me = this as unknown as Internals;
    const axis = me.axis >= 0 ? me.axis : me.axis + x.rank;
    if (!kwargs?.training || axis !== x.rank - 1 || !me.center || !me.scale || !bnTrainingApplies(x)) return super.call(inputs, kwargs);
    return tf.tidy(() => {
      const r = bnTrainingFast(x, me.gamma.read(), me.beta.read(), me.epsilon)!;
      // as tfjs-layers: moving = moving − (moving − batch)·(1 − momentum)
      const decay = 1 - me.momentum;
      for (const [v, value] of [[me.movingMean, r.mean], [me.movingVariance, r.variance]] as const) {
        tf.tidy(() => {
          const orig = v.read();
          v.write(tf.sub(orig, tf.mul(tf.sub(orig, value), decay)));
        });
      }
      return r.y;
    });
  }
}

tf.serialization.registerClass(EcgBatchNormalization as unknown as Parameters<typeof tf.serialization.registerClass>[0]);

/** A batch-norm layer for the zoo (tfjs-layers' arguments). */
export function batchNormalization(args: BatchNormArgs): EcgBatchNormalization {
  return new EcgBatchNormalization(args);
}
