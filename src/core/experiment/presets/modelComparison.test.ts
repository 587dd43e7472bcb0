import { describe, expect, it } from 'vitest';
import { PRESET_NAMES, presetSpec } from '../presets';
import { parseSpec } from '../spec';
import { MODEL_COMPARISON_KINDS, modelComparisonSpecs } from './modelComparison';

describe('model-comparison preset', () => {
  it('is registered, validates, and regresses the four intervals with the 1D-CNN', () => {
    expect(PRESET_NAMES).toContain('model-comparison');
    const spec = presetSpec('model-comparison');
    expect(spec.model.kind).toBe('inception1d-small');
    expect(spec.stages).toHaveLength(1);
    const st = spec.stages[0];
    expect(st.kind === 'pretrain' && [...st.targets].sort()).toEqual(['hr_bpm', 'pr_ms', 'qrs_ms', 'qt_ms']);
  });

  it("gives the study's five models with everything else equal", () => {
    const specs = modelComparisonSpecs().map((s) => parseSpec(JSON.parse(JSON.stringify(s))));
    expect(specs.map((s) => s.model.kind)).toEqual([...MODEL_COMPARISON_KINDS]);
    expect(new Set(MODEL_COMPARISON_KINDS)).toEqual(new Set(['inception1d-small', 'rnn', 'lstm', 'vit1d', 'cnn2d']));
    const rest = specs.map((s) => JSON.stringify({ ...s, model: null, description: null }));
    expect(new Set(rest).size).toBe(1);
  });
});
