/**
 * The UI bench's journeys: each drives the production build in a fresh page as a user would (the same steps the
 * browser tests take) and returns the page-clock window [from, to] of the work it measures.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';

/** Real ECG records: env ECG_DATA, default ../shared/data beside the project root (as the browser tests). */
export const ECG_DATA = process.env.ECG_DATA ?? join(process.cwd(), '..', 'shared', 'data');
const ptbxlDir = () => join(ECG_DATA, 'ptb-xl', 'records100', '00000');

export interface Journey {
  name: string;
  /** What it does, for the table. */
  what: string;
  needsData: boolean;
  /** Runs the journey on a page already at the app, marking the measured work with `work-start` / `work-end`. */
  run(page: Page, budgetMs: number): Promise<void>;
}

/** Marks the start and end of the measured work in the page (performance.mark), read back by the bench. */
async function mark(page: Page, name: 'work-start' | 'work-end'): Promise<void> {
  await page.evaluate((n) => void performance.mark(n), name);
}

async function runToDone(page: Page, budgetMs: number): Promise<void> {
  await page.getByRole('button', { name: /^(Start|Run again)$/ }).click();
  await page.locator('[data-testid="run-status"]:not([data-status="starting"]):not([data-status="running"]):not([data-status="idle"])').waitFor({ timeout: budgetMs });
  const st = await page.getByTestId('run-status').getAttribute('data-status');
  if (st !== 'done') throw new Error(`run ended ${st}: ${await page.getByTestId('run-status').innerText()}`);
}

/** teaching-quick edited through the spec JSON editor (as the browser tests do): wasm, 4 epochs per stage. */
async function teachingQuick(page: Page): Promise<void> {
  await page.getByRole('tab', { name: /^Experiment/ }).click();
  await page.getByLabel('Preset', { exact: true }).selectOption('teaching-quick');
  await page.getByTestId('stage-plan').waitFor();
  const details = page.locator('details', { hasText: 'Advanced: edit the spec as JSON' });
  await details.locator('summary').click();
  const spec = JSON.parse(await page.getByLabel('Spec JSON').inputValue()) as { backend: string; training: { epochs: number } };
  spec.backend = 'wasm';
  spec.training.epochs = 4;
  await page.getByLabel('Spec JSON').fill(JSON.stringify(spec, null, 2));
  await page.getByRole('button', { name: 'Apply JSON' }).click();
  await details.locator('[data-testid="json-status"][data-state="applied"]').waitFor({ timeout: 60_000 });
  await details.locator('summary').click();
  await page.locator('[data-testid="backend-badge"][data-backend="wasm"]').waitFor({ timeout: 60_000 });
}

async function withChangeMarks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __chg: { phase: 'capture' | 'bubble'; t: number }[] };
    w.__chg = [];
    document.addEventListener('change', () => w.__chg.push({ phase: 'capture', t: performance.now() }), true);
    window.addEventListener('change', () => w.__chg.push({ phase: 'bubble', t: performance.now() }));
  });
}

