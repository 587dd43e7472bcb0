import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataPath, hasEcgData } from '../../test-support/ecgData';
import type { Annotation, Recording } from '../formats/recording';
import { readAnnotations } from '../formats/wfdb/annotations';
import { annotatedWindows } from './annotatedWindows';
import { importFiles, importRecordings } from './importDataset';

/** One beat at `at` (samples, 100 Hz): P (-16..-6), QRS (0..10), T (offset at +38), R peak at +4. */
function beat(at: number): Annotation[] {
  const a = (d: number, symbol: string): Annotation => ({ sample: at + d, symbol });
  return [a(-16, '('), a(-12, 'p'), a(-6, ')'), a(0, '('), a(4, 'N'), a(10, ')'), a(20, '('), a(28, 't'), a(38, ')')];
}

function longRecord(anns: Annotation[]): Recording {
  const fs = 100;
  const nSamples = 60 * fs;
  return {
    name: 'rec', fs, nSamples, sigNames: ['V5'], units: ['mV'], signals: [Float32Array.from({ length: nSamples }, (_, i) => Math.sin(i / 7))],
    nanCount: 0, comments: [], annotations: anns, labels: { qrs_ms: 999, qt_ms: 999 },
  };
}

describe('annotated windows', () => {
  // beats every 80 samples (0.8 s: 75 bpm) in window 1 (10–20 s) and two beats with other durations in window 4
  const w1 = [1020, 1100, 1180, 1260].flatMap(beat);
  const odd = (at: number): Annotation[] => [{ sample: at, symbol: '(' }, { sample: at + 4, symbol: 'N' }, { sample: at + 14, symbol: ')' }];
  const rec = longRecord([...w1, ...odd(4100), ...odd(4200)]);

  it('labels each window from its own beats, keeps only windows with a complete QRS', () => {
    const ws = annotatedWindows(rec, 1000, 6);
    expect(ws.map((w) => w.index)).toEqual([1, 4]);
    // PR = QRS onset − P onset = 16 samples = 160 ms; QRS 10 samples; QT 38 samples; RR 80 samples
    expect(ws[0].labels).toMatchObject({ pr_ms: 160, qrs_ms: 100, qt_ms: 380 });
    expect(ws[0].labels.hr_bpm).toBeCloseTo(75, 9);
    // window 4: QRS 140 ms, no P or T; RR 100 samples (60 bpm); the record's own interval means do not leak in
    expect(ws[1].labels).toEqual({ qrs_ms: 140, hr_bpm: 60 });
  });

  it('the import keeps those windows as rows named <record>#w<k>, with the window labels', () => {
    const { dataset, skipped } = importRecordings([rec], { leads: ['V5'], fs: 100, nSamples: 1000, windows: 'annotated' });
    expect(skipped).toEqual([]);
    expect(dataset.recordNames).toEqual(['rec#w1', 'rec#w4']);
    expect(Array.from(dataset.targets!.qrs_ms!)).toEqual([100, 140]);
    expect(Number.isNaN(dataset.targets!.pr_ms![1])).toBe(true);
    // the row holds the window's samples (10–20 s)
    expect(dataset.x[0] * dataset.xScale!).toBeCloseTo(Math.sin(1000 / 7), 3);
  });

  it('a record without wave annotations is left out and listed', () => {
    const bare = { ...longRecord([]), name: 'bare' };
    const { dataset, skipped } = importRecordings([bare], { leads: ['V5'], fs: 100, nSamples: 1000, windows: 'annotated' });
    expect(dataset.n).toBe(0);
    expect(skipped).toEqual([{ record: 'bare', reason: 'no window with an annotated QRS (onset and offset)' }]);
  });

  it.skipIf(!hasEcgData)('QTDB: one row per 10-s window holding .q1c beats, QRS from those beats alone', async () => {
    const dir = dataPath('qtdb');
    const files = readdirSync(dir).map((f) => ({ name: join(dir, f), data: new Uint8Array(readFileSync(join(dir, f))) }));
    const { dataset } = await importFiles(files, { fs: 100, nSamples: 1000, windows: 'annotated' });
    for (const r of ['sel100', 'sel102']) {
      // independently: the 250 Hz windows (2500 samples) holding a q1c QRS with onset and offset
      const anns = readAnnotations(readFileSync(join(dir, `${r}.q1c`)));
      const want = new Set<number>();
      anns.forEach((a, i) => {
        if (a.symbol === 'N' && anns[i - 1]?.symbol === '(' && anns[i + 1]?.symbol === ')') want.add(Math.floor(anns[i - 1].sample / 2500));
      });
      const rows = dataset.recordNames.filter((n) => n.startsWith(`${r}#w`));
      expect(rows.map((n) => Number(n.split('#w')[1])).sort((a, b) => a - b)).toEqual([...want].sort((a, b) => a - b));
    }
    // sel100 window 60 (600–610 s): its first q1c beats' QRS durations, not the record's mean
    const k = dataset.recordNames.indexOf('sel100#w60');
    const first = anns100InWindow(readAnnotations(readFileSync(join(dir, 'sel100.q1c'))), 60 * 2500, 61 * 2500);
    expect(dataset.targets!.qrs_ms![k]).toBeCloseTo(first, 3);
  });
});

/** Mean QRS duration (ms, 250 Hz) of the beats whose annotations lie in [lo, hi). */
function anns100InWindow(anns: Annotation[], lo: number, hi: number): number {
  const d: number[] = [];
  anns.forEach((a, i) => {
    if (a.symbol === 'N' && a.sample >= lo && a.sample < hi && anns[i - 1]?.symbol === '(' && anns[i + 1]?.symbol === ')') d.push((anns[i + 1].sample - anns[i - 1].sample) * 4);
  });
  return d.reduce((x, y) => x + y, 0) / d.length;
}
