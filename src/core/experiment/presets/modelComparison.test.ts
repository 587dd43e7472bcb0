import { beforeAll, describe, expect, it } from 'vitest';
import { describeExperiment } from '../describe';
import { planSweep } from '../plan';
import { PRESET_NAMES, presetSpec } from '../presets';
import { parseSpec, stageModelKind } from '../spec';
import { initBackend } from '../../ml/backend';
import { comparisonStageName, MODEL_COMPARISON_KINDS, modelComparisonSpecs } from './modelComparison';

beforeAll(async () => {
  await initBackend('cpu');
});

describe('model-comparison preset', () => {
  it("is registered and plans the study's five-model table as one run: one regression stage per model, same data", () => {
    expect(PRESET_NAMES).toContain('model-comparison');
    const spec = parseSpec(JSON.parse(JSON.stringify(presetSpec('model-comparison'))));
    expect(new Set(MODEL_COMPARISON_KINDS)).toEqual(new Set(['inception1d-small', 'rnn', 'lstm', 'vit1d', 'cnn2d']));
    expect(spec.stages.map((st) => [st.name, stageModelKind(spec, st)])).toEqual(MODEL_COMPARISON_KINDS.map((k) => [comparisonStageName(k), k]));
    for (const st of spec.stages) {
      expect(st.kind).toBe('pretrain');
      expect(st.source).toBe('synth');
      expect(st.kind === 'pretrain' && [...st.targets].sort()).toEqual(['hr_bpm', 'pr_ms', 'qrs_ms', 'qt_ms']);
      expect('training' in st && st.training).toBeFalsy();
    }
    const plan = planSweep(spec, { backend: 'wasm' });
    expect(plan.cells.map((c) => c.id)).toEqual(MODEL_COMPARISON_KINDS.map((k) => `${comparisonStageName(k)}#r0`));
    // Each model is its own pretraining (five cache keys): none is reused for another.
    expect(new Set(plan.cells.map((c) => c.cacheKey)).size).toBe(5);
    expect(plan.pretrainsToRun).toBe(5);
    expect(plan.cells.every((c) => c.trainRecords === 400 && c.epochs === 8)).toBe(true);
  });

  it('describes each stage with its own architecture: five different models, parameters and multiply–adds', async () => {
    const spec = presetSpec('model-comparison');
    const d = describeExperiment(spec, {}, 'cpu');
    expect(d.stages.map((s) => s.model)).toEqual([...MODEL_COMPARISON_KINDS]);
    expect(new Set(d.stages.map((s) => s.summary.trainableParams)).size).toBe(5);
    for (const s of d.stages) expect(s.summary.macsPerSample).toBeGreaterThan(0);
  });

  it('one spec per model with everything else equal (a model alone, as --model KIND runs it)', () => {
    const specs = modelComparisonSpecs().map((s) => parseSpec(JSON.parse(JSON.stringify(s))));
    expect(specs.map((s) => s.model.kind)).toEqual([...MODEL_COMPARISON_KINDS]);
    const rest = specs.map((s) => JSON.stringify({ ...s, model: null, description: null }));
    expect(new Set(rest).size).toBe(1);
  });
});
