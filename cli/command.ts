/** A CLI command: its help text and its entry. Bad arguments throw CliError (one-line message, exit 2). */
export interface Command {
  help: string;
  run(argv: string[]): Promise<number>;
}

export class CliError extends Error {
  override name = 'CliError';
}

export type FlagSpec = Record<string, 'string' | 'number' | 'boolean' | 'strings'>;
export type Flags = Record<string, string | number | boolean | string[] | undefined>;

/**
 * Minimal strict flag parser: `--name value`, `--name=value`, boolean `--flag`, repeatable 'strings'.
 * Unknown flags and malformed numbers are CliErrors. Positional arguments are returned in `_`.
 */
export function parseFlags(argv: string[], spec: FlagSpec): { flags: Flags; _: string[] } {
  const flags: Flags = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const key = arg.slice(2, eq < 0 ? undefined : eq);
    const kind = spec[key];
    if (!kind) throw new CliError(`unknown option --${key}`);
    if (kind === 'boolean') {
      if (eq >= 0) throw new CliError(`option --${key} takes no value`);
      flags[key] = true;
      continue;
    }
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      i++;
    }
    if (value === undefined || (eq < 0 && value.startsWith('--'))) throw new CliError(`option --${key} needs a value`);
    if (kind === 'number') {
      const num = Number(value);
      if (!Number.isFinite(num)) throw new CliError(`option --${key} must be a number, got "${value}"`);
      flags[key] = num;
    } else if (kind === 'strings') {
      const prev = (flags[key] as string[] | undefined) ?? [];
      flags[key] = [...prev, value];
    } else flags[key] = value;
  }
  return { flags, _: positional };
}
