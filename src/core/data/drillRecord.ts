/**
 * A test record of a run, found by its record id in the run's source: a synthetic source's record is
 * synthesized again from the source's spec (record i depends only on the spec and i), an imported one is read
 * from the loaded dataset. Gives the view the ECG viewer shows and the samples the model took.
 */
import type { EcgDataset, RegressionTarget } from './dataset';
import type { RecordView } from './recordView';
import { presetAssignment, recordName, specClasses, synthesizeDatasetRecord, type SyntheticDatasetSpec } from './synthDataset';
import type { RecordSamples } from '../ml/explain/request';

export interface DrillRecord {
  view: RecordView;
  samples: RecordSamples;
}

/** Index of a synthetic record from its id ("00042" → 41), or -1 when the id is not one of the spec's records. */
export function syntheticIndexOf(spec: Pick<SyntheticDatasetSpec, 'n'>, id: string): number {
  if (!/^\d+$/.test(id)) return -1;
  const i = Number(id) - 1;
  return i >= 0 && i < spec.n && recordName(i, spec.n) === id ? i : -1;
}

/** The synthetic record `id` of the source spec, with its fiducials (the samples equal the generated dataset's). */
export function syntheticDrillRecord(spec: SyntheticDatasetSpec, id: string): DrillRecord | undefined {
  const index = syntheticIndexOf(spec, id);
  if (index < 0) return undefined;
  const preset = specClasses(spec)[presetAssignment(spec)[index]];
  const r = synthesizeDatasetRecord(spec, index, preset);
  const labels = r.annotated?.labels ?? r.labels;
  const values: Partial<Record<RegressionTarget, number>> = { hr_bpm: labels.hr_bpm, qrs_ms: labels.qrs_ms, qt_ms: labels.qt_ms };
  if (labels.pr_ms !== null && labels.pr_ms !== undefined) values.pr_ms = labels.pr_ms;
  const x = new Float32Array(r.signals.length * r.nSamples);
  r.signals.forEach((s, l) => x.set(s, l * r.nSamples));
  return {
    view: { name: id, fs: r.fs, leadNames: [...r.leadNames], signals: r.signals, beats: r.beats, classes: [preset], values },
    samples: { name: id, fs: r.fs, leadNames: [...r.leadNames], nSamples: r.nSamples, x },
  };
}

/** The samples of record `index` of a dataset (mV, lead-major), as the batches of a run read them. */
export function datasetRecordSamples(ds: EcgDataset, index: number): RecordSamples {
  if (index < 0 || index >= ds.n) throw new RangeError(`record ${index} outside dataset of ${ds.n}`);
  if (ds.x.length < ds.n * ds.nLeads * ds.nSamples) throw new Error(`dataset "${ds.name}" holds no samples here`);
  const scale = ds.x instanceof Int16Array ? (ds.xScale ?? 1) : 1;
  const len = ds.nLeads * ds.nSamples;
  const x = new Float32Array(len);
  const off = index * len;
  for (let i = 0; i < len; i++) x[i] = ds.x[off + i] * scale;
  return { name: ds.recordNames[index] ?? String(index + 1), fs: ds.fs, leadNames: [...ds.leadNames], nSamples: ds.nSamples, x };
}

/** A record of a loaded dataset by id (its record name), or undefined. */
export function datasetDrillSamples(ds: EcgDataset, id: string): { index: number; samples: RecordSamples } | undefined {
  const index = ds.recordNames.indexOf(id);
  return index < 0 ? undefined : { index, samples: datasetRecordSamples(ds, index) };
}
