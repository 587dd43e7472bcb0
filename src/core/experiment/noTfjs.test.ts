/**
 * The spec modules (spec, codec, presets) must not pull tfjs into a bundle: walk their static import graph
 * (value imports and re-exports; `import type` is erased) over the source and assert no '@tensorflow' package
 * is reachable.
 */
import { readFileSync, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));

/** Static value imports / re-exports of a TypeScript source (skips `import type` / `export type`). */
export function staticImports(src: string): string[] {
  const code = src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const out: string[] = [];
  const re = /(?:^|;|\n)\s*(import|export)\s+(type\s+)?([\s\S]*?)\s*from\s*['"]([^'"]+)['"]|(?:^|;|\n)\s*import\s*['"]([^'"]+)['"]/g;
  for (let m = re.exec(code); m; m = re.exec(code)) {
    if (m[5]) {
      out.push(m[5]);
      continue;
    }
    if (m[2]) continue; // import type … / export type …
    const clause = m[3].trim();
    // `import { type A, type B } from` is erased too
    const braces = /^\{([\s\S]*)\}$/.exec(clause);
    if (braces && braces[1].split(',').map((s) => s.trim()).filter(Boolean).every((s) => s.startsWith('type '))) continue;
    out.push(m[4]);
  }
  return out;
}

function resolveLocal(from: string, spec: string): string {
  const base = resolve(dirname(from), spec);
  for (const c of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`]) if (existsSync(c) && c.match(/\.tsx?$/)) return c;
  throw new Error(`cannot resolve ${spec} from ${from}`);
}

/** Every bare package reachable from `entry`, with one import chain per package. */
function reachablePackages(entry: string): Map<string, string[]> {
  const pkgs = new Map<string, string[]>();
  const seen = new Set<string>();
  const stack: { file: string; chain: string[] }[] = [{ file: entry, chain: [entry] }];
  while (stack.length) {
    const { file, chain } = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const spec of staticImports(readFileSync(file, 'utf8'))) {
      if (spec.startsWith('.')) {
        const next = resolveLocal(file, spec);
        stack.push({ file: next, chain: [...chain, next] });
      } else if (!pkgs.has(spec)) pkgs.set(spec, chain);
    }
  }
  return pkgs;
}

describe('spec modules stay tfjs-free', () => {
  it('the regex resolver sees value imports and skips type-only ones', () => {
    const src = `import type * as tf from '@tensorflow/tfjs';\nimport { type A, type B } from './a';\nimport { x, type Y } from './b';\nexport { z } from './c';\nexport type { W } from './d';\nimport './e';\n// import { q } from './f';`;
    expect(staticImports(src)).toEqual(['./b', './c', './e']);
  });

  it('the resolver finds tfjs behind the old modules (so the check can fail)', () => {
    const pkgs = reachablePackages(resolve(here, '../ml/backend.ts'));
    expect([...pkgs.keys()].some((p) => p.startsWith('@tensorflow'))).toBe(true);
  });

  it.each(['spec.ts', 'codec.ts', 'presets.ts'])('%s reaches no @tensorflow package', (file) => {
    const pkgs = reachablePackages(resolve(here, file));
    const tf = [...pkgs.entries()].filter(([p]) => p.startsWith('@tensorflow'));
    expect(tf.map(([p, chain]) => `${p} via ${chain.map((c) => c.replace(here, '.')).join(' → ')}`)).toEqual([]);
    expect(pkgs.has('zod')).toBe(true); // the walk reached spec.ts's own dependencies
  });
});
