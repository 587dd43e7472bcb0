/** Data sources of a run: synthetic sources generated on first use, imported ones taken from the host; input geometry. */
import { resolveLeads, type BatchOptions } from '../../data/batching';
import type { EcgDataset } from '../../data/dataset';
import { generateSyntheticDataset, type SyntheticDatasetSpec } from '../../data/synthDataset';
import { leadNamesFor, recordLength } from '../../signal/synthesize';
import type { InputGeometry, RunContext } from './context';
import { resolveImported } from './importedData';

/** The dataset of a source (generated or matched once, then reused). */
export async function loadSource(ctx: RunContext, key: string): Promise<EcgDataset> {
  const have = ctx.data.get(key);
  if (have) return have;
  const src = ctx.spec.sources[key];
  let ds: EcgDataset;
  if (src.kind === 'synthetic') {
    ctx.emit({ type: 'log', level: 'info', message: `generating synthetic source "${key}" (${String(src.spec.n)} records)` });
    await ctx.control.checkpoint(0);
    ds = generateSyntheticDataset(src.spec as unknown as SyntheticDatasetSpec, (done, total) => ctx.emit({ type: 'data-progress', source: key, done, total }));
  } else {
    const given = resolveImported(ctx.opts.datasets, key, src, ctx.spec);
    if (!given) throw new Error(`source "${key}" (${src.name}) is imported data: load it first (no dataset was supplied for it)`);
    if (src.fingerprint && given.fingerprint !== src.fingerprint) {
      ctx.warn(`source "${key}": dataset fingerprint ${given.fingerprint} differs from the spec's ${src.fingerprint} (different files or version)`);
    }
    ds = given;
  }
  ctx.data.set(key, ds);
  return ds;
}

/**
 * Fixes the model input geometry from the first stage's source: a synthetic source's from its spec (no records
 * generated, so a sweep whose pretrained models all come from the cache never synthesises them), an imported
 * source's from the dataset.
 */
export async function setupGeometry(ctx: RunContext): Promise<InputGeometry> {
  const key = ctx.spec.stages[0].source;
  const src = ctx.spec.sources[key];
  let g: { leadNames: string[]; nSamples: number; fs: number };
  if (src.kind === 'synthetic') {
    const syn = src.spec as unknown as SyntheticDatasetSpec;
    g = { leadNames: leadNamesFor(syn.leads), nSamples: recordLength(syn), fs: syn.fs };
  } else {
    const first = await loadSource(ctx, key);
    g = { leadNames: first.leadNames, nSamples: first.nSamples, fs: first.fs };
  }
  ctx.geometry = { ...g, leadNames: ctx.spec.preprocessing.leads ?? g.leadNames };
  return ctx.geometry;
}

export function geometryOf(ctx: RunContext): InputGeometry {
  if (!ctx.geometry) throw new Error('the input geometry is set up before any stage runs');
  return ctx.geometry;
}

/** Batch options of a source; its rate and length must match the model input. */
export function batchFor(ctx: RunContext, ds: EcgDataset, key: string): BatchOptions {
  const { leadNames, nSamples, fs } = geometryOf(ctx);
  if (ds.nSamples !== nSamples || ds.fs !== fs) {
    throw new Error(`source "${key}" has ${ds.nSamples} samples at ${ds.fs} Hz but the model takes ${nSamples} at ${fs} Hz: import it resampled to ${fs} Hz, ${(nSamples / fs).toFixed(1)} s`);
  }
  return { scaling: ctx.spec.preprocessing.scaling, leadIndices: resolveLeads(ds, leadNames) };
}
