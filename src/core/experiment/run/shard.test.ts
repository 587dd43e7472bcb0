import { describe, expect, it } from 'vitest';
import { presetSpec } from '../presets';
import { enumerateCells } from './cells';
import { dependencyOf } from './cell';
import { shardAssignment, shardCells, specHash } from './shard';

const sweep = () => ({ ...presetSpec('teaching-quick'), repeats: 3, labelBudgets: [0.25, 0.5, 1] });

describe('shard assignment', () => {
  it('splits the cells into N disjoint sets covering the sweep, for any N', () => {
    const spec = sweep();
    const ids = enumerateCells(spec).map((c) => c.id);
    for (const n of [1, 2, 3, 4, 9, 20]) {
      const parts = [...Array(n).keys()].map((i) => shardCells(spec, { index: i, count: n }).map((c) => c.id));
      expect(parts.flat().sort()).toEqual([...ids].sort());
      expect(new Set(parts.flat()).size).toBe(ids.length);
    }
  });

  it('puts a pretrain cell with its repeat’s first-budget transfers and deals the repeat × budget units round-robin', () => {
    const spec = sweep();
    const a = shardAssignment(spec, 4);
    expect(a.get('pretrain-hr#r0')).toBe(a.get('transfer-hr#r0#b0.25'));
    expect(a.get('baseline#r0#b0.25')).toBe(0);
    expect(a.get('transfer-hr#r0#b0.5')).toBe(1);
    expect(a.get('transfer-hr#r1#b0.25')).toBe(3);
    expect(a.get('pretrain-hr#r1')).toBe(3);
    expect(a.get('transfer-hr#r1#b0.5')).toBe(0);
    // every shard's transfers depend only on pretrain cells of their own repeat
    for (const c of enumerateCells(spec)) {
      const dep = dependencyOf(spec, c);
      if (dep) expect(dep).toContain(`#r${c.repeat}`);
    }
  });

  it('the spec hash ignores local data paths and changes with anything else', () => {
    const base = presetSpec('paper-synthetic-to-real');
    const moved = JSON.parse(JSON.stringify(base));
    for (const s of Object.values(moved.sources) as { kind: string; paths?: string[] }[]) if (s.kind === 'imported') s.paths = ['/mnt/elsewhere'];
    expect(specHash(moved)).toBe(specHash(base));
    expect(specHash({ ...base, seed: base.seed + 1 })).not.toBe(specHash(base));
  });
});
