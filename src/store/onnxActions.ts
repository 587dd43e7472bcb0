/**
 * ONNX export of a stored run's trained model: the page reads the model from the history's IndexedDB and the
 * training worker converts it (tfjs artifacts → ONNX with the stage's preprocessing in its metadata), so the page
 * never blocks on it and never loads tfjs.
 */
import type { OnnxAnswer } from '../../workers/train.protocol';
import { withTrainWorker } from '../../workers/trainClient';
import { useHistoryStore } from './historyStore';

export async function exportRunOnnx(runId: string, stage: string): Promise<OnnxAnswer> {
  const h = useHistoryStore.getState();
  const run = h.runs.find((r) => r.id === runId);
  if (!run?.results) return { ok: false, error: 'ONNX export needs a finished run (its results name the preprocessing)' };
  try {
    const model = await h.getModel(runId, stage);
    if (!model) return { ok: false, error: `the model of stage ${stage} is not stored` };
    const { key: _key, runId: _run, trainingConfig: _tc, userDefinedMetadata: _meta, ...file } = model;
    const results = { leads: run.results.leads, sources: run.results.sources };
    return await withTrainWorker<OnnxAnswer>((api) => api.exportOnnx({ stage, spec: run.spec, results, model: file }));
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}
