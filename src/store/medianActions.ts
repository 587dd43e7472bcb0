/**
 * Median beats in the data worker: one record's median beat and fiducials for the record browser, and interval
 * labels for a whole imported dataset (a new dataset beside the original, registered like an import).
 */
import type { MedianLabelsReport } from '../core/data/medianLabels';
import type { MedianBeatAnswer } from '../core/signal/median/view';
import { withDataWorker } from '../../workers/dataClient';
import { getDataset, registerDataset, type DatasetMeta } from './dataStore';

export function fetchMedianBeat(datasetId: string, index: number): Promise<MedianBeatAnswer> {
  return withDataWorker<MedianBeatAnswer>((w) => w.medianBeat(datasetId, index));
}

/** Derives hr/pr/qrs/qt labels from every record's median beat; the new dataset is selected in the browser. */
export async function deriveIntervalLabels(datasetId: string, base: DatasetMeta): Promise<{ meta: DatasetMeta; report: MedianLabelsReport }> {
  const ds = getDataset(datasetId);
  if (!ds) throw new Error(`dataset ${base.name} is not loaded`);
  const out = await withDataWorker((w) => w.deriveIntervalLabels(ds));
  const meta = registerDataset(out.dataset, out.summary, { ...(base.origin ? { origin: base.origin } : {}), ...(base.fileCount !== undefined ? { fileCount: base.fileCount } : {}) });
  return { meta, report: out.report };
}
