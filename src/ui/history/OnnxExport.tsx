/** "Export ONNX…": a stored run's trained model as `<stage>.onnx`, converted in the training worker. */
import { useState } from 'react';
import type { HistoryRun } from '../../store/historyStore';
import { exportRunOnnx } from '../../store/onnxActions';
import { downloadBlob, safeFileName } from '../results/exportPng';

export function OnnxExport({ run }: { run: HistoryRun }) {
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const stages = run.models ?? [];
  if (stages.length === 0 || !run.results) return null;
  const exportStage = async (stage: string) => {
    setState({ busy: true, error: null });
    const out = await exportRunOnnx(run.id, stage);
    if (out.ok) downloadBlob(new Blob([out.bytes as BlobPart], { type: 'application/octet-stream' }), `${safeFileName(stage)}.onnx`);
    setState({ busy: false, error: out.ok ? null : `ONNX export of ${stage} failed: ${out.error}` });
  };
  return (
    <>
      <select
        className="lab-select-small"
        aria-label={`Export a trained model of ${run.name} as ONNX`}
        data-testid="onnx-export"
        value=""
        disabled={state.busy}
        aria-busy={state.busy}
        onChange={(e) => e.target.value && void exportStage(e.target.value)}
      >
        <option value="">{state.busy ? 'Exporting ONNX…' : 'Export ONNX…'}</option>
        {stages.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
      {state.error && (
        <span role="alert" className="lab-error-text">
          {state.error}
        </span>
      )}
    </>
  );
}
