/** Imported datasets a spec refers to (by name + content fingerprint): what a person must drop to reproduce it. */

export interface DatasetRef {
  name: string;
  /** Content fingerprint; '' when the spec names the data only (a preset, before its data was chosen). */
  fingerprint: string;
  /** JSON path in the spec, e.g. sources.ptbxl. */
  path: string;
  /** Source key when the ref is a `sources.<key>` entry. */
  key?: string;
}

/** Walks the spec and collects every object that names imported data (by fingerprint, or `kind: 'imported'` by name). */
export function importedRefs(spec: unknown): DatasetRef[] {
  const out: DatasetRef[] = [];
  const walk = (v: unknown, path: string) => {
    if (Array.isArray(v)) return v.forEach((x, i) => walk(x, `${path}[${i}]`));
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    const fp = typeof o.fingerprint === 'string' ? o.fingerprint : '';
    const isImported = o.kind === 'imported' && typeof o.name === 'string' && o.name !== '';
    if (fp || isImported) {
      const name = typeof o.name === 'string' && o.name ? o.name : typeof o.datasetName === 'string' ? o.datasetName : fp;
      const key = /^sources\.([^.[\]]+)$/.exec(path)?.[1];
      const dup = out.some((r) => (fp ? r.fingerprint === fp : r.path === path));
      if (!dup) out.push({ name, fingerprint: fp, path, ...(key ? { key } : {}) });
    }
    for (const [k, x] of Object.entries(o)) walk(x, path ? `${path}.${k}` : k);
  };
  walk(spec, '');
  return out;
}

export function shortFingerprint(f: string): string {
  return f.length > 12 ? `${f.slice(0, 12)}…` : f;
}

/** What the page knows of a loaded dataset (a subset of the data store's DatasetMeta). */
export interface LoadedDataset {
  id: string;
  name: string;
  fingerprint: string;
  kind: 'synthetic' | 'imported';
  labelType?: string;
  classes?: string[];
  targets?: Record<string, number | undefined>;
}

export type MatchHow = 'fingerprint' | 'name' | 'only' | 'differs' | 'missing';
export interface RefMatch<D extends LoadedDataset = LoadedDataset> {
  ref: DatasetRef;
  dataset?: D;
  /** fingerprint: exact content; name / only: the spec named no fingerprint and this dataset fits; differs: a
   * dataset of that name is loaded but its content is not the one the spec names; missing: nothing fits. */
  how: MatchHow;
  /** A loaded dataset with the ref's name but other content (how = 'differs'). */
  sameName?: D;
}

type Json = Record<string, unknown>;

/** Can this dataset feed the stages that read `key`? (classification needs class labels, regression needs targets). */
export function compatible(spec: unknown, key: string | undefined, d: LoadedDataset): boolean {
  if (d.kind !== 'imported') return false;
  if (!key) return true;
  const stages = Array.isArray((spec as Json | null)?.stages) ? ((spec as Json).stages as Json[]) : [];
  for (const st of stages) {
    if (st?.source !== key) continue;
    const task = st.task as Json | undefined;
    if (task && Array.isArray(task.classes)) {
      if (!(d.classes ?? []).some((c) => (task.classes as string[]).includes(c))) return false;
    } else if (d.targets && Object.values(d.targets).every((n) => !n)) return false;
  }
  return true;
}

/**
 * The loaded dataset for each imported ref: by fingerprint when the spec names one (exact content only, so a
 * shared link reproduces); otherwise by name (imported data is named after its database, e.g. "PTB-XL", "LUDB",
 * as the presets' sources are), else the only loaded imported dataset that fits when the spec has one such source.
 */
export function matchRefs<D extends LoadedDataset>(spec: unknown, loaded: readonly D[]): RefMatch<D>[] {
  const refs = importedRefs(spec);
  const imported = loaded.filter((d) => d.kind === 'imported');
  return refs.map((ref) => {
    if (ref.fingerprint) {
      const exact = loaded.find((d) => d.fingerprint === ref.fingerprint);
      if (exact) return { ref, dataset: exact, how: 'fingerprint' };
      const sameName = imported.find((d) => d.name === ref.name);
      return sameName ? { ref, how: 'differs', sameName } : { ref, how: 'missing' };
    }
    const fits = imported.filter((d) => compatible(spec, ref.key, d));
    const byName = fits.find((d) => d.name === ref.name) ?? fits.find((d) => d.name.toLowerCase() === ref.name.toLowerCase());
    if (byName) return { ref, dataset: byName, how: 'name' };
    if (refs.length === 1 && fits.length === 1) return { ref, dataset: fits[0], how: 'only' };
    return { ref, how: 'missing' };
  });
}

/** The spec with each matched source's fingerprint written in (so a share link then names that data). */
export function withFingerprints(spec: unknown, matches: readonly RefMatch[]): unknown {
  const todo = matches.filter((m) => m.dataset && !m.ref.fingerprint && m.ref.key);
  if (todo.length === 0) return spec;
  const s = spec as Json;
  const sources = { ...(s.sources as Json) };
  for (const m of todo) sources[m.ref.key!] = { ...(sources[m.ref.key!] as Json), fingerprint: m.dataset!.fingerprint };
  return { ...s, sources };
}
