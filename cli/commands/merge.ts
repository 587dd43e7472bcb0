/**
 * `merge DIR|FILE… --out RESULTS.json`: combines the shard results files of one sweep (`cli run … --shard I/N`)
 * into the results JSON the unsharded run writes. A folder contributes every *.json in it that is a shard file.
 */
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CliError, parseFlags, type Command } from '../command';
import { MergeError, mergeShards, type ShardFile } from '../../src/core/experiment/run/merge';
import { SHARD_FORMAT } from '../../src/core/experiment/run/shard';
import { resultsTable } from './runTable';

export const HELP = `Usage:
  npm run --silent cli -- merge DIR|SHARD.json... --out RESULTS.json

Combines the shard results of one experiment ("cli run SPEC --shard I/N --out SHARD.json", one per I) into one
results JSON, the same as an unsharded run writes (timings aside: startedAt is the earliest shard's, finishedAt
the latest's, seconds the sum). A folder contributes its *.json files that are shard results. Fails with one
line naming the file when a shard is missing, given twice, or of a different experiment. See docs/scale.md.

Options:
  --out FILE   where to write the merged results JSON (required)`;

const FLAGS = { out: 'string' } as const;

function readShard(file: string): ShardFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new CliError(`cannot read ${file}`);
  }
  try {
    return { file, data: JSON.parse(text) };
  } catch {
    throw new CliError(`${file}: not JSON`);
  }
}

/** The shard files named: files as given, folders' *.json files whose format is a shard's (others are skipped). */
export function collectShardFiles(paths: string[]): ShardFile[] {
  const out: ShardFile[] = [];
  for (const p of paths) {
    if (!existsSync(p)) throw new CliError(`not found: ${p}`);
    if (!statSync(p).isDirectory()) {
      out.push(readShard(p));
      continue;
    }
    const found = readdirSync(p)
      .filter((n) => n.endsWith('.json'))
      .sort()
      .map((n) => readShard(join(p, n)))
      .filter((f) => (f.data as { format?: unknown } | null)?.format === SHARD_FORMAT);
    if (found.length === 0) throw new CliError(`${p}: no shard results files (*.json written by "cli run --shard") in it`);
    out.push(...found);
  }
  return out;
}

export const command: Command = {
  help: HELP,
  async run(argv) {
    const { flags, _ } = parseFlags(argv, FLAGS);
    const out = flags.out as string | undefined;
    if (!out) throw new CliError('--out RESULTS.json is required');
    if (_.length === 0) throw new CliError('give the shard results: folders or files');
    let merged;
    try {
      merged = mergeShards(collectShardFiles(_));
    } catch (e) {
      if (e instanceof MergeError) throw new CliError(e.message);
      throw e;
    }
    const { spec, results } = merged;
    writeFileSync(out, JSON.stringify({ ...results, spec }, null, 2) + '\n');
    process.stdout.write(resultsTable(results));
    process.stderr.write(`wrote ${out} (${results.cells?.length ?? 0} cells)\n`);
    return 0;
  },
};
