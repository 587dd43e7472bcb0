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

/** Regression target standardisation of a stage, when the runner passes it along with the model. */
export interface StageModelInfo {
  targetStats?: { mean: number[]; std: number[] };
}

export class OnnxExport {
  private models = new Map<string, { model: tf.LayersModel; info?: StageModelInfo }>();

  constructor(readonly dir: string) {}

  /** The runner's `onModel` (a third `info` argument is used when given): this object owns the model from now on. */
  readonly onModel = (stage: string, model: tf.LayersModel, info?: StageModelInfo): void => {
    this.models.get(stage)?.model.dispose();
    this.models.set(stage, { model, ...(info ? { info } : {}) });
  };

  /** Writes one .onnx per kept model and frees them; returns the paths written. */
  write(spec: ExperimentSpec, results: Pick<RunResults, 'leads' | 'sources'>, log: (s: string) => void): string[] {
    mkdirSync(this.dir, { recursive: true });
    const paths: string[] = [];
    try {
      for (const [stage, { model, info }] of this.models) {
        const meta = onnxMetaForStage(spec, results, stage, info?.targetStats);
        const path = join(this.dir, onnxFileName(stage));
        const bytes = exportOnnx(model, meta);
        writeFileSync(path, bytes);
        paths.push(path);
        const note = meta.task.kind === 'regression' && !meta.task.mean ? ' (standardised targets only: the runner gave no target mean/std)' : '';
        log(`wrote ${path} (${(bytes.length / 1024).toFixed(0)} KiB, ${meta.task.kind})${note}`);
      }
    } finally {
      this.dispose();
    }
    return paths;
  }

  dispose(): void {
    for (const m of this.models.values()) m.model.dispose();
    this.models.clear();
  }
}
