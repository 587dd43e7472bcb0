/** Dataset matching: which host-supplied dataset an imported source of the spec refers to. */
import type { EcgDataset } from '../../data/dataset';
import type { ExperimentSpec } from '../spec';
import type { RunOptions } from './options';

/** By source key (a record), else by fingerprint, then by name or id, then the only imported dataset for the only imported source. */
export function resolveImported(given: RunOptions['datasets'], key: string, src: ExperimentSpec['sources'][string], spec: ExperimentSpec): EcgDataset | undefined {
  if (!given || src.kind !== 'imported') return undefined;
  if (!Array.isArray(given)) return given[key];
  if (src.fingerprint) {
    const byFp = given.find((d) => d.fingerprint === src.fingerprint);
    if (byFp) return byFp;
  }
  const byName = given.find((d) => d.name === src.name || d.id === key || d.name === key);
  if (byName) return byName;
  const imported = Object.values(spec.sources).filter((s) => s.kind === 'imported');
  const importedData = given.filter((d) => d.source === 'imported');
  if (imported.length === 1 && importedData.length === 1) return importedData[0];
  return undefined;
}
