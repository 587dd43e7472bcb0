#!/usr/bin/env node
/**
 * Node entry of the lab: the same src/core engine the browser worker runs.
 * Usage: npm run --silent cli -- <command> [options]
 */
import { CliError, type Command } from './command';

const COMMANDS: Record<string, () => Promise<{ command: Command }>> = {
  synth: () => import('./commands/synth'),
  inspect: () => import('./commands/inspect'),
  run: () => import('./commands/run'),
  merge: () => import('./commands/merge'),
};

const HELP = `ECG Transfer Lab command line

Usage: npm run --silent cli -- <command> [options]

Commands:
  synth     generate synthetic ECG records (WFDB) with exact labels
  inspect   read ECG files or dataset folders, print one JSON line per record
  run       run an experiment spec (or a preset) headless, or one shard of it
  merge     combine the shard results of one experiment into one results file

Run "<command> --help" for a command's options.`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(HELP + '\n');
    return 0;
  }
  const load = COMMANDS[name];
  if (!load) throw new CliError(`unknown command "${name}" (expected one of: ${Object.keys(COMMANDS).join(', ')})`);
  const { command } = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(command.help + '\n');
    return 0;
  }
  return command.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    const msg = err instanceof Error ? err.message : String(err);
    process.stderr.write(`error: ${msg}\n`);
    process.exit(err instanceof CliError ? 2 : 1);
  },
);
