/** A trained model as tfjs ModelArtifacts (topology + weight specs + one weight buffer), ready for IndexedDB. tfjs-free. */
export interface ModelFile {
  stage: string;
  modelTopology: unknown;
  weightSpecs: unknown[];
  weightData: ArrayBuffer;
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  trainingConfig?: unknown;
  userDefinedMetadata?: Record<string, unknown>;
}

/** tfjs's "layers-model" model.json for a stored model whose weights are written beside it as `weights.bin`. */
export function layersModelJson(m: ModelFile): Record<string, unknown> {
  return {
    format: m.format ?? 'layers-model',
    generatedBy: m.generatedBy,
    convertedBy: m.convertedBy ?? null,
    modelTopology: m.modelTopology,
    trainingConfig: m.trainingConfig,
    userDefinedMetadata: m.userDefinedMetadata,
    weightsManifest: [{ paths: ['weights.bin'], weights: m.weightSpecs }],
  };
}
