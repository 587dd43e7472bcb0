import { describe, expect, it } from 'vitest';
import { CliError, parseFlags } from './command';

describe('parseFlags', () => {
  const spec = { n: 'number', out: 'string', 'noise-free': 'boolean', data: 'strings' } as const;
  it('parses values, booleans, repeated and positional arguments', () => {
    const { flags, _ } = parseFlags(['a.json', '--n', '12', '--out=dir', '--noise-free', '--data', 'x', '--data', 'y'], spec);
    expect(flags).toEqual({ n: 12, out: 'dir', 'noise-free': true, data: ['x', 'y'] });
    expect(_).toEqual(['a.json']);
  });
  it('rejects unknown options, missing values and bad numbers', () => {
    expect(() => parseFlags(['--bogus'], spec)).toThrow(CliError);
    expect(() => parseFlags(['--n'], spec)).toThrow(/needs a value/);
    expect(() => parseFlags(['--n', 'abc'], spec)).toThrow(/must be a number/);
  });
});
