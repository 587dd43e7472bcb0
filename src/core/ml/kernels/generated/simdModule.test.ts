/**
 * The committed simdModule.ts is what asm/build.mjs makes from asm/simd.as with the installed AssemblyScript:
 * rebuilt into a temp file and compared byte for byte (the build is deterministic: same source and compiler,
 * same bytes). Fails when simd.as or the build flags change without `npm run build:kernels`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const kernels = join(__dirname, '..');
const tmp = mkdtempSync(join(tmpdir(), 'simd-module-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The four exported base64 strings by name. */
function modules(text: string): Map<string, string> {
  return new Map([...text.matchAll(/export const (\w+) =\s*'([A-Za-z0-9+/=]+)';/g)].map((m) => [m[1], m[2]]));
}

describe('generated SIMD module', () => {
  it('matches a fresh build of asm/simd.as', () => {
    const rebuilt = join(tmp, 'simdModule.ts');
    execFileSync(process.execPath, [join(kernels, 'asm', 'build.mjs'), '--out', rebuilt], { stdio: 'pipe' });
    const fresh = readFileSync(rebuilt, 'utf8');
    const committed = readFileSync(join(__dirname, 'simdModule.ts'), 'utf8');
    // per module first, so a mismatch names the build that differs
    const want = modules(fresh);
    expect([...want.keys()]).toEqual(['SIMD_WASM_BASE64', 'RELAXED_SIMD_WASM_BASE64', 'SIMD_SHARED_WASM_BASE64', 'RELAXED_SIMD_SHARED_WASM_BASE64']);
    const got = modules(committed);
    for (const [name, b64] of want) expect(got.get(name), `${name} is stale: run npm run build:kernels`).toBe(b64);
    expect(committed).toBe(fresh);
  });
});
