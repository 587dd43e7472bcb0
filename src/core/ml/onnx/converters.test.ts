import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend';
import { exportOnnx, supportedLayerClasses, UnsupportedLayerError, type OnnxMeta } from './index';
import { maxAbsDiff, randomiseNorms, rng, runOnnx, runTf } from './testing/parity';

beforeAll(async () => {
  await initBackend('wasm');
});

const meta = (nSamples: number, nLeads: number): OnnxMeta => ({
  leads: Array.from({ length: nLeads }, (_, i) => `L${i}`),
  fs: 100,
  nSamples,
  scaling: 'zscore',
  task: { kind: 'regression', targets: ['t'] },
});

function input(n: number, T: number, C: number, seed: number): Float32Array {
  const r = rng(seed);
  return Float32Array.from({ length: n * T * C }, () => r() * 4 - 2);
}

/** Builds a model from `body`, exports it and checks onnxruntime against tfjs on random input. */
async function parity(T: number, C: number, body: (x: tf.SymbolicTensor) => tf.SymbolicTensor, tol = 1e-4): Promise<number> {
  const inp = tf.input({ shape: [T, C], name: 'ecg' });
  const model = tf.model({ inputs: inp, outputs: body(inp) });
  randomiseNorms(model, 9);
  const x = input(2, T, C, 4);
  const shape = [2, T, C];
  const want = runTf(model, x, shape);
  const got = await runOnnx(exportOnnx(model, meta(T, C)), x, shape);
  const out = got.standardised ?? got.output0;
  expect(out.dims).toEqual([2, ...(model.outputs[0].shape.slice(1) as number[])]);
  const d = maxAbsDiff(out.data, want);
  expect(d).toBeLessThan(tol);
  model.dispose();
  return d;
}

const L = tf.layers;
const apply = (l: tf.layers.Layer, x: tf.SymbolicTensor | tf.SymbolicTensor[]) => l.apply(x) as tf.SymbolicTensor;

describe('recurrent layers', () => {
  it('LSTM: sigmoid gates, sequences out, then a backwards LSTM to one vector', async () => {
    await parity(12, 3, (x) => {
      const s = apply(L.lstm({ units: 5, recurrentActivation: 'sigmoid', returnSequences: true }), x);
      return apply(L.lstm({ units: 4, goBackwards: true }), s);
    });
  });
  it('GRU (hardSigmoid gates, reset before the recurrent matmul)', async () => {
    await parity(10, 2, (x) => apply(L.dense({ units: 2 }), apply(L.gru({ units: 6 }), x)));
  });
  it('SimpleRNN with sequences, pooled', async () => {
    await parity(9, 3, (x) => apply(L.globalAveragePooling1d({}), apply(L.simpleRNN({ units: 4, returnSequences: true }), x)));
  });
});

describe('convolutions and pooling', () => {
  it('strided / dilated / valid Conv1D with bias and activation on an odd length', async () => {
    await parity(37, 2, (x) => {
      let h = apply(L.conv1d({ filters: 3, kernelSize: 4, strides: 3, padding: 'same', activation: 'relu' }), x);
      h = apply(L.conv1d({ filters: 4, kernelSize: 3, dilationRate: 2, padding: 'same', activation: 'tanh' }), h);
      h = apply(L.conv1d({ filters: 2, kernelSize: 2, padding: 'valid', activation: 'elu' }), h);
      h = apply(L.averagePooling1d({ poolSize: 3, strides: 2, padding: 'same' }), h);
      h = apply(L.maxPooling1d({ poolSize: 2, padding: 'same' }), h);
      return apply(L.flatten({}), h);
    });
  });
  it('Conv2D over (time, lead) after a Reshape, MaxPooling2D, global pooling 2-D', async () => {
    await parity(16, 3, (x) => {
      let h = apply(L.reshape({ targetShape: [16, 3, 1] }), x);
      h = apply(L.conv2d({ filters: 4, kernelSize: [5, 3], strides: [2, 1], padding: 'same', activation: 'relu' }), h);
      h = apply(L.batchNormalization({}), h);
      h = apply(L.maxPooling2d({ poolSize: [2, 2], padding: 'same' }), h);
      const a = apply(L.globalAveragePooling2d({}), h);
      const m = apply(L.globalMaxPooling2d({}), h);
      return apply(L.concatenate({}), [a, m]);
    });
  });
});

describe('core, merge and normalisation layers', () => {
  it('Dense on sequences, LayerNormalization, Permute and element-wise merges', async () => {
    await parity(8, 4, (x) => {
      const d = apply(L.dense({ units: 4, activation: 'gelu' }), x);
      const n = apply(L.layerNormalization({}), d);
      const p = apply(L.permute({ dims: [2, 1] }), apply(L.permute({ dims: [2, 1] }), n));
      const m = apply(L.multiply({}), [p, x]);
      const a = apply(L.average({}), [m, x, d]);
      const mx = apply(L.maximum({}), [a, x]);
      const mn = apply(L.minimum({}), [mx, d]);
      const sum = apply(L.add({}), [mn, x, d]);
      return apply(L.dense({ units: 3, activation: 'softmax' }), apply(L.flatten({}), sum));
    });
  });
  it.each(['relu6', 'sigmoid', 'hardSigmoid', 'softplus', 'softsign', 'selu', 'swish', 'mish', 'gelu_new', 'logSoftmax'])('activation %s', async (a) => {
    await parity(6, 3, (x) => apply(L.activation({ activation: a as Parameters<typeof L.activation>[0]['activation'] }), apply(L.dense({ units: 3 }), apply(L.flatten({}), x))));
  });
  it('ReLU with a ceiling, LeakyReLU, ELU and Softmax layers', async () => {
    await parity(6, 2, (x) => {
      let h = apply(L.reLU({ maxValue: 0.5 }), apply(L.conv1d({ filters: 3, kernelSize: 3, padding: 'same' }), x));
      h = apply(L.leakyReLU({ alpha: 0.1 }), apply(L.conv1d({ filters: 3, kernelSize: 3, padding: 'same' }), h));
      h = apply(L.elu({}), h);
      return apply(L.softmax({}), apply(L.globalMaxPooling1d({}), h));
    });
  });
});

describe('unsupported layers', () => {
  it('throws UnsupportedLayerError naming the layer class and the layer', () => {
    const inp = tf.input({ shape: [5, 2] });
    const h = apply(L.globalAveragePooling1d({}), inp);
    const model = tf.model({ inputs: inp, outputs: apply(L.repeatVector({ n: 3, name: 'my_repeat' }), h) });
    let err: unknown;
    try {
      exportOnnx(model, meta(5, 2));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UnsupportedLayerError);
    expect((err as UnsupportedLayerError).className).toBe('RepeatVector');
    expect((err as Error).message).toMatch(/unsupported layer class RepeatVector \(layer "my_repeat"\)/);
    expect((err as Error).message).toContain('Conv1D');
    expect(supportedLayerClasses()).toEqual(expect.arrayContaining(['Conv1D', 'BatchNormalization', 'LSTM', 'Dense', 'Concatenate', 'Add']));
    model.dispose();
  });
  it('a supported class with an unsupported configuration names the layer and the reason', () => {
    const inp = tf.input({ shape: [5, 2] });
    const model = tf.model({ inputs: inp, outputs: apply(L.lstm({ units: 2, returnSequences: true, goBackwards: true, name: 'rev' }), inp) });
    expect(() => exportOnnx(model, meta(5, 2))).toThrow(/layer "rev" \(LSTM\): goBackwards with returnSequences/);
    model.dispose();
  });
});
