/**
 * Combines the shard results of one sweep into the RunResults the unsharded run gives: the same cells (run order),
 * predictions, notes and sources, with the summaries (comparison, paired, repeats, budgets, warnings) computed by
 * the same results builder. Where and when the shards ran is merged as: startedAt the earliest, finishedAt the
 * latest, seconds the sum (compute time), backend the first shard's (see UNTIMED_KEYS for what may differ).
 */
import type { RunResults, StagePredictions, StageResult } from '../results';
import { enumerateCells } from './cells';
import { assembleResults } from './results';
import { SHARD_FORMAT, specHash, type ShardResults } from './shard';
import type { ExperimentSpec } from '../spec';

/** A merge that cannot be done; the message names the file. */
export class MergeError extends Error {
  override name = 'MergeError';
}

/**
 * Keys whose values depend on when, how fast or from which cache a cell ran, not on what it computed: an
 * unsharded and a sharded run of one spec agree on everything else. `threads` is the backend's helper-thread
 * count (results are bit-identical for any); `cached` marks a pretrain cell whose model came from the cache.
 */
export const UNTIMED_KEYS = ['startedAt', 'finishedAt', 'seconds', 'samplesPerSec', 'estimatedSeconds', 'cached', 'threads'] as const;

/** A copy without the UNTIMED_KEYS at any depth (to compare a merged and an unsharded run). */
export function withoutTimings<T>(v: T): T {
  const skip = new Set<string>(UNTIMED_KEYS);
  const strip = (x: unknown): unknown =>
    Array.isArray(x) ? x.map(strip) : x && typeof x === 'object' ? Object.fromEntries(Object.entries(x).filter(([k]) => !skip.has(k)).map(([k, y]) => [k, strip(y)])) : x;
  return strip(v) as T;
}

export interface ShardFile {
  /** Where it came from (named in errors). */
  file: string;
  data: unknown;
}

function asShard(f: ShardFile): ShardResults {
  const d = f.data as Partial<ShardResults> | null;
  if (!d || typeof d !== 'object' || d.format !== SHARD_FORMAT) throw new MergeError(`${f.file}: not a shard results file (write one with "cli run … --shard i/N")`);
  if (d.version !== 1) throw new MergeError(`${f.file}: shard results version ${String(d.version)} (this lab reads version 1)`);
  if (!d.shard || !Array.isArray(d.cells) || !d.spec || typeof d.specHash !== 'string') throw new MergeError(`${f.file}: incomplete shard results (no shard, spec or cells)`);
  return d as ShardResults;
}

/** Keeps each item once, at its earliest place. */
function ordered(groups: string[][]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const g of groups) for (const x of g) if (!seen.has(x)) (seen.add(x), out.push(x));
  return out;
}

export function mergeShards(files: ShardFile[]): { spec: ExperimentSpec; results: RunResults } {
  if (files.length === 0) throw new MergeError('no shard results given');
  const shards = files.map((f) => ({ f, s: asShard(f) }));
  const first = shards[0];
  const { count } = first.s.shard;
  const byIndex = new Map<number, string>();
  for (const { f, s } of shards) {
    if (s.specHash !== first.s.specHash || specHash(s.spec) !== s.specHash) {
      throw new MergeError(`${f.file}: shard of a different experiment (spec hash ${s.specHash}; ${first.f.file} has ${first.s.specHash})`);
    }
    if (s.shard.count !== count) throw new MergeError(`${f.file}: shard ${s.shard.index}/${s.shard.count}, but ${first.f.file} is one of ${count} shards`);
    const dup = byIndex.get(s.shard.index);
    if (dup !== undefined) throw new MergeError(`${f.file}: shard ${s.shard.index}/${count} given twice (also ${dup})`);
    byIndex.set(s.shard.index, f.file);
    for (const [k, src] of Object.entries(s.sources)) {
      const other = shards.find((o) => o.s.sources[k] && o.s.sources[k].fingerprint !== src.fingerprint);
      if (other) throw new MergeError(`${f.file}: source "${k}" has fingerprint ${src.fingerprint}, ${other.f.file} has ${other.s.sources[k].fingerprint} (different data)`);
    }
  }
  const missing = [...Array(count).keys()].filter((i) => !byIndex.has(i));
  if (missing.length) throw new MergeError(`missing shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')} (have ${[...byIndex.keys()].sort((a, b) => a - b).map((i) => `${i}/${count}`).join(', ')})`);

  const spec = first.s.spec;
  const cellFile = new Map<string, string>();
  const cells = new Map<string, StageResult>();
  const predictions = new Map<string, StagePredictions>();
  for (const { f, s } of shards) {
    for (const c of s.cells) {
      const id = c.cell?.id;
      if (!id) throw new MergeError(`${f.file}: a cell result without its cell id`);
      const dup = cellFile.get(id);
      if (dup) throw new MergeError(`${f.file}: cell ${id} is also in ${dup} (overlapping shards)`);
      cellFile.set(id, f.file);
      cells.set(id, c);
    }
    for (const p of s.predictions ?? []) predictions.set(p.cell, p);
  }
  const all = enumerateCells(spec);
  const lacking = all.filter((c) => !cells.has(c.id));
  if (lacking.length) {
    throw new MergeError(`incomplete shards: no result for cell${lacking.length > 1 ? 's' : ''} ${lacking.slice(0, 5).map((c) => c.id).join(', ')}${lacking.length > 5 ? ', …' : ''}`);
  }
  const known = new Set(all.map((c) => c.id));
  const extra = [...cells.keys()].find((id) => !known.has(id));
  if (extra) throw new MergeError(`${cellFile.get(extra)}: cell ${extra} is not a cell of the experiment`);

  const byShard = [...shards].sort((a, b) => a.s.shard.index - b.s.shard.index).map((x) => x.s);
  const groups = (pick: 'notes' | 'sources') => [
    ...byShard.map((s) => s.firsts[''] ? s.firsts[''][pick] : []),
    ...all.flatMap((c) => byShard.map((s) => s.firsts[c.id]?.[pick] ?? [])),
  ];
  const sourceOf = (k: string) => byShard.find((s) => s.sources[k])!.sources[k];
  const backends = ordered(byShard.map((s) => [s.backend.backend]));
  const notes = ordered(groups('notes'));
  if (backends.length > 1) notes.push(`shards ran on different backends: ${backends.join(', ')}`);
  const results = assembleResults(spec, {
    backend: byShard[0].backend,
    startedAt: byShard.map((s) => s.startedAt).sort()[0],
    finishedAt: byShard.map((s) => s.finishedAt).sort().at(-1)!,
    seconds: byShard.reduce((a, s) => a + s.seconds, 0),
    sources: Object.fromEntries(ordered(groups('sources')).map((k) => [k, sourceOf(k)])),
    leads: byShard[0].leads,
    notes,
    cells: all.map((c) => cells.get(c.id)!),
    predictions: all.flatMap((c) => predictions.get(c.id) ?? []),
  });
  return { spec, results };
}
