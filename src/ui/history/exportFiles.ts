/** Result and model files a person downloads: results JSON, tidy CSV, tfjs model (model.json + weights.bin, zipped). */
import { zipSync, strToU8 } from 'fflate';
import type { HistoryRun, StoredModel } from '../../store/historyStore';
import { liveFromResults } from '../../core/experiment/liveRun';
import { layersModelJson } from '../../core/ml/modelFile';

export function resultsJson(run: HistoryRun): string {
  return JSON.stringify(
    {
      app: 'ECG Transfer Lab',
      id: run.id,
      name: run.name,
      preset: run.presetName,
      status: run.status,
      createdAt: new Date(run.createdAt).toISOString(),
      finishedAt: run.finishedAt ? new Date(run.finishedAt).toISOString() : undefined,
      backend: run.backend,
      spec: run.spec,
      results: run.results ?? null,
      partial: run.results ? undefined : run.live,
    },
    null,
    2,
  );
}

function csvCell(v: unknown): string {
  const s = v === undefined || v === null ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Tidy CSV, one value per line: stage, kind, target, split (train|val|test), epoch (empty for final metrics),
 * metric, value. Confusion matrices are written as metric `confusion[true][pred]`.
 */
export function resultsCsv(run: HistoryRun): string {
  const lines = [['stage', 'kind', 'target', 'split', 'epoch', 'metric', 'value'].join(',')];
  const add = (...cells: unknown[]) => lines.push(cells.map(csvCell).join(','));
  const live = run.results ? liveFromResults(run.results) : run.live;
  for (const s of live?.stages ?? []) {
    for (const p of s.epochs) {
      if (p.loss !== undefined) add(s.name, s.kind, s.target, 'train', p.epoch, 'loss', p.loss);
      if (p.valLoss !== undefined) add(s.name, s.kind, s.target, 'val', p.epoch, 'loss', p.valLoss);
      for (const [k, v] of Object.entries(p.metrics)) add(s.name, s.kind, s.target, 'val', p.epoch, k, v);
    }
    for (const split of ['val', 'test'] as const) {
      const m = s.final?.[split];
      if (!m) continue;
      for (const [k, v] of Object.entries(m)) {
        if (typeof v === 'number') add(s.name, s.kind, s.target, split, '', k, v);
        else if (k === 'confusion' && Array.isArray(v))
          (v as number[][]).forEach((row, i) => row.forEach((c, j) => add(s.name, s.kind, s.target, split, '', `confusion[${s.classes?.[i] ?? i}][${s.classes?.[j] ?? j}]`, c)));
      }
    }
  }
  return lines.join('\n') + '\n';
}

/** tfjs "layers-model" files: model.json (topology + weights manifest) and weights.bin, zipped together. */
export function modelZip(m: StoredModel): Uint8Array {
  return zipSync({
    'model.json': strToU8(JSON.stringify(layersModelJson(m))),
    'weights.bin': new Uint8Array(m.weightData),
    'README.txt': strToU8(`Trained by ECG Transfer Lab (stage "${m.stage}").\nLoad with tf.loadLayersModel(tf.io.browserFiles([modelJson, weightsBin])) or serve both files and use tf.loadLayersModel('model.json').\n`),
  });
}
