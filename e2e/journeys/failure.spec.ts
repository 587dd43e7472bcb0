/**
 * Failure: bad files dropped together with good ones. Each bad one is reported with its reason, the good ones
 * load (a header claiming 10^9 samples is refused from the sizes it states, before anything is allocated), the
 * change handler hands the files to the data worker, and the lab stays usable. Also: a synthetic dataset is
 * generated in the worker while the page shows its progress. (Durations and long tasks: `npm run bench -- ui`.)
 * (Cancel/leak across runs and the WebGPU fallback are in e2e/experiment.spec.ts.)
 */
import { readFileSync } from 'node:fs';
import { changesReturned, dataPath, expect, expectLiveProgress, expectedKernelThreads, hasEcgData, installProbe, midProgress, probeLog, shot, test, workerNames } from '../fixtures';

function noise(n: number, seed: number): Buffer {
  const b = Buffer.alloc(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    b[i] = s >>> 24;
  }
  return b;
}

test.describe('import of bad files', () => {
  test('bad files mixed with good ones: each reported with its reason, good ones load in the worker, the lab stays usable', async ({ page, lab, privacy }) => {
    test.skip(!hasEcgData, 'needs ECG_DATA (../shared/data)');
    const { data } = lab;
    await installProbe(page);
    await lab.goto();
    await lab.shell.open('Data');
    const dir = dataPath('ptb-xl', 'records100', '00000');
    const file = (name: string, buffer: Buffer) => ({ name, mimeType: 'application/octet-stream', buffer });
    const good = ['00001_lr', '00002_lr'].flatMap((r) => [file(`${r}.hea`, readFileSync(`${dir}/${r}.hea`)), file(`${r}.dat`, readFileSync(`${dir}/${r}.dat`))]);
    // A 12-lead header that claims 10^9 samples per lead (24 GB of format-16 data) beside a 4 kB signal file.
    const hugeHeader = ['huge 12 500 1000000000', ...['I', 'II', 'III', 'aVR', 'aVL', 'aVF', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6'].map((l) => `huge.dat 16 1000/mV 16 0 0 0 0 ${l}`)].join('\n') + '\n';
    const bad: { f: ReturnType<typeof file>; reason: RegExp }[] = [
      // truncated: a real header whose signal file was cut short
      { f: file('00003_lr.hea', readFileSync(`${dir}/00003_lr.hea`)), reason: /00003_lr[\s\S]*(truncat|short|expected|bytes)/i },
      // corrupted: binary noise where a header should be; a zip that is not one; an EDF of noise
      { f: file('corrupt.hea', noise(600, 1)), reason: /corrupt\.hea[\s\S]*(header|invalid|not|bad|cannot)/i },
      { f: file('archive.zip', noise(3000, 2)), reason: /archive\.zip[\s\S]*(zip|archive)/i },
      { f: file('scrambled.edf', noise(4000, 3)), reason: /scrambled\.edf[\s\S]*(EDF|header|invalid|not)/i },
      // wrong extension: CSV text saved as .edf; an unknown extension
      { f: file('table.edf', Buffer.from('time,II\n0,0.1\n0.002,0.2\n')), reason: /table\.edf[\s\S]*(EDF|header|invalid|not)/i },
      { f: file('notes.xyz', Buffer.from('not an ECG')), reason: /notes\.xyz[\s\S]*(unknown|format|header)/i },
      // empty files
      { f: file('empty.hea', Buffer.alloc(0)), reason: /empty\.hea[\s\S]*(empty|header|no )/i },
      { f: file('empty.edf', Buffer.alloc(0)), reason: /empty\.edf[\s\S]*(empty|EDF|short|header)/i },
      // very large claim, small real signal file
      // refused from the sizes alone: 10^9 × 12 samples of 2 bytes against the 4 096 bytes there
      { f: file('huge.hea', Buffer.from(hugeHeader)), reason: /huge\.dat[\s\S]*shorter than the header says by 23999995904 bytes \(needs 24000000000, has 4096\)/ },
    ];
    const extra = [file('00003_lr.dat', readFileSync(`${dir}/00003_lr.dat`).subarray(0, 1000)), file('huge.dat', noise(4096, 4))];
    privacy.forbid('00001_lr', '00002_lr', '00003_lr', 'corrupt.hea', 'huge.hea', 'scrambled');

    await data.importFiles([...good, ...bad.map((b) => b.f), ...extra]);
    await data.expectRecords(2);
    // The change handler returned before any dataset was listed: the files went to the data worker.
    const changes = changesReturned(await probeLog(page));
    expect(changes.length, 'the file input fired its change event').toBeGreaterThan(0);
    expect(changes[0].value, 'records listed when the change handler returned').toBe('');
    expect(workerNames(page)).toContain('data.worker');
    const errors = data.importErrors();
    await expect(errors).toBeVisible();
    const items = await errors.locator('li').allInnerTexts();
    console.log(`import of 2 good + ${bad.length} bad files:\n  ${items.join('\n  ')}`);
    for (const b of bad) expect(items.some((t) => b.reason.test(t)), `${b.f.name} reported with its reason (${b.reason}) in:\n${items.join('\n')}`).toBe(true);
    // The good ones are whole: 12 leads at 100 Hz, the record is drawn.
    await expect(data.dataset()).toContainText('12 (I, II');
    await data.expectRecordDrawn();
    await shot(page, 'journey-failure-import');

    // Still usable: another import, the designer preview follows its sliders.
    await data.importFiles([file('00004_lr.hea', readFileSync(`${dir}/00004_lr.hea`)), file('00004_lr.dat', readFileSync(`${dir}/00004_lr.dat`))]);
    await expect(data.datasets()).toHaveCount(2);
    await lab.shell.open('Designer');
    await lab.designer.setHeartRate(130);
    await expect.poll(() => lab.designer.labelNumber('hr')).toBeGreaterThan(115);
  });
});

test('generating a synthetic dataset runs in the worker: the page shows its progress and stays live', async ({ page, lab }) => {
  const { designer } = lab;
  await installProbe(page);
  await lab.goto();
  await designer.datasetMode();
  await designer.records().fill('2000');
  await designer.expectHistogram();
  await designer.generate();
  expect(workerNames(page)).toContain('data.worker');
  expectLiveProgress(await probeLog(page), midProgress('progress:Dataset generation progress'), 'generation of 2000 records');
});

test('cancel mid-epoch three times, then a full run: no worker left behind, tfjs memory flat', async ({ page, lab }) => {
  const { experiment } = lab;
  await lab.goto();
  await experiment.choosePreset('teaching-quick');
  await experiment.editSpec((s) => {
    s.backend = 'wasm';
    s.training.epochs = 20;
    s.training.patience = 20;
  });
  const counts: number[] = [];
  const mems: { numTensors: number; numBytes: number }[] = [];
  for (let i = 0; i < 3; i++) {
    await experiment.start();
    await experiment.expectStatusText(/epoch \d+\/20, batch \d+\//);
    await experiment.cancel();
    await experiment.expectStatus('cancelled');
    counts.push(page.workers().length);
    const m = await page.evaluate(() => window.__lab?.trainMemory());
    if (m) mems.push(m);
  }
  console.log(`after each cancel: workers ${counts.join(', ')} (${workerNames(page).join(', ')}); tfjs ${mems.map((m) => `${m.numTensors} tensors/${m.numBytes} B`).join(', ')}`);
  expect(new Set(counts).size, `workers after each cancel: ${counts}`).toBe(1);
  // the data worker, one train worker and its kernel helpers (one per extra core: the page is cross-origin isolated)
  const threads = expectedKernelThreads(await page.evaluate(() => navigator.hardwareConcurrency));
  const helpers = workerNames(page).filter((w) => w.startsWith('kernelHelper')).length;
  expect(helpers).toBe(threads - 1);
  expect(counts[0] - helpers).toBeLessThanOrEqual(2);
  expect(mems).toHaveLength(3);
  for (const m of mems) expect(m).toEqual(mems[0]);
  // And the lab still trains to the end.
  await experiment.editSpec((s) => {
    s.sources.synth.spec.n = 120;
    s.sources.morph.spec.n = 80;
    s.training.epochs = 2;
  });
  await experiment.startAndWait();
  expect(page.workers().length).toBe(counts[0]);
});
