/**
 * The worker seams: each protocol file is types only (the page imports it without the engine), and each worker
 * file only bridges its protocol to src/core (small, and never importing the UI).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const read = (f: string) => readFileSync(join(here, f), 'utf8');

/** Import / export-from statements of a source, comments removed. */
function imports(src: string): string[] {
  const code = src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  return (code.match(/^\s*(import|export)\b[^;]*?\bfrom\s*['"][^'"]+['"]|^\s*import\s*['"][^'"]+['"]/gm) ?? []).map((s) => s.trim());
}

describe('worker protocols and bridges', () => {
  it.each(['train.protocol.ts', 'data.protocol.ts'])('%s imports and re-exports types only', (f) => {
    const all = imports(read(f));
    expect(all.length).toBeGreaterThan(0);
    expect(all.filter((s) => !/^(import|export)\s+type\b/.test(s))).toEqual([]);
  });

  it.each([
    ['train.worker.ts', 'train.protocol'],
    ['data.worker.ts', 'data.protocol'],
  ])('%s bridges its protocol in at most 150 lines and never imports the UI', (f, protocol) => {
    const src = read(f);
    expect(src.split('\n').length).toBeLessThanOrEqual(150);
    expect(src).toMatch(new RegExp(`const api: \\w+Api = \\{[\\s\\S]*Comlink\\.expose\\(api\\)`));
    expect(imports(src).some((s) => s.includes(`./${protocol}'`))).toBe(true);
    expect(imports(src).filter((s) => /src\/(ui|store)\//.test(s))).toEqual([]);
  });
});
