import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { presetSpec } from '../../src/core/experiment';
import { withoutTimings } from '../../src/core/experiment/run/merge';
import { CliError } from '../command';
import { command as merge } from './merge';
import { parseShard } from './run';

const exec = promisify(execFile);
const root = resolve(__dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'cli-shard-'));
const SWEEP = ['--repeats', '2', '--budgets', '0.5,1', '--threads', '1', '--quiet'];

/** `cli run` in its own process (as a job array task would). */
async function cli(...args: string[]): Promise<void> {
  await exec(join(root, 'node_modules/.bin/tsx'), [join(root, 'cli/main.ts'), ...args], { cwd: root, maxBuffer: 1 << 24 });
}

function specFile(name: string, seed = 7): string {
  const s = presetSpec('teaching-quick');
  for (const src of Object.values(s.sources)) if (src.kind === 'synthetic') src.spec.n = 30;
  s.training.epochs = 1;
  s.seed = seed;
  const p = join(dir, name);
  writeFileSync(p, JSON.stringify(s));
  return p;
}

async function runMerge(...args: string[]): Promise<unknown> {
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    await merge.run(args);
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  return JSON.parse(readFileSync(args[args.indexOf('--out') + 1], 'utf8'));
}

describe('cli run --shard and cli merge', () => {
  const shards = join(dir, 'shards');
  const cache = join(dir, 'cache');
  let unsharded: Record<string, unknown>;
  beforeAll(async () => {
    mkdirSync(shards);
    const spec = specFile('spec.json');
    const shard = (i: number, withCache = true) => cli('run', spec, ...SWEEP, ...(withCache ? ['--cache', cache] : []), '--shard', `${i}/3`, '--out', join(shards, `s${i}.json`));
    // shard 0 trains both repeats' pretrained models (repeat 2's for its own transfer) and caches them; shard 2,
    // the owner of repeat 2's pretrain cell, then takes it from the cache; shard 1 has no cache and trains repeat 1's again
    await Promise.all([
      cli('run', spec, ...SWEEP, '--out', join(dir, 'unsharded.json')),
      shard(0).then(() => shard(2)),
      shard(1, false),
    ]);
    unsharded = JSON.parse(readFileSync(join(dir, 'unsharded.json'), 'utf8'));
  });

  it('three shards run as separate processes merge into the unsharded results (timings aside)', async () => {
    const merged = (await runMerge(shards, '--out', join(dir, 'merged.json'))) as typeof unsharded;
    expect((merged.cells as unknown[]).length).toBe(10);
    expect(withoutTimings(merged)).toEqual(withoutTimings(unsharded));
    // the same JSON text, key order included
    expect(JSON.stringify(withoutTimings(merged))).toBe(JSON.stringify(withoutTimings(unsharded)));
    const cached = (merged.cells as { cell: { id: string; cached?: boolean } }[]).filter((c) => c.cell.cached).map((c) => c.cell.id);
    expect(cached).toEqual(['pretrain-hr#r1']);
    for (const i of [0, 1, 2]) {
      const s = JSON.parse(readFileSync(join(shards, `s${i}.json`), 'utf8'));
      expect(s.cells.length).toBe([5, 2, 3][i]);
    }
  });

  it('merge accepts files in any order and fails in one line naming the file for missing, overlapping or foreign shards', async () => {
    const f = (i: number) => join(shards, `s${i}.json`);
    const merged = await runMerge(f(2), f(0), f(1), '--out', join(dir, 'files.json'));
    expect(withoutTimings(merged)).toEqual(withoutTimings(unsharded));
    await expect(merge.run([f(0), f(2), '--out', join(dir, 'x.json')])).rejects.toThrow(new CliError('missing shard 1/3 (have 0/3, 2/3)'));
    const copy = join(dir, 'copy-of-s1.json');
    copyFileSync(f(1), copy);
    await expect(merge.run([f(0), f(1), copy, f(2), '--out', join(dir, 'x.json')])).rejects.toThrow(`${copy}: shard 1/3 given twice (also ${f(1)})`);
    const foreign = JSON.parse(readFileSync(f(1), 'utf8'));
    foreign.spec.seed = 8;
    const other = join(dir, 'other-spec.json');
    writeFileSync(other, JSON.stringify({ ...foreign, specHash: '0123456789abcdef' }));
    await expect(merge.run([f(0), other, f(2), '--out', join(dir, 'x.json')])).rejects.toThrow(new RegExp(`^${other}: shard of a different experiment`));
    // a hand-edited spec under the right hash is caught too
    writeFileSync(other, JSON.stringify(foreign));
    await expect(merge.run([f(0), other, f(2), '--out', join(dir, 'x.json')])).rejects.toThrow(new RegExp(`^${other}: shard of a different experiment`));
    await expect(merge.run([join(dir, 'unsharded.json'), '--out', join(dir, 'x.json')])).rejects.toThrow(/unsharded\.json: not a shard results file/);
    const four = JSON.parse(readFileSync(f(1), 'utf8'));
    four.shard = { index: 1, count: 4 };
    const fourFile = join(dir, 'four.json');
    writeFileSync(fourFile, JSON.stringify(four));
    await expect(merge.run([f(0), fourFile, '--out', join(dir, 'x.json')])).rejects.toThrow(`${fourFile}: shard 1/4, but ${f(0)} is one of 3 shards`);
  });

  it('--shard takes I/N with 0 ≤ I < N', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    expect(() => parseShard('3/3')).toThrow(/below N/);
    expect(() => parseShard('1-3')).toThrow(/must be I\/N/);
    expect(() => parseShard('0/0')).toThrow(/N must be from 1/);
  });
});
