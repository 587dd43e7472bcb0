/**
 * Drill-down from a result to its test records: a record's ECG (a synthetic source's record synthesized again
 * in the data worker from the run's spec, an imported one read from the loaded dataset) and the saliency of a
 * stored trained model for it (computed in the training worker). Nothing leaves the machine.
 */
import { datasetDrillSamples } from '../core/data/drillRecord';
import type { RecordView } from '../core/data/recordView';
import type { SyntheticDatasetSpec } from '../core/data/synthDataset';
import type { ExperimentSpec, RunResults } from '../core/experiment/contract';
import type { ExplainAnswer, ExplainMethod, RecordSamples } from '../core/ml/explain/request';
import type { OutputActivation } from '../core/ml/explain/types';
import { withDataWorker } from '../../workers/dataClient';
import { withTrainWorker } from '../../workers/trainClient';
import { fetchRecord, getDataset, useDataStore } from './dataStore';
import { useHistoryStore } from './historyStore';

export type DrillLoaded =
  | { ok: true; view: RecordView; samples: RecordSamples; datasetName: string }
  | { ok: false; reason: string; missing?: { name: string; fingerprint: string } };

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The record `id` of the run's source `sourceKey`. */
export async function loadDrillRecord(spec: ExperimentSpec, results: RunResults, sourceKey: string, id: string): Promise<DrillLoaded> {
  const src = spec.sources[sourceKey];
  const info = results.sources[sourceKey];
  if (!src) return { ok: false, reason: `the run's spec has no source "${sourceKey}"` };
  try {
    if (src.kind === 'synthetic') {
      const r = await withDataWorker((w) => w.syntheticRecord(src.spec as unknown as SyntheticDatasetSpec, id));
      if (!r) return { ok: false, reason: `record ${id} is not one of the synthetic source "${sourceKey}"` };
      return { ok: true, view: r.view, samples: r.samples, datasetName: info?.name ?? sourceKey };
    }
    const name = info?.name ?? src.name;
    const fingerprint = info?.fingerprint ?? src.fingerprint ?? '';
    const loaded = useDataStore.getState().datasets;
    const meta = loaded.find((d) => fingerprint && d.fingerprint === fingerprint) ?? (fingerprint ? undefined : loaded.find((d) => d.name === name));
    const ds = meta && getDataset(meta.id);
    if (!meta || !ds) {
      return {
        ok: false,
        reason: `The test records of this run come from the imported dataset “${name}”${fingerprint ? ` (fingerprint ${fingerprint})` : ''}, which is not loaded: drop its files on the Data panel to see its ECGs here.`,
        missing: { name, fingerprint },
      };
    }
    const got = datasetDrillSamples(ds, id);
    if (!got) return { ok: false, reason: `record ${id} is not in the loaded dataset “${meta.name}”` };
    const view = await fetchRecord(meta.id, got.index);
    return { ok: true, view, samples: got.samples, datasetName: meta.name };
  } catch (e) {
    return { ok: false, reason: messageOf(e) };
  }
}

export interface ExplainAsk {
  runId: string;
  spec: ExperimentSpec;
  results: RunResults;
  /** The stage whose test records are shown; an evaluate stage is explained with the model it evaluates. */
  stage: string;
  samples: RecordSamples;
  output: number;
  activation?: OutputActivation;
  method?: ExplainMethod;
}

/** The stage that trained the model a stage's predictions come from. */
export function modelStageOf(results: RunResults, stage: string): string {
  const st = results.stages.find((s) => s.name === stage);
  return st?.kind === 'evaluate' && st.from ? st.from : stage;
}

/** Saliency of the stored model of the stage for the record (the training worker loads it for the call). */
export async function explainDrillRecord(ask: ExplainAsk): Promise<ExplainAnswer> {
  const modelStage = modelStageOf(ask.results, ask.stage);
  try {
    const model = await useHistoryStore.getState().getModel(ask.runId, modelStage);
    if (!model) return { ok: false, error: `the trained model of stage "${modelStage}" is not stored with this run (it is saved when its stage finishes)` };
    const prep = { scaling: ask.spec.preprocessing.scaling, leads: ask.results.leads };
    return await withTrainWorker<ExplainAnswer>((api) =>
      api.explain(
        { stage: modelStage, model, record: ask.samples, prep, output: ask.output, ...(ask.activation ? { activation: ask.activation } : {}), ...(ask.method ? { method: ask.method } : {}) },
        ask.spec.backend,
      ),
    );
  } catch (e) {
    return { ok: false, error: messageOf(e) };
  }
}
