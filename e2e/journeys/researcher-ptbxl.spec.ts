/**
 * Journey 2 — a researcher drops the PTB-XL folder (as a folder, then as a zip): the class distribution matches
 * what scp_statements.csv implies (computed here, independently of the lab's readers), then the
 * `paper-synthetic-to-real` preset runs with a small budget and the comparison table shows the baseline and
 * the four transfers with accuracy and macro AUC.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import Papa from 'papaparse';
import { dataPath, expect, hasEcgData, listFiles, shot, test } from '../fixtures';

const CLASSES = ['NORM', 'MI', 'STTC', 'CD', 'HYP'] as const;

/** Expected records per superclass and the records without a diagnostic statement, straight from the CSVs. */
function expectedFromCsv(): { counts: Record<string, number>; undiagnosed: number; records: string[] } {
  const st = Papa.parse<Record<string, string>>(readFileSync(dataPath('ptb-xl', 'scp_statements.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
  const codeClass = new Map<string, string>();
  for (const row of st) {
    const code = row[''] ?? Object.values(row)[0];
    if (Number(row.diagnostic) === 1 && row.diagnostic_class) codeClass.set(code, row.diagnostic_class);
  }
  const db = Papa.parse<Record<string, string>>(readFileSync(dataPath('ptb-xl', 'ptbxl_database.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
  const counts: Record<string, number> = Object.fromEntries(CLASSES.map((c) => [c, 0]));
  let undiagnosed = 0;
  const records: string[] = [];
  for (const row of db) {
    // scp_codes is a Python dict literal: {'NORM': 100.0, 'SR': 0.0}; every listed statement counts.
    const codes = [...row.scp_codes.matchAll(/'([^']+)'\s*:/g)].map((m) => m[1]);
    const classes = new Set(codes.map((c) => codeClass.get(c)).filter((c): c is string => !!c));
    if (classes.size === 0) undiagnosed++;
    for (const c of classes) counts[c]++;
    records.push(row.filename_lr.split('/').pop()!);
  }
  return { counts, undiagnosed, records };
}

test.describe('researcher with PTB-XL', () => {
  test.skip(!hasEcgData, 'needs ECG_DATA (../shared/data)');

  test('folder and zip give the class distribution scp_statements.csv implies; paper preset compares baseline with four transfers', async ({ page, lab, privacy }) => {
    const { data, experiment, results } = lab;
    const exp = expectedFromCsv();
    privacy.forbid(...exp.records, 'ptbxl_database', 'scp_statements', 'records100', '.dat', '.hea');
    console.log(`expected from the CSVs: ${JSON.stringify(exp.counts)}, undiagnosed ${exp.undiagnosed}`);

    await lab.goto();
    await lab.shell.open('Data');
    await expect(data.privacyNote()).toContainText('Files stay on this computer');

    // 1. As a folder.
    await data.importFolder(dataPath('ptb-xl'));
    await data.expectRecords(exp.records.length - exp.undiagnosed);
    expect(await data.classCounts(CLASSES)).toEqual(exp.counts);
    await expect(data.skipped()).toHaveCount(exp.undiagnosed);
    await expect(data.dataset()).toContainText('100 Hz');
    const fpFolder = await data.fingerprint();
    await data.expectRecordDrawn();
    await shot(page, 'journey-ptbxl-folder');
    await data.remove();
    await expect(data.datasets()).toHaveCount(0);

    // 2. As a zip built here from the real files (temp dir, never committed).
    const tmp = mkdtempSync(join(tmpdir(), 'ptbxl-zip-'));
    try {
      const entries: Record<string, Uint8Array> = {};
      for (const f of listFiles(dataPath('ptb-xl'))) {
        if (f.rel.startsWith('records500')) continue; // the 100 Hz set is what the lab imports by default
        entries[`ptb-xl/${f.rel}`] = readFileSync(f.path);
      }
      const zipPath = join(tmp, 'ptb-xl-100hz.zip');
      writeFileSync(zipPath, zipSync(entries, { level: 1 }));
      privacy.forbid('ptb-xl-100hz');
      await data.importFiles(zipPath);
      // the browser reads the picked file lazily: it must exist until the import is done
      await data.expectRecords(exp.records.length - exp.undiagnosed);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
    expect(await data.classCounts(CLASSES)).toEqual(exp.counts);
    // Same records, same samples, same labels → the same content fingerprint as the folder.
    await expect(data.fingerprintText()).toHaveText(fpFolder);
    await data.expectRecordDrawn();
    await shot(page, 'journey-ptbxl-zip');

    // 3. The paper's preset with a small budget.
    await experiment.choosePreset('paper-synthetic-to-real');
    await expect(experiment.stagePlan().locator('li')).toHaveCount(9);
    await experiment.editSpec((s) => {
      s.backend = 'wasm';
      s.sources.synth.spec.n = 120;
      s.training.epochs = 1;
      s.training.batchSize = 32;
      for (const st of s.stages) if (st.training) st.training.epochs = 1; // per-stage budgets too
      s.sources.ptbxl.fingerprint = fpFolder; // the dataset to use, named by content (what a share link carries)
    });
    await expect(experiment.neededData()).toContainText('loaded');
    await experiment.startAndWait();

    await lab.shell.open('Results');
    const table = results.comparisonTable();
    await expect(table).toContainText(/accuracy/i);
    await expect(table).toContainText(/AUC/);
    const rows = results.comparisonRows();
    await expect(rows).toHaveCount(5);
    const names = (await rows.locator('th').allInnerTexts()).map((t) => t.split(' ')[0].trim());
    expect(names.sort()).toEqual(['baseline', 'transfer-hr', 'transfer-pr', 'transfer-qrs', 'transfer-qt'].sort());
    for (let i = 0; i < 5; i++) {
      const cells = await rows.nth(i).locator('td').allInnerTexts();
      const nums = cells.map((c) => Number(/^-?\d\.\d{3}/.exec(c)?.[0])).filter((v) => Number.isFinite(v));
      expect(nums.length, `row ${names[i]}: ${cells.join(' | ')}`).toBeGreaterThanOrEqual(4); // acc + AUC on val and test
      for (const v of nums) expect(v).toBeGreaterThanOrEqual(0), expect(v).toBeLessThanOrEqual(1);
    }
    await shot(page, 'journey-ptbxl-results');

    // The share link names the data by fingerprint only: no record or file names.
    const url = await lab.shell.shareLink();
    privacy.assertUrlClean(url, 'share link');
    expect(url.length).toBeLessThan(8000);
  });
});
