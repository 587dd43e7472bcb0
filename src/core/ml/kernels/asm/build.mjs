// Compiles simd.as (AssemblyScript, SIMD) into ../generated/simdModule.ts (base64). Run: npm run build:kernels
// (`-- --out FILE` writes elsewhere; generated/simdModule.test.ts rebuilds into a temp file and compares).
// Needs the dev dependency `assemblyscript`; the generated module is committed, so builds and tests don't.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import asc from 'assemblyscript/asc';

const here = dirname(fileURLToPath(import.meta.url));
const outArg = process.argv.indexOf('--out');
const target = outArg > 0 ? resolve(process.argv[outArg + 1]) : join(here, '..', 'generated', 'simdModule.ts');
const tmp = mkdtempSync(join(tmpdir(), 'simd-'));
copyFileSync(join(here, 'simd.as'), join(tmp, 'simd.ts')); // asc wants .ts; tsc must not see AS code
/** Compiles simd.ts with the given extra wasm features; returns the module's base64. */
async function build(name, features, shared = false) {
  const out = join(tmp, `${name}.wasm`);
  // shared: the memory import is declared shared (max 4 GiB), for the kernel threads' own SharedArrayBuffer heap
  const mem = shared ? ['--sharedMemory', '--maximumMemory', '65536'] : [];
  const args = [join(tmp, 'simd.ts'), '--enable', shared ? `${features},threads` : features, '--importMemory', ...mem, '-O3', '--noAssert', '--runtime', 'stub', '-o', out];
  const { error } = await asc.main(args, { stdout: process.stdout, stderr: process.stderr });
  if (error) throw new Error(`${name}: asc failed: ${error.message}`);
  const bytes = readFileSync(out);
  // the module must not write into the memory it imports (it is the tfjs heap): no data segments (id 11)
  if (hasDataSection(bytes)) throw new Error(`${name}: the module has a data section; it would overwrite the tfjs heap`);
  return bytes.toString('base64');
}

function hasDataSection(bytes) {
  let i = 8;
  while (i < bytes.length) {
    const id = bytes[i++];
    let size = 0;
    for (let shift = 0; ; shift += 7) {
      const b = bytes[i++];
      size |= (b & 0x7f) << shift;
      if (!(b & 0x80)) break;
    }
    if (id === 11) return true;
    i += size;
  }
  return false;
}
let plain, relaxed, plainShared, relaxedShared;
try {
  plain = await build('simd', 'simd');
  // the same source with relaxed SIMD (f32x4.relaxed_madd → FMA where the CPU has it), loaded only where supported
  relaxed = await build('relaxed', 'simd,relaxed-simd');
  // the same two on a shared memory: instantiated by the kernel threads (threads/) on their SharedArrayBuffer heap
  plainShared = await build('simd-shared', 'simd', true);
  relaxedShared = await build('relaxed-shared', 'simd,relaxed-simd', true);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
writeFileSync(
  target,
  `// GENERATED from asm/simd.as by asm/build.mjs (npm run build:kernels) — do not edit.\n` +
    `export const SIMD_WASM_BASE64 =\n  '${plain}';\n` +
    `/** The same module built with relaxed SIMD (fused multiply-add in the convolutions). */\n` +
    `export const RELAXED_SIMD_WASM_BASE64 =\n  '${relaxed}';\n` +
    `/** Both builds again with the memory import declared shared (kernel threads: see ../threads). */\n` +
    `export const SIMD_SHARED_WASM_BASE64 =\n  '${plainShared}';\n` +
    `export const RELAXED_SIMD_SHARED_WASM_BASE64 =\n  '${relaxedShared}';\n`,
);
for (const [n, b] of [['plain', plain], ['relaxed', relaxed], ['plain shared', plainShared], ['relaxed shared', relaxedShared]]) console.log(`${n}: ${Buffer.from(b, 'base64').length} bytes of wasm`);
