/** The small description of a loaded dataset the page lists and charts (the samples stay out of React state). */
import { REGRESSION_TARGETS, type EcgDataset, type RegressionTarget } from './dataset';
import { emptyLike, isShared } from './sharedSamples';

export interface DatasetSummary {
  id: string;
  name: string;
  fingerprint: string;
  n: number;
  fs: number;
  nLeads: number;
  nSamples: number;
  leadNames: string[];
  /** What labels the records carry. */
  labelType: 'classes' | 'regression' | 'classes+regression' | 'none';
  classes: string[];
  /** Records per class (multi-label: a record counts once in each of its classes). */
  classCounts: Record<string, number>;
  /** Regression targets present, with how many records have a value. */
  targets: Partial<Record<RegressionTarget, number>>;
  /** Record names for the browser. */
  recordNames: string[];
}

export function summarize(ds: EcgDataset): DatasetSummary {
  const classes = ds.classes ?? [];
  const classCounts: Record<string, number> = {};
  for (const c of classes) classCounts[c] = 0;
  if (ds.y && classes.length) {
    const k = classes.length;
    for (let r = 0; r < ds.n; r++) for (let c = 0; c < k; c++) if (ds.y[r * k + c]) classCounts[classes[c]]++;
  }
  const targets: Partial<Record<RegressionTarget, number>> = {};
  for (const t of REGRESSION_TARGETS) {
    const arr = ds.targets?.[t];
    if (!arr) continue;
    let m = 0;
    for (let i = 0; i < arr.length; i++) if (!Number.isNaN(arr[i])) m++;
    if (m > 0) targets[t] = m;
  }
  const hasC = classes.length > 0;
  const hasR = Object.keys(targets).length > 0;
  return {
    id: ds.id,
    name: ds.name,
    fingerprint: ds.fingerprint,
    n: ds.n,
    fs: ds.fs,
    nLeads: ds.nLeads,
    nSamples: ds.nSamples,
    leadNames: ds.leadNames,
    labelType: hasC && hasR ? 'classes+regression' : hasC ? 'classes' : hasR ? 'regression' : 'none',
    classes,
    classCounts,
    targets,
    recordNames: ds.recordNames,
  };
}

/**
 * What goes to the page and what the data host keeps. When every record can be rebuilt without the samples
 * (synthetic: re-synthesized from the spec; imported from files: re-read on demand), the samples go to the page
 * (transferred, not copied) and the host keeps none, so a full PTB-XL (523 MB) is held once, not twice. Samples
 * in shared memory are never copied: the page and the host see the same bytes, and the host keeps them only when
 * it needs them.
 */
export function handOver(ds: EcgDataset, keepSamples: boolean): { page: EcgDataset; kept: EcgDataset } {
  const empty = { ...ds, x: emptyLike(ds.x) };
  if (isShared(ds.x)) return { page: ds, kept: keepSamples ? ds : empty };
  // A view on a much larger buffer (records left out) is copied tight, else the page would carry the slack.
  if (keepSamples || ds.x.buffer.byteLength > ds.x.byteLength * 1.1) return { page: { ...ds, x: ds.x.slice() }, kept: keepSamples ? ds : empty };
  return { page: ds, kept: empty };
}
