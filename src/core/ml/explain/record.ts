/**
 * Saliency of one dataset record for a trained model: the record goes through the run's preprocessing (the
 * batching code the training used: lead selection by name, per-lead scaling) into the model's input layout,
 * then Grad-CAM or integrated gradients, reduced to a strip and a per-lead map for display.
 */
import * as tf from '@tensorflow/tfjs';
import '../models'; // registers the zoo's custom layers, so a stored model deserialises
import { assembleBatch, resolveLeads } from '../../data/batching';
import type { EcgDataset } from '../../data/dataset';
import { artifactsOf } from '../modelExport';
import { gradCam } from './gradcam';
import { integratedGradients } from './integratedGradients';
import type { ExplainAnswer, ExplainPrep, ExplainRequest, RecordExplanation, RecordSamples } from './request';
import { saliencyStrip } from './strip';
import type { ExplainTarget } from './types';

/** The record in the model's input layout [samples × leads] (time-major), preprocessed as in training. */
export function modelInput(rec: RecordSamples, prep: ExplainPrep): Float32Array {
  if (rec.x.length !== rec.leadNames.length * rec.nSamples) throw new RangeError(`record ${rec.name}: ${rec.x.length} samples for ${rec.leadNames.length} leads × ${rec.nSamples}`);
  const one: EcgDataset = {
    id: rec.name,
    name: rec.name,
    fingerprint: '',
    source: 'imported',
    fs: rec.fs,
    nLeads: rec.leadNames.length,
    nSamples: rec.nSamples,
    leadNames: rec.leadNames,
    n: 1,
    x: rec.x,
    recordNames: [rec.name],
  };
  return assembleBatch(one, [0], { scaling: prep.scaling, leadIndices: resolveLeads(one, prep.leads) });
}

export function explainRecord(model: tf.LayersModel, rec: RecordSamples, prep: ExplainPrep, target: ExplainTarget & { method?: RecordExplanation['method']; steps?: number }): RecordExplanation {
  const shape = model.inputs[0]?.shape ?? [];
  if (shape[1] !== rec.nSamples || shape[2] !== prep.leads.length) {
    throw new Error(`record ${rec.name} has ${rec.nSamples} samples × ${prep.leads.length} leads; the model takes ${String(shape[1])} × ${String(shape[2])}`);
  }
  const x = modelInput(rec, prep);
  const t: ExplainTarget = { output: target.output, ...(target.activation ? { activation: target.activation } : {}) };
  const a = target.method === 'integrated-gradients' ? integratedGradients(model, x, { ...t, steps: target.steps ?? 32, baseline: 'zeros' }) : gradCam(model, x, t);
  const s = saliencyStrip(a);
  return {
    method: a.method,
    ...(a.layerName ? { layerName: a.layerName } : {}),
    ...(a.fallback ? { fallback: a.fallback } : {}),
    output: target.output,
    value: a.value,
    leads: [...prep.leads],
    fs: rec.fs,
    nSamples: rec.nSamples,
    strip: s.strip,
    perLead: s.perLead,
    leadTotals: s.leadTotals,
  };
}

/** Loads the stored model, explains the record, frees the model: nothing stays in memory. Errors are answers. */
export async function explainRequest(req: ExplainRequest): Promise<ExplainAnswer> {
  let model: tf.LayersModel | undefined;
  try {
    model = await tf.loadLayersModel(tf.io.fromMemory(artifactsOf(req.model)));
    const explanation = explainRecord(model, req.record, req.prep, { output: req.output, ...(req.activation ? { activation: req.activation } : {}), ...(req.method ? { method: req.method } : {}) });
    return { ok: true, explanation };
  } catch (e) {
    return { ok: false, error: `stage "${req.stage}": ${e instanceof Error ? e.message : String(e)}` };
  } finally {
    model?.dispose();
  }
}
