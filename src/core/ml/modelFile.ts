/** A trained model as tfjs ModelArtifacts (topology + weight specs + one weight buffer), ready for IndexedDB. tfjs-free. */
export interface ModelFile {
  stage: string;
  modelTopology: unknown;
  weightSpecs: unknown[];
  weightData: ArrayBuffer;
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
}
