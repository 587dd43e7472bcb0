/**
 * The zoo's layer norm: tfjs-layers' LayerNormalization (same class name, config and weights) whose call, for
 * normalisation over the last axis, broadcasts γ and β instead of tiling them and the moments to the input's
 * shape: the gradient of a tile is one slice and one add per tile (3 200 ops for 32 samples × 50 tokens), the
 * gradient of a broadcast one sum. Same formula: (x − μ)·(σ² + ε)^−½·γ + β. Registered under
 * 'LayerNormalization', so saved models load into it.
 */
import * as tf from '@tensorflow/tfjs';

type LayerNorm = ReturnType<typeof tf.layers.layerNormalization>;
type LayerNormArgs = Parameters<typeof tf.layers.layerNormalization>[0];

/** tfjs-layers' LayerNormalization class (not exported by name from the package's entry points). */
const TfLayerNormalization = tf.layers.layerNormalization({}).constructor as new (args?: LayerNormArgs) => LayerNorm;

/** The fields of tfjs-layers' LayerNormalization the call reads (private in its typings). */
interface Internals {
  axis: number[];
  epsilon: number;
  center: boolean;
  scale: boolean;
  gamma: tf.LayerVariable | null;
  beta: tf.LayerVariable | null;
}

export class EcgLayerNormalization extends TfLayerNormalization {
  static className = 'LayerNormalization';

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor | tf.Tensor[] {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    const me = this as unknown as Internals;
    if (me.axis.length !== 1 || me.axis[0] !== x.rank - 1) return super.call(inputs, kwargs);
    return tf.tidy(() => {
      const { mean, variance } = tf.moments(x, -1, true);
      let y = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, me.epsilon)));
      if (me.scale && me.gamma) y = tf.mul(y, me.gamma.read());
      if (me.center && me.beta) y = tf.add(y, me.beta.read());
      return y;
    });
  }
}

tf.serialization.registerClass(EcgLayerNormalization as unknown as Parameters<typeof tf.serialization.registerClass>[0]);

/** A layer-norm layer for the zoo (tfjs-layers' arguments). */
export function layerNormalization(args: LayerNormArgs): EcgLayerNormalization {
  return new EcgLayerNormalization(args);
}
