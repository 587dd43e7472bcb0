/**
 * Journey 3 — LUDB records: the record browser draws the cardiologists' wave boundaries (checked against the
 * annotation files, decoded here independently of the lab), and the `real-intervals` preset reports the error
 * of synthetic-trained interval regressors on them (PR, QRS, QT).
 */
import { readFileSync } from 'node:fs';
import { dataPath, expect, hasEcgData, shot, test } from '../fixtures';

const LEAD_EXTS = ['i', 'ii', 'iii', 'avr', 'avl', 'avf', 'v1', 'v2', 'v3', 'v4', 'v5', 'v6'];
const RECORDS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'];

/** Annotation type codes in a WFDB (MIT format) annotation file. */
function annotationCodes(buf: Buffer): number[] {
  const out: number[] = [];
  let i = 0;
  while (i + 1 < buf.length) {
    const w = buf.readUInt16LE(i);
    i += 2;
    const a = w >> 10;
    const len = w & 0x3ff;
    if (a === 0 && len === 0) break;
    if (a === 59) i += 4; // SKIP: a 32-bit interval follows
    else if (a === 63) i += len + (len & 1); // AUX string, padded to even
    else if (a < 59) out.push(a); // 60..62 (NUM, SUB, CHN) modify the previous annotation
  }
  return out;
}

/** P / QRS / T waves annotated (peaks p=24, N=1, t=27) over the 12 lead files of a record. */
function expectedWaves(rec: string): { P: number; QRS: number; T: number } {
  const w = { P: 0, QRS: 0, T: 0 };
  for (const ext of LEAD_EXTS) {
    for (const c of annotationCodes(readFileSync(dataPath('ludb', 'data', `${rec}.${ext}`)))) {
      if (c === 24) w.P++;
      else if (c === 1) w.QRS++;
      else if (c === 27) w.T++;
    }
  }
  return w;
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
function findStage(v: unknown, name: string): Json | undefined {
  if (!v || typeof v !== 'object') return undefined;
  if (Array.isArray(v)) {
    for (const x of v) {
      const f = findStage(x, name);
      if (f) return f;
    }
    return undefined;
  }
  const o = v as Json;
  if (o.name === name && o.metrics) return o;
  for (const x of Object.values(o)) {
    const f = findStage(x, name);
    if (f) return f;
  }
  return undefined;
}
function metricsWith(v: unknown, key: string): Json | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const o = v as Json;
  if (typeof o[key] === 'number') return o;
  for (const x of Object.values(o)) {
    const f = metricsWith(x, key);
    if (f) return f;
  }
  return undefined;
}

test.describe('LUDB', () => {
  test.skip(!hasEcgData, 'needs ECG_DATA (../shared/data)');

  test('record browser shows the wave boundaries; real-intervals reports PR, QRS and QT error against them', async ({ page, lab, privacy }) => {
    const { data, experiment, history, results } = lab;
    privacy.forbid(...RECORDS.flatMap((r) => [`${r}.hea`, `${r}.dat`, `${r}.ii`]), 'ludb.csv');
    await lab.goto();
    await lab.shell.open('Data');
    await data.importFiles(RECORDS.flatMap((r) => ['hea', 'dat', ...LEAD_EXTS].map((e) => dataPath('ludb', 'data', `${r}.${e}`))));
    await data.expectRecords(RECORDS.length);
    const item = data.dataset();
    await expect(item).toContainText('100 Hz'); // resampled to what the presets' models take (default "Dataset rate")
    // Interval labels (from the cardiologists' boundaries) for every record.
    await expect(item).toContainText(/PR|pr_ms/);

    // The browser draws record 1 with every annotated wave as a span (onset, peak, offset).
    const canvas = data.recordCanvas();
    const w1 = expectedWaves('1');
    expect(w1.P + w1.QRS + w1.T).toBeGreaterThan(50);
    await expect(canvas).toHaveAttribute('data-waves', `P:${w1.P} QRS:${w1.QRS} T:${w1.T}`);
    const labels = data.recordLabels();
    await expect(labels).toContainText(/PR \d+ ms/);
    await expect(labels).toContainText(/QRS \d+ ms/);
    await expect(labels).toContainText(/QT \d+ ms/);
    await expect(labels).toContainText('annotations');
    await shot(page, 'journey-ludb-record');
    // Next record: its own boundaries.
    await data.nextRecord();
    const name = await data.recordName();
    const w2 = expectedWaves(name);
    await expect(canvas).toHaveAttribute('data-waves', `P:${w2.P} QRS:${w2.QRS} T:${w2.T}`);

    // real-intervals with a small budget.
    const fingerprint = await data.fingerprint();
    await experiment.choosePreset('real-intervals');
    await experiment.editSpec((s) => {
      s.backend = 'wasm';
      s.sources.synth.spec.n = 200;
      s.training.epochs = 2;
      for (const st of s.stages) if (st.training) st.training.epochs = 2;
      s.sources.real.fingerprint = fingerprint;
    });
    await experiment.startAndWait();
    await lab.shell.open('Results');
    await shot(page, 'journey-ludb-results');
    // The engine's results (what History exports): the evaluate stage has MAE for PR, QRS and QT in ms, and the
    // number of real records each was measured on.
    await lab.shell.open('History');
    const saved = JSON.parse(await history.resultsJson(history.rows('done').first()));
    const stage = findStage(saved, 'real-intervals');
    expect(stage, 'evaluate stage in the results').toBeTruthy();
    const m = metricsWith(stage, 'mae_pr_ms');
    expect(m, `metrics of the evaluate stage: ${JSON.stringify(stage).slice(0, 400)}`).toBeTruthy();
    for (const t of ['pr_ms', 'qrs_ms', 'qt_ms']) {
      expect(m![`mae_${t}`], `MAE ${t}`).toBeGreaterThan(0);
      expect(m![`mae_${t}`], `MAE ${t}`).toBeLessThan(400);
      expect(m![`n_${t}`], `records with a ${t} label`).toBeGreaterThan(0);
    }
    console.log(`real-intervals on LUDB: MAE PR ${m!.mae_pr_ms?.toFixed(1)} ms (n=${m!.n_pr_ms}), QRS ${m!.mae_qrs_ms?.toFixed(1)} ms (n=${m!.n_qrs_ms}), QT ${m!.mae_qt_ms?.toFixed(1)} ms (n=${m!.n_qt_ms})`);
    // …and the Results panel shows them (PR, QRS, QT error on the real records, in ms).
    await lab.shell.open('Results');
    await expect(results.evaluationTable()).toHaveAttribute('data-stage', 'real-intervals');
    for (const t of ['pr_ms', 'qrs_ms', 'qt_ms']) {
      const row = results.evaluationRow(t);
      await expect(row.locator('td').first(), `MAE ${t} shown`).toHaveText(`${m![`mae_${t}`].toFixed(1)} ms`);
      await expect(row.locator('td').nth(3), `n ${t} shown`).toHaveText(String(m![`n_${t}`]));
    }
    await shot(page, 'journey-ludb-evaluation');
    // The recorder sees the workers' requests too (the train worker fetches the tfjs WASM binary itself).
    const urls = privacy.requests.map((r) => new URL(r.url).pathname);
    console.log(`requests recorded: ${urls.length} (${urls.filter((u) => u.endsWith('.wasm')).join(', ')})`);
    expect(urls.some((u) => u.endsWith('.wasm')), urls.join('\n')).toBe(true);
  });
});
