/**
 * Data worker: synthesis previews, synthetic dataset generation, file import. Keeps what it produced so the
 * record browser can fetch one record at a time (with fiducials / annotations) without holding it in the page.
 * Bridges data.protocol.ts to src/core/data; file reading stays here (dataImport.ts: Blobs). Where the page is
 * cross-origin isolated, datasets are built in shared memory (sharedSamples.ts): the page and the training worker
 * then receive views of one copy of the samples.
 */
import * as Comlink from 'comlink';
import { synthesize } from '../src/core/signal';
import { generateSyntheticDataset, type SyntheticDatasetSpec } from '../src/core/data/synthDataset';
import type { EcgDataset } from '../src/core/data/dataset';
import { checkIndex, fileRecordView, signalBuffers, storedRecordView, syntheticRecordView } from '../src/core/data/recordView';
import { paramError, specPreview } from '../src/core/data/specPreview';
import { handOver, summarize } from '../src/core/data/summary';
import { canShareMemory, shareSamples, transferablesOf } from '../src/core/data/sharedSamples';
import { syntheticDrillRecord } from '../src/core/data/drillRecord';
import { withMedianLabels } from '../src/core/data/medianLabels';
import { medianBeatView } from '../src/core/signal/median/view';
import { ImportCancelled } from '../src/core/formats';
import { importErrorsOf, rereadRecord, streamImport, type RecordSource } from './dataImport';
import type { DataWorkerApi, ImportError, ImportFileRef } from './data.protocol';

interface Held {
  dataset: EcgDataset;
  /** Imported records: where to re-read each one (no samples kept beyond the compact dataset). */
  sources?: Map<string, RecordSource>;
  spec?: SyntheticDatasetSpec;
}
const held = new Map<string, Held>();
/** Files handed over in batches before a large import (posting thousands of File handles at once blocks the page). */
const staged = new Map<string, ImportFileRef[]>();
/** Imports under way by id with their cancel flags, and ids cancelled while their files were still being handed over. */
const running = new Map<string, { aborted: boolean }>();
const cancelledEarly = new Set<string>();

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));
const codeOf = (err: unknown) => (err && typeof err === 'object' && 'code' in err && typeof err.code === 'string' ? err.code : 'bad-dataset');

const api: DataWorkerApi = {
  preview(params, opts) {
    const t0 = performance.now();
    try {
      const record = synthesize(params, opts);
      return Comlink.transfer({ record, ms: performance.now() - t0 }, record.signals.map((s) => s.buffer as ArrayBuffer));
    } catch (err) {
      return { ms: performance.now() - t0, error: paramError(err) };
    }
  },

  async generateDataset(spec, name, onProgress) {
    const dataset = shareSamples(generateSyntheticDataset(spec, (done: number, total: number) => void onProgress?.({ done, total }), 64));
    if (name) dataset.name = name;
    const { page, kept } = handOver(dataset, false);
    held.set(dataset.id, { dataset: kept, spec });
    return Comlink.transfer({ dataset: page, summary: summarize(dataset) }, transferablesOf(page));
  },

  stageFiles(stageId, files) {
    const list = staged.get(stageId) ?? [];
    for (const f of files) list.push(f);
    staged.set(stageId, list);
    return list.length;
  },

  async importFiles(filesOrStage, onProgress, ptbxlRate = 100, fs, csvFs, windows, importId) {
    const files = typeof filesOrStage === 'string' ? (staged.get(filesOrStage) ?? []) : filesOrStage;
    if (typeof filesOrStage === 'string') staged.delete(filesOrStage);
    const errors: ImportError[] = [];
    const signal = { aborted: importId !== undefined && cancelledEarly.delete(importId) };
    if (importId !== undefined) running.set(importId, signal);
    let res, bytes = { bytesDone: 0, bytesTotal: 0 }, at = { done: 0, total: files.length };
    try {
      res = await streamImport(
        files,
        { ptbxlRate, fs, csvFs, windows, signal, sharedSamples: canShareMemory(), onBytes: (bytesDone, bytesTotal) => void (bytes = { bytesDone, bytesTotal }) },
        (done, total, detail) => {
          at = { done, total };
          void onProgress?.({ done, total, detail, ...bytes });
        },
      );
    } catch (err) {
      if (err instanceof ImportCancelled) return { errors: [], recordCount: 0, files: [], cancelled: at };
      errors.push({ file: '(dataset)', error: messageOf(err), code: codeOf(err) });
      return { errors, recordCount: 0, files: files.map((f) => ({ file: f.name, fate: 'failed' as const, note: messageOf(err), code: codeOf(err) })) };
    } finally {
      if (importId !== undefined) running.delete(importId);
    }
    errors.push(...importErrorsOf(res));
    const dataset = res.dataset;
    if (!dataset) return { errors, recordCount: res.recordCount, files: res.files };
    const needSamples = [...res.sources.values()].some((src) => !src.files?.length);
    const { page, kept } = handOver(dataset, needSamples);
    held.set(dataset.id, { dataset: kept, sources: res.sources });
    return Comlink.transfer({ dataset: page, summary: summarize(dataset), errors, recordCount: res.recordCount, files: res.files, origin: res.origin }, transferablesOf(page));
  },

  async getRecord(datasetId, index) {
    const view = await recordOf(datasetId, index);
    return Comlink.transfer(view, signalBuffers(view));
  },

  specPreview: (spec, sample, bins) => specPreview(spec, sample, bins),

  cancelImport(importId) {
    const r = running.get(importId);
    if (r) r.aborted = true;
    else cancelledEarly.add(importId);
    staged.delete(importId);
  },

  forget: (datasetId) => void held.delete(datasetId),

  adopt: (dataset) => void (held.has(dataset.id) || held.set(dataset.id, { dataset })),

  syntheticRecord(spec, id) {
    const r = syntheticDrillRecord(spec, id);
    return r ? Comlink.transfer(r, [...signalBuffers(r.view), r.samples.x.buffer as ArrayBuffer]) : null;
  },

  async medianBeat(datasetId, index) {
    const view = await recordOf(datasetId, index);
    return medianBeatView(view);
  },

  async deriveIntervalLabels(dataset, onProgress) {
    onProgress?.({ done: 0, total: dataset.n, detail: 'median beats' });
    const { dataset: out, report } = withMedianLabels(dataset);
    onProgress?.({ done: dataset.n, total: dataset.n });
    const h = held.get(dataset.id);
    const { page, kept } = handOver(out, !h?.sources || [...h.sources.values()].some((src) => !src.files?.length));
    held.set(out.id, { dataset: kept, ...(h?.sources ? { sources: h.sources } : {}) });
    return Comlink.transfer({ dataset: page, summary: summarize(out), report }, transferablesOf(page));
  },
};

/** A record of a held dataset as stored: re-read from its files, re-synthesized, or from the kept samples. */
async function recordOf(datasetId: string, index: number) {
  const h = held.get(datasetId);
  if (!h) throw new Error(`dataset ${datasetId} is not loaded in the data worker`);
  const ds = h.dataset;
  checkIndex(ds, index);
  // A window `<record>#w<k>` is shown from its record's source.
  const src = h.sources?.get(ds.recordNames[index]) ?? h.sources?.get(ds.recordNames[index].replace(/#w\d+$/, ''));
  const rec = src?.files ? await rereadRecord(src).catch(() => undefined) : undefined;
  return rec ? fileRecordView(ds, index, rec) : h.spec ? syntheticRecordView(ds, h.spec, index) : storedRecordView(ds, index, src);
}

Comlink.expose(api);
