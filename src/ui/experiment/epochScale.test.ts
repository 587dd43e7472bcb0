import { describe, expect, it } from 'vitest';
import { presetSpec } from '../../core/experiment/presets';
import type { ExperimentSpec } from '../../core/experiment/contract';
import { parseSpec } from '../../core/experiment/spec';
import { maxEpochs, stageEpochs, withEpochs } from './epochScale';

/** The paper preset: regression pretraining stages with their own 25 epochs, the classification stages 30. */
const paper = (): ExperimentSpec => presetSpec('paper-synthetic-to-real');

describe('the Epochs control', () => {
  it('scales every stage so the longest trains the chosen epochs, keeping proportions (≥ 1)', () => {
    const base = paper();
    const before = stageEpochs(base);
    expect(new Set(before.map((s) => s.epochs)).size).toBeGreaterThan(1);
    const longest = maxEpochs(base);
    const next = withEpochs(base, 3);
    const after = stageEpochs(next);
    expect(Math.max(...after.map((s) => s.epochs))).toBe(3);
    after.forEach((s, i) => {
      expect(s.name).toBe(before[i].name);
      expect(s.epochs).toBe(before[i].epochs === longest ? 3 : Math.max(1, Math.round((before[i].epochs * 3) / longest)));
    });
    // Still a valid spec, and nothing but epoch budgets changed.
    expect(parseSpec(next)).toEqual(next);
    const strip = (s: ExperimentSpec) => JSON.stringify(s, (k, v) => (k === 'epochs' || k === 'unfreezeAfterEpochs' ? undefined : v));
    expect(strip(next)).toBe(strip(base));
  });

  it('one epoch everywhere at 1; from the same base, back to the original numbers', () => {
    const base = paper();
    expect(stageEpochs(withEpochs(base, 1)).every((s) => s.epochs === 1)).toBe(true);
    expect(withEpochs(base, maxEpochs(base))).toEqual(base);
  });

  it('a frozen-then-unfreeze transfer unfreezes before the end of its shortened stage', () => {
    const base = presetSpec('synthetic-demo');
    const t = base.stages.find((s) => s.kind === 'transfer');
    if (!t || t.kind !== 'transfer') throw new Error('the demo has a transfer stage');
    t.mode = 'frozen-then-unfreeze';
    t.unfreezeAfterEpochs = 6;
    const next = withEpochs(base, 4);
    const nt = next.stages.find((s) => s.kind === 'transfer');
    expect(nt?.kind === 'transfer' && nt.unfreezeAfterEpochs).toBe(2);
    expect(parseSpec(next)).toEqual(next);
  });
});