export const JOURNEYS: Journey[] = [
  {
    name: 'demo',
    what: 'synthetic demo as shipped (backend auto): generate + pretrain + transfer + baseline',
    needsData: false,
    async run(page, budgetMs) {
      await page.getByRole('button', { name: /Run the synthetic demo/ }).click();
      await page.getByTestId('stage-plan').waitFor();
      await mark(page, 'work-start');
      await runToDone(page, budgetMs);
      await mark(page, 'work-end');
    },
  },
  {
    name: 'preset',
    what: 'teaching-quick preset (wasm, 4 epochs/stage), Results panel open while it runs',
    needsData: false,
    async run(page, budgetMs) {
      await teachingQuick(page);
      await mark(page, 'work-start');
      await page.getByRole('button', { name: 'Start' }).click();
      await page.getByRole('tab', { name: /^Results/ }).click();
      await page.locator('section.lab-results[data-run-status="done"]').waitFor({ timeout: budgetMs });
      await mark(page, 'work-end');
    },
  },
  {
    name: 'generate',
    what: 'designer: generate a 2 000-record synthetic dataset',
    needsData: false,
    async run(page, budgetMs) {
      await page.getByRole('radio', { name: 'Dataset' }).click();
      await page.getByLabel('Records', { exact: true }).fill('2000');
      await page.getByTestId('dist-hrBpm').locator('.recharts-bar-rectangle').first().waitFor();
      await mark(page, 'work-start');
      await page.getByRole('button', { name: 'Generate dataset' }).click();
      await page.getByTestId('gen-done').filter({ hasText: 'Generated' }).waitFor({ timeout: budgetMs });
      await mark(page, 'work-end');
    },
  },
  {
    name: 'bad-files',
    what: 'import 2 good PTB-XL records + truncated, empty, corrupt and 10^9-sample-header files',
    needsData: true,
    async run(page, budgetMs) {
      const dir = ptbxlDir();
      const file = (name: string, buffer: Buffer) => ({ name, mimeType: 'application/octet-stream', buffer });
      const noise = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 2654435761) >>> 24));
      const hugeHeader = ['huge 12 500 1000000000', ...['I', 'II', 'III', 'aVR', 'aVL', 'aVF', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6'].map((l) => `huge.dat 16 1000/mV 16 0 0 0 0 ${l}`)].join('\n') + '\n';
      const files = [
        ...['00001_lr', '00002_lr'].flatMap((r) => [file(`${r}.hea`, readFileSync(join(dir, `${r}.hea`))), file(`${r}.dat`, readFileSync(join(dir, `${r}.dat`)))]),
        file('00003_lr.hea', readFileSync(join(dir, '00003_lr.hea'))),
        file('00003_lr.dat', readFileSync(join(dir, '00003_lr.dat')).subarray(0, 1000)),
        file('corrupt.hea', noise(600)),
        file('archive.zip', noise(3000)),
        file('empty.hea', Buffer.alloc(0)),
        file('huge.hea', Buffer.from(hugeHeader)),
        file('huge.dat', noise(4096)),
      ];
      await page.getByRole('tab', { name: /^Data/ }).click();
      await withChangeMarks(page);
      await mark(page, 'work-start');
      await page.getByTestId('file-input').setInputFiles(files);
      await page.getByTestId('ds-records').filter({ hasText: /^2$/ }).waitFor({ timeout: budgetMs });
      await mark(page, 'work-end');
    },
  },
  {
    name: 'large-import',
    what: 'folder of 4 000 12-lead records (copies of 40 PTB-XL records, two subfolders)',
    needsData: true,
    async run(page, budgetMs) {
      const N = 4000;
      const tmp = mkdtempSync(join(tmpdir(), 'bench-ui-'));
      try {
        const base = Array.from({ length: 40 }, (_, i) => `${String(i + 1).padStart(5, '0')}_lr`);
        const heas = base.map((r) => readFileSync(join(ptbxlDir(), `${r}.hea`), 'utf8'));
        const dats = base.map((r) => readFileSync(join(ptbxlDir(), `${r}.dat`)));
        for (const folder of ['part1', 'part2']) mkdirSync(join(tmp, 'big', folder), { recursive: true });
        for (let i = 0; i < N; i++) {
          const name = `rec${String(i).padStart(5, '0')}`;
          const k = i % base.length;
          const dir = join(tmp, 'big', i < N / 2 ? 'part1' : 'part2');
          writeFileSync(join(dir, `${name}.hea`), heas[k].split(base[k]).join(name));
          writeFileSync(join(dir, `${name}.dat`), dats[k]);
        }
        await page.getByRole('tab', { name: /^Data/ }).click();
        await withChangeMarks(page);
        await mark(page, 'work-start');
        await page.getByTestId('folder-input').setInputFiles(join(tmp, 'big'));
        await page.getByTestId('ds-records').filter({ hasText: new RegExp(`^${N}$`) }).waitFor({ timeout: budgetMs });
        await mark(page, 'work-end');
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
    },
  },
];
