/**
 * The contract is types only, so the page, the stores and the workers can import it without pulling in the
 * engine (tfjs, zod): every import and re-export in it is `import type` / `export type`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const sources = readdirSync(here).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));

/** Import / export-from statements that are not type-only. */
function valueImports(src: string): string[] {
  const code = src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const stmts = code.match(/^\s*(import|export)\b[^;]*?\bfrom\s*['"][^'"]+['"]|^\s*import\s*['"][^'"]+['"]/gm) ?? [];
  return stmts.map((s) => s.trim()).filter((s) => !/^(import|export)\s+type\b/.test(s));
}

describe('contract module', () => {
  it('has its files', () => {
    expect(sources).toEqual(expect.arrayContaining(['index.ts', 'live.ts', 'catalog.ts', 'errors.ts', 'models.ts']));
  });

  it.each(sources)('%s imports and re-exports types only', (file) => {
    expect(valueImports(readFileSync(join(here, file), 'utf8'))).toEqual([]);
  });

  it('the check sees value imports', () => {
    expect(valueImports("import { a } from './a';\nimport type { B } from './b';\nexport { c } from './c';\nexport type { D } from './d';")).toEqual([
      "import { a } from './a'",
      "export { c } from './c'",
    ]);
  });
});
