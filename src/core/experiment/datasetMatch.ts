/**
 * Which loaded dataset feeds each imported source of a spec. One rule for the runner, the training worker and the
 * page (share links, the "needed data" list, starting a run):
 * 1. the spec names a fingerprint: only a dataset with that exact content fits ('fingerprint'); a dataset with
 *    the source's name but other content is reported ('fingerprint-differs'), never used;
 * 2. no fingerprint (a preset, before its data was chosen): an imported dataset whose labels fit the stages that
 *    read the source, by name (exact, then ignoring case) ('name');
 * 3. else, when the spec has one imported source and one imported dataset fits, that one ('only');
 * 4. else 'missing'.
 */
import type { EcgDataset } from '../data/dataset';
import type { RunFailure } from './contract/errors';
import type { ExperimentSpec } from './spec';

/** An imported source of a spec: what a person must drop to run or reproduce it. */
export interface DatasetRef {
  /** The source's key in `spec.sources`. */
  key: string;
  /** Display name, e.g. "PTB-XL". */
  name: string;
  /** Content fingerprint; absent when the spec names the data only. */
  fingerprint?: string;
}

/** What the matcher needs to know of a loaded dataset. */
export interface DatasetCandidate {
  name: string;
  fingerprint: string;
  kind: 'synthetic' | 'imported';
  /** Class labels the records carry. */
  classes?: readonly string[];
  /** Regression targets with at least one labelled record. */
  targets?: readonly string[];
}

export type MatchHow = 'fingerprint' | 'name' | 'only' | 'fingerprint-differs' | 'missing';

export interface DatasetMatch<D> {
  ref: DatasetRef;
  how: MatchHow;
  /** The dataset that feeds the source (fingerprint, name, only). */
  dataset?: D;
  /** fingerprint-differs: the loaded dataset with the source's name but other content. */
  sameName?: D;
}

/** The spec's imported sources, in spec order. */
export function datasetRefs(spec: Pick<ExperimentSpec, 'sources'>): DatasetRef[] {
  const out: DatasetRef[] = [];
  for (const [key, src] of Object.entries(spec.sources)) {
    if (src.kind !== 'imported') continue;
    out.push({ key, name: src.name, ...(src.fingerprint ? { fingerprint: src.fingerprint } : {}) });
  }
  return out;
}

/** The matcher's view of an engine dataset. */
export function candidateOf(ds: EcgDataset): DatasetCandidate {
  const targets = Object.entries(ds.targets ?? {})
    .filter(([, v]) => v && v.some((x) => !Number.isNaN(x)))
    .map(([k]) => k);
  return { name: ds.name, fingerprint: ds.fingerprint, kind: ds.source, ...(ds.classes ? { classes: ds.classes } : {}), targets };
}

/** Can this dataset feed the stages that read source `key`? Classification needs a shared class, regression a target. */
export function fitsSource(spec: Pick<ExperimentSpec, 'stages'>, key: string, d: DatasetCandidate): boolean {
  if (d.kind !== 'imported') return false;
  for (const st of spec.stages) {
    if (st.source !== key) continue;
    // An evaluate stage needs the labels of the model it evaluates.
    const labels = st.kind === 'evaluate' ? spec.stages.find((s) => s.name === st.from) : st;
    if (!labels || labels.kind === 'evaluate') continue;
    if (labels.kind === 'pretrain') {
      if (d.targets && !labels.targets.some((t) => d.targets!.includes(t))) return false;
    } else if (!(d.classes ?? []).some((c) => labels.task.classes.includes(c))) return false;
  }
  return true;
}

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The loaded dataset for each imported source of `spec` (see the rule above). */
export function matchDatasets<D>(
  spec: Pick<ExperimentSpec, 'sources' | 'stages'>,
  loaded: readonly D[],
  view: (d: D) => DatasetCandidate,
): DatasetMatch<D>[] {
  const refs = datasetRefs(spec);
  const views = loaded.map((d) => ({ d, c: view(d) }));
  return refs.map((ref): DatasetMatch<D> => {
    if (ref.fingerprint) {
      const exact = views.find((v) => v.c.fingerprint === ref.fingerprint);
      if (exact) return { ref, how: 'fingerprint', dataset: exact.d };
      const named = views.find((v) => v.c.kind === 'imported' && sameName(v.c.name, ref.name));
      return named ? { ref, how: 'fingerprint-differs', sameName: named.d } : { ref, how: 'missing' };
    }
    const fits = views.filter((v) => fitsSource(spec, ref.key, v.c));
    const byName = fits.find((v) => v.c.name === ref.name) ?? fits.find((v) => sameName(v.c.name, ref.name));
    if (byName) return { ref, how: 'name', dataset: byName.d };
    if (refs.length === 1 && fits.length === 1) return { ref, how: 'only', dataset: fits[0].d };
    return { ref, how: 'missing' };
  });
}

/** Engine datasets keyed by the source they feed (sources without a match are left out). */
export function datasetsBySource(spec: Pick<ExperimentSpec, 'sources' | 'stages'>, datasets: readonly EcgDataset[]): Record<string, EcgDataset> {
  const out: Record<string, EcgDataset> = {};
  for (const m of matchDatasets(spec, datasets, candidateOf)) if (m.dataset) out[m.ref.key] = m.dataset;
  return out;
}

/** The spec with the matched dataset's fingerprint written into each source that named none (a share link then names that data). */
export function withFingerprints<S extends Pick<ExperimentSpec, 'sources'>>(spec: S, matches: readonly DatasetMatch<{ fingerprint: string }>[]): S {
  const todo = matches.filter((m) => m.dataset && !m.ref.fingerprint);
  if (todo.length === 0) return spec;
  const sources = { ...spec.sources };
  for (const m of todo) {
    const src = sources[m.ref.key];
    if (src?.kind === 'imported') sources[m.ref.key] = { ...src, fingerprint: m.dataset!.fingerprint };
  }
  return { ...spec, sources };
}

export function shortFingerprint(f: string): string {
  return f.length > 12 ? `${f.slice(0, 12)}…` : f;
}

/** Why a source has no dataset, for the message that says what to drop. */
export function describeMissing(m: DatasetMatch<{ name: string; fingerprint: string }>): string {
  if (!m.ref.fingerprint) return m.ref.name;
  const other = m.sameName ? `; the loaded “${m.sameName.name}” has other content, ${m.sameName.fingerprint.slice(0, 12)}` : '';
  return `${m.ref.name} (fingerprint ${m.ref.fingerprint.slice(0, 12)}${other})`;
}

/** The failure for imported sources without a dataset, or null when every source has one. */
export function missingDataFailure(matches: readonly DatasetMatch<{ name: string; fingerprint: string }>[]): RunFailure | null {
  const missing = matches.filter((m) => !m.dataset);
  if (missing.length === 0) return null;
  return {
    code: missing.some((m) => m.how === 'fingerprint-differs') ? 'fingerprint-mismatch' : 'dataset-missing',
    message: `Drop these datasets in the Data panel first: ${missing.map(describeMissing).join(', ')}`,
  };
}
