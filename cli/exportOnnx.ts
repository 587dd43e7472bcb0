/**
 * `cli run --export-onnx DIR`: keeps every trained stage model the runner hands over and, once the run is done,
 * writes DIR/<stage>.onnx for each (with the stage's leads, rate, length, scaling and task in its metadata).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import type { ExperimentSpec, RunResults } from '../src/core/experiment';
import { exportOnnx, onnxMetaForStage } from '../src/core/ml/onnx';

/** A file name for a stage (stage names are free text). */
export function onnxFileName(stage: string): string {
  return `${stage.replace(/[^A-Za-z0-9._-]+/g, '_') || 'model'}.onnx`;
}

export class OnnxExport {
  private models = new Map<string, tf.LayersModel>();

  constructor(readonly dir: string) {}

  /** The runner's `onModel`: this object owns the model from now on. */
  readonly onModel = (stage: string, model: tf.LayersModel): void => {
    this.models.get(stage)?.dispose();
    this.models.set(stage, model);
  };

  /** Writes one .onnx per kept model and frees them; returns the paths written. */
  write(spec: ExperimentSpec, results: RunResults, log: (s: string) => void): string[] {
    mkdirSync(this.dir, { recursive: true });
    const paths: string[] = [];
    try {
      for (const [stage, model] of this.models) {
        const meta = onnxMetaForStage(spec, results, stage);
        const path = join(this.dir, onnxFileName(stage));
        const bytes = exportOnnx(model, meta);
        writeFileSync(path, bytes);
        paths.push(path);
        const note = meta.task.kind === 'regression' ? ' (outputs standardised targets; the run does not report their mean/std)' : '';
        log(`wrote ${path} (${(bytes.length / 1024).toFixed(0)} KiB, ${meta.task.kind})${note}`);
      }
    } finally {
      this.dispose();
    }
    return paths;
  }

  dispose(): void {
    for (const m of this.models.values()) m.dispose();
    this.models.clear();
  }
}
