/**
 * The import rules of .dependency-cruiser.cjs (npm run lint:deps) catch what they describe: dependency-cruiser
 * runs with the project's config on a small tree that breaks each rule once, and on one that keeps them all.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const config = join(root, '.dependency-cruiser.cjs');
const depcruise = join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Writes `files` (path → source) into a fresh directory with a stand-in @tensorflow/tfjs-core package. */
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'import-rules-'));
  made.push(dir);
  const all = {
    'node_modules/@tensorflow/tfjs-core/package.json': '{ "name": "@tensorflow/tfjs-core", "main": "index.js" }',
    'node_modules/@tensorflow/tfjs-core/index.js': 'export const tensor = () => 0;\n',
    ...files,
  };
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** Rule names of the violations dependency-cruiser reports in `dir` (with its `from` file). */
function violations(dir: string): string[] {
  let out: string;
  try {
    out = execFileSync(process.execPath, [depcruise, 'src', 'workers', '--config', config, '--output-type', 'json'], { cwd: dir, encoding: 'utf8', stdio: 'pipe' });
  } catch (e) {
    out = (e as { stdout: string }).stdout; // exits non-zero when rules are broken
  }
  const result = JSON.parse(out) as { summary: { violations: { rule: { name: string }; from: string }[] } };
  return result.summary.violations.map((v) => `${v.rule.name} ${v.from}`).sort();
}

describe('import rules', () => {
  it('report each broken rule once', () => {
    const dir = tree({
      'src/core/usesUi.ts': "import { label } from '../ui/label';\nexport const a = label;\n",
      'src/core/cycleA.ts': "import { b } from './cycleB';\nexport const a = () => b;\n",
      'src/core/cycleB.ts': "import { a } from './cycleA';\nexport const b = () => a;\n",
      'src/core/ml/kernels/index.ts': "export { conv } from './forward/conv';\n",
      'src/core/ml/kernels/forward/conv.ts': 'export const conv = 1;\n',
      'src/core/ml/train.ts': "import { conv } from './kernels/forward/conv';\nexport const t = conv;\n",
      'src/ui/label.ts': 'export const label = 1;\n',
      'src/ui/model.ts': "import { tensor } from '@tensorflow/tfjs-core';\nexport const m = tensor;\n",
      'src/store/runStore.ts': "import type { Label } from '../ui/types';\nexport type S = Label;\n",
      'src/ui/types.ts': 'export type Label = string;\n',
      'workers/train.worker.ts': "import type { Label } from '../src/ui/types';\nexport type W = Label;\n",
    });
    // a cycle is reported once, from whichever of its modules the cruise reaches first
    expect(violations(dir).map((v) => v.replace(/cycle[AB]/, 'cycle'))).toEqual([
      'core-acyclic src/core/cycle.ts',
      'core-stays-inside src/core/usesUi.ts',
      'kernels-through-index src/core/ml/train.ts',
      'store-without-ui src/store/runStore.ts',
      'ui-without-tfjs src/ui/model.ts',
      'workers-without-ui workers/train.worker.ts',
    ]);
  });

  it('pass a tree that keeps them', () => {
    const dir = tree({
      'src/core/ml/kernels/index.ts': "export { conv } from './forward/conv';\n",
      'src/core/ml/kernels/forward/conv.ts': "import { tensor } from '@tensorflow/tfjs-core';\nexport const conv = tensor;\n",
      'src/core/ml/train.ts': "import { conv } from './kernels';\nexport const t = conv;\n",
      'src/core/contract.ts': 'export type Label = string;\n',
      'src/store/runStore.ts': "import type { Label } from '../core/contract';\nexport type S = Label;\n",
      'src/ui/view.ts': "import type { S } from '../store/runStore';\nexport type V = S;\n",
      'workers/train.worker.ts': "import { t } from '../src/core/ml/train';\nexport const w = t;\n",
    });
    expect(violations(dir)).toEqual([]);
  });
});
