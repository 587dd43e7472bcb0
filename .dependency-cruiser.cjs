/**
 * Import rules (npm run lint:deps, part of npm test). Dependencies point one way: core is pure TypeScript that the
 * UI, the workers, the CLI and the benchmarks build on; the UI reaches tfjs only through a worker. Type-only
 * imports count: a type import still ties the two layers' code together. See docs/architecture.md.
 */
module.exports = {
  forbidden: [
    {
      name: 'core-stays-inside',
      comment: 'src/core imports nothing of the UI, stores, workers or the Node/benchmark entry points.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^(src/ui|src/store|workers|cli|bench|e2e)/' },
    },
    {
      name: 'ui-without-tfjs',
      comment: 'src/ui and src/store never import @tensorflow/*: models run in workers (workers/*), reached through Comlink.',
      severity: 'error',
      from: { path: '^src/(ui|store)/' },
      to: { path: '(^|/)node_modules/@tensorflow/' },
    },
    {
      name: 'store-without-ui',
      comment: 'src/store never imports src/ui: the UI reads the stores, not the other way round.',
      severity: 'error',
      from: { path: '^src/store/' },
      to: { path: '^src/ui/' },
    },
    {
      name: 'workers-without-ui',
      comment: 'workers/ never import src/ui: what crosses the worker boundary lives in src/core.',
      severity: 'error',
      from: { path: '^workers/' },
      to: { path: '^src/ui/' },
    },
    {
      name: 'core-acyclic',
      comment: 'No import cycles inside src/core.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/core/', circular: true },
    },
    {
      name: 'kernels-through-index',
      comment:
        'Outside src/core/ml/kernels, import the kernels from their index (and the kernel threads from threads/index; ' +
        'a helper thread may take threads/helperLoop alone; tests may use testUtil).',
      severity: 'error',
      from: { path: '^', pathNot: '^src/core/ml/kernels/' },
      to: {
        path: '^src/core/ml/kernels/',
        pathNot: '^src/core/ml/kernels/(index|threads/index|threads/helperLoop|testUtil)\\.ts$',
      },
    },
  ],
  options: {
    doNotFollow: { path: '(^|/)node_modules/' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] },
  },
};
