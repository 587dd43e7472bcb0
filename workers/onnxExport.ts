/**
 * ONNX export in the training worker: a model kept as tfjs artifacts (the last run's, or one stored in History)
 * and the stage's preprocessing from its spec and results → the bytes of an .onnx file. Errors (unknown stage,
 * an unsupported layer) are answers, not throws, so the page can show them.
 */
import { parseSpec } from '../src/core/experiment';
import type { ModelFile } from '../src/core/experiment/contract';
import type { RunResults } from '../src/core/experiment/results';
import { exportOnnxFromArtifacts, onnxMetaForStage } from '../src/core/ml/onnx';
import { artifactsOf } from '../src/core/ml/modelExport';
import type { OnnxAnswer } from './train.protocol';

export async function onnxFromModelFile(file: ModelFile, specIn: unknown, results: Pick<RunResults, 'leads' | 'sources'>, stage: string): Promise<OnnxAnswer> {
  try {
    const spec = parseSpec(specIn);
    const meta = onnxMetaForStage(spec, results, stage);
    // A synthetic source has no fingerprint: metadata values must be strings, so absent ones are left out.
    const extra = Object.fromEntries(Object.entries(meta.extra ?? {}).filter((kv): kv is [string, string] => typeof kv[1] === 'string'));
    const bytes = await exportOnnxFromArtifacts(artifactsOf(file), { ...meta, extra });
    return { ok: true, bytes };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}
