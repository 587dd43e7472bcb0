/** Imported datasets a spec refers to (by name + content fingerprint): what a person must drop to reproduce it. */

export interface DatasetRef {
  name: string;
  fingerprint: string;
  /** JSON path in the spec, e.g. data.sources[1]. */
  path: string;
}

/** Walks the spec and collects every object that names imported data by fingerprint. */
export function importedRefs(spec: unknown): DatasetRef[] {
  const out: DatasetRef[] = [];
  const walk = (v: unknown, path: string) => {
    if (Array.isArray(v)) return v.forEach((x, i) => walk(x, `${path}[${i}]`));
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    if (typeof o.fingerprint === 'string' && o.fingerprint) {
      const name = typeof o.name === 'string' ? o.name : typeof o.datasetName === 'string' ? o.datasetName : o.fingerprint;
      if (!out.some((r) => r.fingerprint === o.fingerprint)) out.push({ name, fingerprint: o.fingerprint, path });
    }
    for (const [k, x] of Object.entries(o)) walk(x, path ? `${path}.${k}` : k);
  };
  walk(spec, '');
  return out;
}

export function shortFingerprint(f: string): string {
  return f.length > 12 ? `${f.slice(0, 12)}…` : f;
}
