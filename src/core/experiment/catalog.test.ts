import { describe, expect, it } from 'vitest';
import { buildCatalog, specEnums, validation } from './catalog';
import { presetSpec } from './presets';
import { parseSpec, type ExperimentSpec } from './spec';

/** parseSpec accepts `value` at the field `set` writes, and rejects a value outside the enum. */
function accepts(set: (s: ExperimentSpec, v: string) => void, value: string): boolean {
  const s = presetSpec('teaching-quick');
  set(s, value);
  return validation(() => parseSpec(s)).ok;
}

describe('catalog', () => {
  const e = specEnums();

  it('every enum value is what the schema accepts, and nothing else is', () => {
    const cases: [keyof typeof e, (s: ExperimentSpec, v: string) => void][] = [
      ['backend', (s, v) => ((s as { backend: string }).backend = v)],
      ['model', (s, v) => ((s.model as { kind: string }).kind = v)],
      ['scaling', (s, v) => ((s.preprocessing as { scaling: string }).scaling = v)],
      ['classWeighting', (s, v) => ((s.training as { classWeighting: string }).classWeighting = v)],
      ['splitMethod', (s, v) => {
        const src = Object.values(s.sources)[0];
        src.split = { method: v as 'auto', val: 0.2, test: 0.2 };
      }],
      ['transferMode', (s, v) => {
        const st = s.stages.find((x) => x.kind === 'transfer')!;
        if (st.kind === 'transfer') Object.assign(st, { mode: v, unfreezeAfterEpochs: 1 });
      }],
    ];
    for (const [key, set] of cases) {
      expect(e[key].length, key).toBeGreaterThan(1);
      for (const v of e[key]) expect(accepts(set, v), `${key}=${v}`).toBe(true);
      expect(accepts(set, 'not-a-choice'), `${key} rejects others`).toBe(false);
    }
  });

  it('reads the stage, task, schedule and evaluate choices from the schema', () => {
    expect(e.stageKind).toEqual(['pretrain', 'transfer', 'baseline', 'evaluate']);
    expect(e.taskKind).toEqual(['single-label', 'multi-label']);
    expect(e.scheduleKind).toEqual(['constant', 'step', 'exponential', 'cosine']);
    expect(e.evaluateOn).toEqual(['test', 'all']);
  });

  it('holds every preset, valid, and the default among them', () => {
    const c = buildCatalog();
    expect(c.presetNames).toContain(c.defaultPreset);
    for (const n of c.presetNames) expect(validation(() => parseSpec(c.presets[n])).ok, n).toBe(true);
  });

  it('validation answers the error and its field instead of throwing', () => {
    expect(validation(() => parseSpec({ version: 1, name: 'x' }))).toMatchObject({ ok: false, path: 'seed' });
  });
});
