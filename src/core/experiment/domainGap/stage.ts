/**
 * A baseline stage with `against` measures the domain gap: its training data are the mixed records of its two
 * sources (mix.ts), split by record into train/val/test (the `against` source's split fractions, random by
 * default, stratified by origin); the stage's test AUC for 'synthetic' is the gap (0.5: the classifier cannot
 * tell the sources apart; 1: it always can).
 */
import type { EcgDataset } from '../../data/dataset';
import { seedForTask } from '../../ml/random';
import { eligibleOnly, prepareTask } from '../../ml/task';
import { DOMAIN_SPLIT, type StageSpec } from '../spec';
import { splitDataset } from '../split';
import type { RunContext } from '../run/context';
import { geometryOf, loadSource } from '../run/sources';
import { splitKey, taskStrata } from '../run/stages/split';
import { domainMix, type DomainMixInfo } from './mix';

type Baseline = Extract<StageSpec, { kind: 'baseline' }>;

/** The key of the data a baseline stage trains on: its source, or (with `against`) the mixed records, made once per seed. */
export async function domainDataKey(ctx: RunContext, st: Baseline, seed: number): Promise<{ key: string; info?: DomainMixInfo }> {
  if (st.against === undefined) return { key: st.source };
  const key = `${st.source}~${st.against}@${seed}`;
  const have = mixInfo.get(ctx.data.get(key) as EcgDataset);
  if (have) return { key, info: have };
  const synthetic = await loadSource(ctx, st.source);
  const real = await loadSource(ctx, st.against);
  const { dataset, info } = domainMix(synthetic, real, geometryOf(ctx).leadNames, seedForTask(seed, `domain:${st.name}`));
  ctx.data.set(key, dataset);
  mixInfo.set(dataset, info);
  ctx.emit({ type: 'log', level: 'info', message: `stage "${st.name}": ${info.perSide} real records (of ${info.availableReal}) and ${info.perSide} synthetic (of ${info.availableSynthetic})${info.zeroedLeads.length ? `; leads ${info.zeroedLeads.join(', ')} zeroed on both sides (absent in the real records)` : ''}` });
  if (info.zeroedLeads.length) ctx.warn(`stage "${st.name}": leads ${info.zeroedLeads.join(', ')} are absent in "${st.against}" and left out of the comparison (zeroed on both sides)`);
  // the split: by record group, stratified by origin, with the against source's fractions
  const splitSpec = ctx.spec.sources[st.against].split ?? DOMAIN_SPLIT;
  const probe = prepareTask(dataset, st.task, []);
  const eligible = eligibleOnly(Int32Array.from({ length: dataset.n }, (_, i) => i), probe);
  const sp = splitDataset(dataset, eligible, taskStrata(dataset, st.task), { ...splitSpec, method: splitSpec.method === 'folds' ? 'random' : splitSpec.method }, seedForTask(seed, `split:${key}`));
  ctx.splits.set(splitKey(key, st.task, seed), sp);
  return { key, info };
}

const mixInfo = new WeakMap<EcgDataset, DomainMixInfo>();
