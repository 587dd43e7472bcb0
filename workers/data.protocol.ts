/**
 * The data worker's protocol: what the page may call (Comlink wraps this interface, the worker exposes an object
 * of this type). Types only.
 */
import type { EcgDataset } from '../src/core/data/dataset';
import type { FileAccount } from '../src/core/formats/index';
import type { DatasetOrigin } from '../src/core/data/importDataset';
import type { RecordView } from '../src/core/data/recordView';
import type { SpecPreview } from '../src/core/data/specPreview';
import type { DatasetSummary } from '../src/core/data/summary';
import type { SyntheticDatasetSpec } from '../src/core/data/synthDataset';
import type { RecordOptions, SynthParams, SynthRecord } from '../src/core/signal/types';
import type { DrillRecord } from '../src/core/data/drillRecord';
import type { MedianLabelsReport } from '../src/core/data/medianLabels';
import type { MedianBeatAnswer } from '../src/core/signal/median/view';

export interface Progress {
  done: number;
  total: number;
  detail?: string;
  /** Imports: bytes read so far out of the bytes the import reads (a zip's needed entries as stored, a folder's files). */
  bytesDone?: number;
  bytesTotal?: number;
}
export type ProgressFn = (p: Progress) => void;

/** A file handed over by the page: the File object (read in the worker, not on the main thread) and its relative path. */
export interface ImportFileRef {
  name: string;
  file: Blob;
}

export interface ImportError {
  file: string;
  error: string;
  code: string;
  /** 'needs-sampling-rate': the CSV's rows and a guessed rate to prefill the field with. */
  rows?: number;
  guessFs?: number;
}

export interface ImportResult {
  dataset?: EcgDataset;
  summary?: DatasetSummary;
  errors: ImportError[];
  recordCount: number;
  /** Every file dropped (archive entries in place of their archive) with what became of it. */
  files: FileAccount[];
  /** The recordings as they were, beside the model-ready copy. */
  origin?: DatasetOrigin;
  /** Stopped by `cancelImport` after `done` of `total` records: nothing was added (no dataset, nothing held in the worker). */
  cancelled?: { done: number; total: number };
}

export interface PreviewResult {
  record?: SynthRecord;
  /** Synthesis time inside the worker, ms. */
  ms: number;
  error?: { message: string; param?: string };
}

export interface DataWorkerApi {
  preview(params: SynthParams, opts: RecordOptions): PreviewResult;
  generateDataset(spec: SyntheticDatasetSpec, name: string | null, onProgress?: ProgressFn): Promise<{ dataset: EcgDataset; summary: DatasetSummary }>;
  /** Adds a batch of files to a staged import (see `importFiles(stageId)`); returns the files staged so far. */
  stageFiles(stageId: string, files: ImportFileRef[]): number;
  /**
   * `filesOrStage`: the files, or the id of files staged with `stageFiles`. `fs`: the dataset's sampling rate
   * (records resampled to it); undefined = the first record's own rate. `csvFs`: the rate of CSVs without a time column.
   * `windows`: long records as their first 10 s (default) or cut into consecutive 10 s windows.
   */
  importFiles(filesOrStage: ImportFileRef[] | string, onProgress?: ProgressFn, ptbxlRate?: 100 | 500 | 'both', fs?: number, csvFs?: number, windows?: 'first' | 'consecutive', importId?: string): Promise<ImportResult>;
  /**
   * Stops the import started with this `importId` (or files staged under it) at its next record or file read;
   * that import then answers `{ cancelled: true }` and keeps nothing.
   */
  cancelImport(importId: string): void;
  /** One record of a dataset this worker produced (re-read, re-synthesized or from its samples). */
  getRecord(datasetId: string, index: number): Promise<RecordView>;
  /** Histograms of the parameters records will actually get, from a sample. */
  specPreview(spec: SyntheticDatasetSpec, sample?: number, bins?: number): SpecPreview;
  forget(datasetId: string): void;
  /** Holds a dataset restored on the page (kept on this computer) so the record browser can show its stored samples. */
  adopt(dataset: EcgDataset): void;
  /** A test record of a synthetic source by id: synthesized again from the source's spec; null for an unknown id. */
  syntheticRecord(spec: SyntheticDatasetSpec, id: string): DrillRecord | null;
  /** Median beat, fiducials and intervals of one record of a held dataset (its full-rate signals where re-readable). */
  medianBeat(datasetId: string, index: number): Promise<MedianBeatAnswer>;
  /**
   * Interval labels from every record's median beat for a dataset (the page's copy, with its samples): a new
   * dataset, held here for the record browser, with how many records got labels and why others did not.
   */
  deriveIntervalLabels(dataset: EcgDataset, onProgress?: ProgressFn): Promise<{ dataset: EcgDataset; summary: DatasetSummary; report: MedianLabelsReport }>;
}

export type { DatasetOrigin, DatasetSummary, DrillRecord, FileAccount, MedianBeatAnswer, MedianLabelsReport, RecordView, SpecPreview };
export type { Histogram } from '../src/core/data/specPreview';
