/**
 * ONNX export of the zoo's models (pure TS, no DOM): `exportOnnx` for a live tfjs model, `exportOnnxFromArtifacts`
 * for a model kept as tfjs ModelArtifacts (the lab's worker and stored runs), `onnxMetaForStage` for the
 * preprocessing and task metadata of an experiment stage, `decodeOnnxModel` / `readOnnxMeta` to read a file back.
 */
import * as tf from '@tensorflow/tfjs';
import '../models/batchNorm';
import { exportOnnx } from './export';
import type { OnnxMeta } from './meta';

export { exportOnnx, ONNX_OPSET, ONNX_IR_VERSION } from './export';
export { readOnnxMeta, SCALING_DOC, META_JSON_KEY, type OnnxMeta, type OnnxTaskMeta } from './meta';
export { decodeOnnxModel, type DecodedOnnx } from './onnxProto';
export { onnxMetaForStage } from './runMeta';
export { registerLayerConverter, supportedLayerClasses, UnsupportedLayerError, type LayerContext, type LayerConverter } from './registry';

/** Loads tfjs ModelArtifacts (topology + weight specs + weight data), exports them to ONNX, frees the model. */
export async function exportOnnxFromArtifacts(artifacts: tf.io.ModelArtifacts, meta: OnnxMeta): Promise<Uint8Array> {
  const model = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
  try {
    return exportOnnx(model, meta);
  } finally {
    model.dispose();
  }
}
