import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { dataPath, expect, hasEcgData, shot, test } from './fixtures';

test.describe('data panel', () => {
  test('opens with the privacy statement and an empty, usable state', async ({ page, lab }) => {
    await lab.goto();
    await lab.shell.open('Data');
    await expect(lab.data.privacyNote()).toContainText('Files stay on this computer');
    await expect(page.getByText('No datasets loaded yet')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Choose files…' })).toBeEnabled();
    await expect(page.getByRole('button', { name: 'Choose a folder…' })).toBeEnabled();
  });

  test('PTB-XL folder: dataset listed with the five superclasses, records browsable', async ({ page, lab }) => {
    test.skip(!hasEcgData, 'needs ../shared/data');
    const { data } = lab;
    await lab.goto();
    await lab.shell.open('Data');
    await data.importFolder(dataPath('ptb-xl'));
    await data.expectRecords(/^\d+$/);
    // 100 PTB-XL records: those without a diagnostic statement are left out and listed as skipped
    const n = Number(await data.records().textContent());
    const skipped = await data.skipped().count();
    expect(n).toBeGreaterThan(90);
    expect(n + skipped).toBe(100);
    for (const c of ['NORM', 'MI', 'STTC', 'CD', 'HYP']) await expect(data.classChart()).toHaveAttribute('aria-label', new RegExp(`${c} \\d+`));
    await expect(data.recordBrowser()).toBeVisible();
    await data.expectRecordDrawn();
    await expect(data.recordLabels().locator('.tag.cls').first()).toBeVisible();
    await shot(page, 'data-ptbxl');
    await data.nextRecord();
    await expect(data.recordSelect()).toHaveValue('1');
  });

  test('a real drop: PTB-XL records with their CSVs dropped on the zone give a labelled dataset', async ({ page, lab }) => {
    test.skip(!hasEcgData, 'needs ../shared/data');
    const { data } = lab;
    await lab.goto();
    await lab.shell.open('Data');
    const records = Array.from({ length: 12 }, (_, i) => `${String(i + 1).padStart(5, '0')}_lr`);
    const dir = dataPath('ptb-xl', 'records100', '00000');
    const files = [
      ...records.flatMap((r) => [`${r}.hea`, `${r}.dat`].map((name) => ({ name, path: `${dir}/${name}` }))),
      ...['ptbxl_database.csv', 'scp_statements.csv'].map((name) => ({ name, path: dataPath('ptb-xl', name) })),
    ].map((f) => ({ name: f.name, b64: readFileSync(f.path).toString('base64') }));

    // Expected per superclass for these records, straight from the CSVs (every diagnostic statement counts).
    const parse = (name: string) => Papa.parse<Record<string, string>>(readFileSync(dataPath('ptb-xl', name), 'utf8'), { header: true, skipEmptyLines: true }).data;
    const codeClass = new Map(parse('scp_statements.csv').filter((r) => Number(r.diagnostic) === 1 && r.diagnostic_class).map((r) => [r[''] ?? Object.values(r)[0], r.diagnostic_class!]));
    const expected: Record<string, number> = {};
    let labelled = 0;
    for (const row of parse('ptbxl_database.csv').filter((r) => records.includes(r.filename_lr!.split('/').pop()!))) {
      const classes = new Set([...row.scp_codes!.matchAll(/'([^']+)'\s*:/g)].map((m) => codeClass.get(m[1]!)).filter((c): c is string => !!c));
      if (classes.size) labelled++;
      for (const c of classes) expected[c] = (expected[c] ?? 0) + 1;
    }
    expect(labelled).toBeGreaterThan(0);

    // The drop as the browser delivers it: File objects in a DataTransfer, then dragenter/dragover/drop on the zone.
    // Synthetic DataTransfer items have no file-system entry (webkitGetAsEntry() gives null), so a dropped *folder*
    // (directory traversal through FileSystemDirectoryEntry) cannot be synthesised here; the folder picker test
    // above covers folders, this one the loose-file path of filesFromDrop.
    const dataTransfer = await page.evaluateHandle((list) => {
      const dt = new DataTransfer();
      for (const f of list) dt.items.add(new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name));
      return dt;
    }, files);
    const zone = data.dropzone();
    await zone.dispatchEvent('dragenter', { dataTransfer });
    await zone.dispatchEvent('dragover', { dataTransfer });
    await expect(zone).toHaveClass(/\bover\b/);
    await zone.dispatchEvent('drop', { dataTransfer });
    await expect(zone).not.toHaveClass(/\bover\b/);

    await data.expectRecords(labelled);
    await expect(data.datasets()).toHaveCount(1);
    for (const [c, n] of Object.entries(expected)) await expect(data.classChart()).toHaveAttribute('aria-label', new RegExp(`\\b${c} ${n}\\b`));
    await expect(data.recordBrowser()).toBeVisible();
    await data.expectRecordDrawn();
    await shot(page, 'data-drop');
  });

  test('bad files are listed with their reasons while good ones load', async ({ page, lab }) => {
    test.skip(!hasEcgData, 'needs ../shared/data');
    const { data } = lab;
    await lab.goto();
    await lab.shell.open('Data');
    const dir = dataPath('ptb-xl', 'records100', '00000');
    const good = ['00001_lr', '00002_lr'].flatMap((r) => [
      { name: `${r}.hea`, mimeType: 'text/plain', buffer: readFileSync(`${dir}/${r}.hea`) },
      { name: `${r}.dat`, mimeType: 'application/octet-stream', buffer: readFileSync(`${dir}/${r}.dat`) },
    ]);
    const bad = [
      { name: '00003_lr.hea', mimeType: 'text/plain', buffer: readFileSync(`${dir}/00003_lr.hea`) },
      { name: '00003_lr.dat', mimeType: 'application/octet-stream', buffer: readFileSync(`${dir}/00003_lr.dat`).subarray(0, 1000) },
      { name: 'empty.hea', mimeType: 'text/plain', buffer: Buffer.alloc(0) },
      { name: 'notes.xyz', mimeType: 'application/octet-stream', buffer: Buffer.from('not an ecg') },
      { name: 'huge.hea', mimeType: 'text/plain', buffer: Buffer.from('huge 1 500 1000000000\nhuge.dat 16 200 16 0 0 0 0 II\n') },
    ];
    await data.importFiles([...good, ...bad]);
    await data.expectRecords(2);
    await expect(data.importReport()).toBeVisible();
    const errors = data.importErrors();
    await expect(errors).toContainText('00003_lr');
    await expect(errors).toContainText('empty.hea');
    await expect(errors).toContainText('huge');
    await shot(page, 'data-bad-files');
    // still usable: switch panels and back
    await lab.shell.open('Designer');
    await lab.shell.open('Data');
    await expect(data.datasets()).toHaveCount(1);
  });
});
