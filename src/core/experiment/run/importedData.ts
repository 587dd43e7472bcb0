/** Dataset matching: which host-supplied dataset an imported source of the spec refers to (rule: ../datasetMatch.ts). */
import type { EcgDataset } from '../../data/dataset';
import { datasetsBySource } from '../datasetMatch';
import type { ExperimentSpec } from '../spec';
import type { RunOptions } from './options';

/** By source key (a record given by the host), else by the one matching rule of datasetMatch.ts. */
export function resolveImported(given: RunOptions['datasets'], key: string, src: ExperimentSpec['sources'][string], spec: ExperimentSpec): EcgDataset | undefined {
  if (!given || src.kind !== 'imported') return undefined;
  if (!Array.isArray(given)) return given[key];
  return datasetsBySource(spec, given)[key];
}
