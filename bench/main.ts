/**
 * Benchmarks: `npm run bench` runs all suites; `npm run bench -- <suite>` one of them.
 * Each suite prints a table and writes JSON to bench-results/<suite>.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';

const SUITES: Record<string, () => Promise<{ runBench(args: string[]): Promise<unknown[]> }>> = {
  synth: () => import('./synth'),
  stats: () => import('./stats'),
  train: () => import('./train'),
  import: () => import('./import'),
  'import-train': async () => {
    const m = await import('./import');
    return { runBench: (args: string[]) => m.runBench(['--train-only', ...args]) };
  },
  ui: () => import('./ui'),
  webgpu: () => import('./webgpu'),
};

async function main(argv: string[]): Promise<void> {
  const [first, ...rest] = argv;
  const names = first && !first.startsWith('-') ? [first] : Object.keys(SUITES);
  mkdirSync('bench-results', { recursive: true });
  for (const name of names) {
    const load = SUITES[name];
    if (!load) throw new Error(`unknown bench suite "${name}" (expected: ${Object.keys(SUITES).join(', ')})`);
    const rows = await (await load()).runBench(first && !first.startsWith('-') ? rest : argv);
    writeFileSync(`bench-results/${name}.json`, JSON.stringify(rows, null, 2) + '\n');
    console.log(`wrote bench-results/${name}.json`);
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
