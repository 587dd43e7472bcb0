/**
 * Trained models a host keeps after a run (by stage name, until the next run), and their export as tfjs
 * ModelArtifacts with one weight buffer (what the page stores in IndexedDB).
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelFile } from './modelFile';

export function concatBuffers(bufs: readonly ArrayBuffer[]): ArrayBuffer {
  const total = bufs.reduce((a, b) => a + b.byteLength, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const b of bufs) {
    out.set(new Uint8Array(b), o);
    o += b.byteLength;
  }
  return out.buffer;
}

/** model.save to an in-memory handler: topology, weight specs and the weights as one buffer. */
export async function exportModel(stage: string, model: tf.LayersModel): Promise<ModelFile> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (!saved) throw new Error(`model of stage "${stage}" could not be saved`);
  const a: tf.io.ModelArtifacts = saved;
  const wd = a.weightData;
  const weightData = wd === undefined ? new ArrayBuffer(0) : Array.isArray(wd) ? concatBuffers(wd) : wd;
  return {
    stage,
    modelTopology: a.modelTopology,
    weightSpecs: a.weightSpecs ?? [],
    weightData,
    ...(a.format !== undefined ? { format: a.format } : {}),
    ...(a.generatedBy !== undefined ? { generatedBy: a.generatedBy } : {}),
    ...(a.convertedBy !== undefined ? { convertedBy: a.convertedBy } : {}),
  };
}

/** The models of the last run, by stage; the holder disposes them. */
export class TrainedModels {
  private models = new Map<string, tf.LayersModel>();

  set(stage: string, model: tf.LayersModel): void {
    const old = this.models.get(stage);
    if (old && old !== model) old.dispose();
    this.models.set(stage, model);
  }
  get(stage: string): tf.LayersModel | undefined {
    return this.models.get(stage);
  }
  stages(): string[] {
    return [...this.models.keys()];
  }
  get size(): number {
    return this.models.size;
  }
  disposeAll(): void {
    for (const m of this.models.values()) m.dispose();
    this.models = new Map();
  }
}

/** A stored model back as tfjs ModelArtifacts (for tf.io.fromMemory or the ONNX exporter). */
export function artifactsOf(file: ModelFile): tf.io.ModelArtifacts {
  return {
    modelTopology: file.modelTopology as tf.io.ModelArtifacts['modelTopology'],
    weightSpecs: file.weightSpecs as tf.io.WeightsManifestEntry[],
    weightData: file.weightData,
    ...(file.format ? { format: file.format } : {}),
    ...(file.generatedBy ? { generatedBy: file.generatedBy } : {}),
    ...(file.convertedBy ? { convertedBy: file.convertedBy } : {}),
  };
}
