import { describe, expect, it } from 'vitest';
import { presetSpec } from '../src/core/experiment/presets';
import type { RunResults } from '../src/core/experiment/results';
import { initBackend } from '../src/core/ml/backend';
import { buildModel } from '../src/core/ml/models';
import { exportModel } from '../src/core/ml/modelExport';
import { decodeOnnxModel, readOnnxMeta } from '../src/core/ml/onnx';
import { onnxFromModelFile } from './onnxExport';

describe('onnxFromModelFile', () => {
  it('turns a stored tfjs model into an ONNX file with the stage’s preprocessing; a bad stage is an error answer', async () => {
    await initBackend('cpu');
    const spec = presetSpec('teaching-quick');
    const model = buildModel({ kind: spec.model.kind, nSamples: 250, nLeads: 2, nOut: 4, seed: 1 });
    const file = await exportModel('transfer-hr', model);
    model.dispose();
    const results = {
      leads: ['I', 'II'],
      sources: { morph: { name: 'morph', kind: 'synthetic', fingerprint: 'f00d', n: 8, fs: 100, nLeads: 2, nSamples: 250 } },
    } as unknown as Pick<RunResults, 'leads' | 'sources'>;
    const out = await onnxFromModelFile(file, spec, results, 'transfer-hr');
    if (!out.ok) throw new Error(out.error);
    const decoded = decodeOnnxModel(out.bytes);
    expect(readOnnxMeta(decoded.metadata)).toMatchObject({ leads: ['I', 'II'], fs: 100, nSamples: 250, stage: 'transfer-hr', extra: { source_fingerprint: 'f00d' } });
    expect(await onnxFromModelFile(file, spec, results, 'nope')).toMatchObject({ ok: false, error: expect.stringContaining('no stage "nope"') });
  });
});
