/**
 * The Designer's domain-gap measurement: the designer's synthetic spec against a loaded imported dataset, run in
 * the training worker as the `domain-gap` experiment (core/experiment/domainGap/). The synthetic records take
 * the real dataset's rate and length, and as many records as the dataset has rows (equal counts). Not run while
 * an experiment runs (one training worker); a run here replaces the worker's last trained models.
 */
import { create } from 'zustand';
import type { SyntheticDatasetSpec } from '../core/data/synthDataset';
import type { LiveEvent, RunOutcome } from '../core/experiment/contract';
import { domainGapSpec } from '../core/experiment/domainGap/spec';
import type { DomainGap } from '../core/experiment/results';
import { Comlink, withTrainWorker } from '../../workers/trainClient';
import { getDataset } from './dataStore';
import { useExperimentStore } from './experimentStore';

export interface DomainGapState {
  status: 'idle' | 'running' | 'done' | 'failed';
  /** The dataset measured against (id and name) and the synthetic records used. */
  against?: { id: string; name: string };
  epoch?: { epoch: number; epochs: number };
  result?: DomainGap & { nTest: number; epochs: number };
  error?: string;
}

export const useDomainGapStore = create<DomainGapState>()(() => ({ status: 'idle' }));

/** Most synthetic records generated per measurement (the real side is cut to the same count). */
export const MAX_PER_SIDE = 2000;

const BUSY = ['starting', 'running', 'paused', 'cancelling'];

/** The domain-gap experiment for a designer spec and a dataset (synthetic rate/length taken from the dataset). */
export function designerGapSpec(spec: SyntheticDatasetSpec, ds: { name: string; fingerprint: string; n: number; fs: number; nSamples: number }) {
  const synthetic = { ...spec, name: 'designer spec', n: Math.min(ds.n, MAX_PER_SIDE), fs: ds.fs, seconds: ds.nSamples / ds.fs };
  return domainGapSpec(synthetic as unknown as Record<string, unknown>, { name: ds.name, fingerprint: ds.fingerprint });
}

export async function runDomainGap(spec: SyntheticDatasetSpec, datasetId: string): Promise<void> {
  const set = useDomainGapStore.setState;
  if (useDomainGapStore.getState().status === 'running') return;
  if (BUSY.includes(useExperimentStore.getState().status)) {
    set({ status: 'failed', error: 'an experiment is running in the training worker: measure the gap when it has finished' });
    return;
  }
  const ds = getDataset(datasetId);
  if (!ds) {
    set({ status: 'failed', error: 'that dataset is no longer loaded' });
    return;
  }
  const exp = designerGapSpec(spec, ds);
  set({ status: 'running', against: { id: ds.id, name: ds.name }, epoch: undefined, result: undefined, error: undefined });
  const onEvents = Comlink.proxy((evs: LiveEvent[]) => {
    for (const e of evs) if (e.type === 'epoch') set({ epoch: { epoch: e.epoch, epochs: exp.training.epochs } });
  });
  try {
    const out = await withTrainWorker<RunOutcome>((api) => api.run(exp, [ds], onEvents));
    if (!out.ok) {
      set({ status: 'failed', error: out.error.message });
      return;
    }
    const st = out.results.stages.find((s) => s.name === 'domain-gap');
    if (!st?.domainGap) {
      set({ status: 'failed', error: 'the run finished without a domain-gap result' });
      return;
    }
    set({ status: 'done', result: { ...st.domainGap, nTest: st.split.nTest, epochs: st.history.length } });
  } catch (e) {
    set({ status: 'failed', error: e instanceof Error ? e.message : String(e) });
  }
}
