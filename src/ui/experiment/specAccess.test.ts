import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../core/experiment/catalog';
import { useExperimentStore } from '../../store/experimentStore';
import { enumFor, presetDescription, presetSpec, stagesOf, syntheticSpecOf } from './specAccess';

useExperimentStore.getState()._setCatalog(buildCatalog(), null);

describe('specAccess', () => {
  const spec = presetSpec('teaching-quick')!;

  it('choice fields come from the schema’s enums, by where the field is', () => {
    const e = buildCatalog().enums;
    expect(enumFor(['backend'], spec)).toEqual(e.backend);
    expect(enumFor(['model', 'kind'], spec)).toEqual(e.model);
    expect(enumFor(['stages', 0, 'kind'], spec)).toEqual(['pretrain', 'transfer', 'baseline', 'evaluate']);
    expect(enumFor(['stages', 1, 'task', 'kind'], spec)).toEqual(['single-label', 'multi-label']);
    expect(enumFor(['training', 'schedule', 'kind'], spec)).toEqual(e.scheduleKind);
    expect(enumFor(['sources', 'synth', 'split', 'method'], spec)).toEqual(['auto', 'folds', 'random']);
    expect(enumFor(['stages', 0, 'source'], spec)).toEqual(Object.keys(spec.sources));
    expect(enumFor(['stages', 1, 'from'], spec)).toEqual(spec.stages.filter((s) => s.kind === 'pretrain').map((s) => s.name));
    expect(enumFor(['name'], spec)).toBeNull();
  });

  it('reads stages, presets and the synthetic source from the typed spec', () => {
    expect(stagesOf(spec)[0]).toEqual({ name: 'pretrain-hr', kind: 'pretrain', target: 'hr_bpm' });
    expect(stagesOf(spec)[1]).toMatchObject({ kind: 'transfer', from: 'pretrain-hr' });
    expect(presetDescription('teaching-quick')).toBe(spec.description);
    expect(presetSpec('teaching-quick')).not.toBe(presetSpec('teaching-quick')); // a fresh copy each time
    expect(syntheticSpecOf(spec)).toBe(spec.sources.synth.kind === 'synthetic' ? spec.sources.synth.spec : null);
  });
});
