import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { EcgLayerNormalization, layerNormalization } from './layerNorm';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('EcgLayerNormalization', () => {
  it("gives tfjs-layers' LayerNormalization outputs and gradients (random γ, β, input), with far fewer ops", async () => {
    const x = tf.randomNormal([4, 6, 5], 1, 3, 'float32', 1);
    const dy = tf.randomNormal([4, 6, 5], 0, 1, 'float32', 2);
    const run = (layer: tf.layers.Layer) => {
      layer.apply(tf.input({ shape: [6, 5] }));
      layer.setWeights([tf.randomNormal([5], 1, 0.5, 'float32', 3), tf.randomNormal([5], 0, 0.5, 'float32', 4)]);
      const vars = layer.trainableWeights.map((w) => w.read() as tf.Variable);
      const f = (xx: tf.Tensor) => tf.sum(tf.mul(layer.apply(xx) as tf.Tensor, dy)) as tf.Scalar;
      const { grads } = tf.variableGrads(() => f(x), vars);
      const dx = tf.grad(f)(x);
      return { y: Array.from((layer.apply(x) as tf.Tensor).dataSync()), dx: Array.from(dx.dataSync()), dg: vars.map((v) => Array.from(grads[v.name].dataSync())) };
    };
    const mine = run(layerNormalization({ epsilon: 1e-5 }));
    const stock = run(tf.layers.layerNormalization({ epsilon: 1e-5 }));
    const close = (a: number[], b: number[]) => a.forEach((v, i) => expect(v).toBeCloseTo(b[i], 4));
    close(mine.y, stock.y);
    close(mine.dx, stock.dx);
    mine.dg.forEach((g, i) => close(g, stock.dg[i]));
    const ops = async (layer: tf.layers.Layer) => {
      layer.apply(tf.input({ shape: [6, 5] }));
      const vars = layer.trainableWeights.map((w) => w.read() as tf.Variable);
      return (await tf.profile(() => tf.dispose(Object.values(tf.variableGrads(() => tf.sum(layer.apply(x) as tf.Tensor) as tf.Scalar, vars).grads)))).kernels.length;
    };
    expect(await ops(layerNormalization({}))).toBeLessThan((await ops(tf.layers.layerNormalization({}))) / 3);
    tf.dispose([x, dy]);
  });

  it("is what a saved 'LayerNormalization' loads into", async () => {
    const input = tf.input({ shape: [3, 4] });
    const m = tf.model({ inputs: input, outputs: tf.layers.layerNormalization({ name: 'ln' }).apply(input) as tf.SymbolicTensor });
    let artifacts: tf.io.ModelArtifacts | null = null;
    await m.save(tf.io.withSaveHandler(async (a) => ((artifacts = a), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } })));
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(artifacts as unknown as tf.io.ModelArtifacts));
    expect(loaded.getLayer('ln')).toBeInstanceOf(EcgLayerNormalization);
    m.dispose();
    loaded.dispose();
  });
});
