import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { presetSpec } from '../../experiment/presets';
import { buildModel } from '../models';
import { decodeOnnxModel, exportOnnx, exportOnnxFromArtifacts, onnxMetaForStage, ONNX_OPSET, readOnnxMeta, type OnnxMeta } from './index';
import { ProtoWriter, readFields, utf8Decode, utf8Encode } from './protobuf';
import { maxAbsDiff, rng, runOnnx } from './testing/parity';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const META: OnnxMeta = {
  leads: ['I', 'II', 'V1'],
  fs: 250,
  nSamples: 64,
  scaling: 'minmax',
  task: { kind: 'multi-label', classes: ['NORM', 'MI', 'STTC – ST/T'] },
  modelKind: 'tiny-cnn',
  stage: 'baseline',
  extra: { source_fingerprint: 'abc123', 'ecg.bandpass_hz': '0.5,40' },
};

describe('protobuf wire format', () => {
  it('round-trips varints (incl. negative int64), floats, strings and nested messages', () => {
    const inner = new ProtoWriter().int(1, 300).string(2, 'µV ✓ 𝄞');
    const w = new ProtoWriter().int(1, -1).int(2, 2 ** 40).float(3, 1.5).message(4, inner).packedInts(5, [1, -2, 3]);
    const f = readFields(w.finish());
    expect(f.map((x) => x.field)).toEqual([1, 2, 3, 4, 5]);
    expect(BigInt.asIntN(64, f[0].varint!)).toBe(-1n);
    expect(f[1].varint).toBe(2n ** 40n);
    expect(new DataView(f[2].bytes!.buffer, f[2].bytes!.byteOffset, 4).getFloat32(0, true)).toBe(1.5);
    const g = readFields(f[3].bytes!);
    expect(g[0].varint).toBe(300n);
    expect(utf8Decode(g[1].bytes!)).toBe('µV ✓ 𝄞');
    expect(utf8Encode('µV ✓ 𝄞')).toEqual(new Uint8Array(Buffer.from('µV ✓ 𝄞', 'utf8')));
  });
});

describe('metadata_props', () => {
  it('carry the preprocessing and task, flat and as JSON, and onnxruntime loads the file', async () => {
    const model = buildModel({ kind: 'tiny-cnn', nLeads: 3, nSamples: 64, nOut: 3, seed: 2 });
    const bytes = exportOnnx(model, META);
    const d = decodeOnnxModel(bytes);
    expect(d.opsets).toEqual([{ domain: '', version: ONNX_OPSET }]);
    expect(d.producerName).toBe('ecg-transfer-lab');
    expect(readOnnxMeta(d.metadata)).toEqual(META);
    expect(d.metadata['ecg.leads']).toBe('I,II,V1');
    expect(d.metadata['ecg.sampling_rate_hz']).toBe('250');
    expect(d.metadata['ecg.n_samples']).toBe('64');
    expect(d.metadata['ecg.scaling']).toBe('minmax');
    expect(d.metadata['ecg.scaling_doc']).toMatch(/\[0, 1\]/);
    expect(d.metadata['ecg.task']).toBe('multi-label');
    expect(d.metadata['ecg.classes']).toBe('NORM,MI,STTC – ST/T');
    expect(d.metadata['ecg.source_fingerprint']).toBe('abc123');
    expect(d.metadata['ecg.bandpass_hz']).toBe('0.5,40');
    expect(Object.keys(JSON.parse(d.metadata['ecg.outputs']))).toEqual(['logits', 'probabilities']);
    expect(d.inputNames).toEqual(['ecg']);
    expect(d.outputNames).toEqual(['logits', 'probabilities']);
    expect(d.opTypes).toContain('Sigmoid');
    const s = await ort.InferenceSession.create(bytes);
    expect(s.inputNames).toEqual(['ecg']);
    expect(s.outputNames).toEqual(['logits', 'probabilities']);
    await s.release();
    model.dispose();
  });

  it('regression without target statistics has only the standardised output', () => {
    const model = buildModel({ kind: 'tiny-cnn', nLeads: 1, nSamples: 32, nOut: 1, seed: 2 });
    const d = decodeOnnxModel(exportOnnx(model, { leads: ['II'], fs: 100, nSamples: 32, scaling: 'none', task: { kind: 'regression', targets: ['hr_bpm'] } }));
    expect(d.outputNames).toEqual(['standardised']);
    expect(d.metadata['ecg.targets']).toBe('hr_bpm');
    expect(d.metadata['ecg.target_mean']).toBeUndefined();
    model.dispose();
  });
});

describe('exportOnnxFromArtifacts', () => {
  it('exports a model saved as tfjs artifacts to the same bytes as the live model', async () => {
    const model = buildModel({ kind: 'lstm', nLeads: 3, nSamples: 64, nOut: 3, seed: 5 });
    let artifacts: tf.io.ModelArtifacts | undefined;
    await model.save(
      tf.io.withSaveHandler(async (a) => {
        artifacts = a;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    const direct = exportOnnx(model, META);
    const viaArtifacts = await exportOnnxFromArtifacts(artifacts!, META);
    expect(viaArtifacts.length).toBe(direct.length);
    const r = rng(1);
    const x = Float32Array.from({ length: 64 * 3 }, () => r());
    const a = await runOnnx(direct, x, [1, 64, 3]);
    const b = await runOnnx(viaArtifacts, x, [1, 64, 3]);
    expect(maxAbsDiff(a.logits.data, b.logits.data)).toBe(0);
    model.dispose();
  });
});

describe('onnxMetaForStage', () => {
  it('takes leads and geometry from the results, scaling and task from the spec', () => {
    const spec = presetSpec('synthetic-demo');
    const src = (key: string) => ({ kind: 'synthetic' as const, name: `${key} data`, fingerprint: `fp-${key}`, n: 10, fs: 100, nLeads: 1, nSamples: 500 });
    const results = { leads: ['II'], sources: Object.fromEntries(Object.keys(spec.sources).map((k) => [k, src(k)])) };
    const m = onnxMetaForStage(spec, results, 'pretrain-hr', { mean: [70], std: [12] });
    expect(m).toMatchObject({ leads: ['II'], fs: 100, nSamples: 500, scaling: spec.preprocessing.scaling, modelKind: spec.model.kind, stage: 'pretrain-hr' });
    expect(m.task).toEqual({ kind: 'regression', targets: ['hr_bpm'], mean: [70], std: [12] });
    expect(m.extra?.source_fingerprint).toBe('fp-synth');
    const c = onnxMetaForStage(spec, results, 'transfer-hr');
    expect(c.task.kind).toBe('single-label');
    expect(c.task.kind !== 'regression' && c.task.classes.length).toBeGreaterThan(1);
    expect(c.extra?.source).toBe('morph data');
    expect(() => onnxMetaForStage(spec, results, 'nope')).toThrow(/no stage "nope"/);
  });
});
