import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { describe, expect, it, vi } from 'vitest';
import { presetSpec } from '../src/core/experiment';
import { buildModel } from '../src/core/ml/models';
import { decodeOnnxModel, readOnnxMeta } from '../src/core/ml/onnx';
import { command } from './commands/run';
import { OnnxExport, onnxFileName } from './exportOnnx';

const dir = mkdtempSync(join(tmpdir(), 'cli-onnx-'));

describe('cli run --export-onnx', () => {
  it('writes one .onnx per trained stage, with the stage task and preprocessing in its metadata', async () => {
    const s = presetSpec('teaching-quick');
    for (const src of Object.values(s.sources)) if (src.kind === 'synthetic') src.spec.n = 30;
    s.training.epochs = 1;
    const specPath = join(dir, 'spec.json');
    writeFileSync(specPath, JSON.stringify(s));
    const onnxDir = join(dir, 'onnx');
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    let code: number;
    try {
      code = await command.run([specPath, '--out', join(dir, 'res.json'), '--export-onnx', onnxDir, '--quiet']);
    } finally {
      err.mockRestore();
    }
    expect(code).toBe(0);
    const res = JSON.parse(readFileSync(join(dir, 'res.json'), 'utf8'));
    const trainedStages = res.stages.filter((st: { kind: string }) => st.kind !== 'evaluate').map((st: { name: string }) => st.name);
    expect(trainedStages.length).toBeGreaterThanOrEqual(2);
    expect(readdirSync(onnxDir).sort()).toEqual(trainedStages.map(onnxFileName).sort());
    for (const stage of trainedStages) {
      const bytes = new Uint8Array(readFileSync(join(onnxDir, onnxFileName(stage))));
      const meta = readOnnxMeta(decodeOnnxModel(bytes).metadata)!;
      const st = s.stages.find((x) => x.name === stage)!;
      expect(meta).toMatchObject({ stage, leads: res.leads, scaling: s.preprocessing.scaling, modelKind: s.model.kind });
      expect(meta.task.kind).toBe(st.kind === 'pretrain' ? 'regression' : res.stages.find((x: { name: string }) => x.name === stage).task);
      const session = await ort.InferenceSession.create(bytes);
      const x = new Float32Array(meta.nSamples * meta.leads.length).fill(0.5);
      const out = await session.run({ [session.inputNames[0]]: new ort.Tensor('float32', x, [1, meta.nSamples, meta.leads.length]) });
      expect(Array.from(out[session.outputNames[0]].data as Float32Array).every(Number.isFinite)).toBe(true);
      await session.release();
    }
  });

  it('names files after stages, keeping only safe characters', () => {
    expect(onnxFileName('pretrain-hr')).toBe('pretrain-hr.onnx');
    expect(onnxFileName('transfer / PTB-XL (frozen)')).toBe('transfer_PTB-XL_frozen_.onnx');
  });
});

describe('OnnxExport', () => {
  it('uses target statistics passed with a pretraining model for the physical-units output', () => {
    const spec = presetSpec('teaching-quick');
    const pre = spec.stages.find((st) => st.kind === 'pretrain')!;
    const results = { leads: ['II'], sources: { [pre.source]: { kind: 'synthetic' as const, name: 'synth', fingerprint: 'fp', n: 1, fs: 100, nLeads: 1, nSamples: 64 } } };
    const out = new OnnxExport(join(dir, 'stats'));
    out.onModel(pre.name, buildModel({ kind: 'tiny-cnn', nLeads: 1, nSamples: 64, nOut: 1, seed: 1 }), { targetStats: { mean: [72], std: [11] } });
    const logs: string[] = [];
    const [path] = out.write(spec, results, (l) => logs.push(l));
    const d = decodeOnnxModel(new Uint8Array(readFileSync(path)));
    expect(d.outputNames).toEqual(['standardised', 'values']);
    expect(d.metadata['ecg.target_mean']).toBe('72');
    expect(logs[0]).not.toMatch(/standardised targets only/);
  });
});
