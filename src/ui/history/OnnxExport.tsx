/**
 * "Export ONNX": a stored run's trained model (the stage chosen beside the button) as `<stage>.onnx`, converted in
 * the training worker. The file is saved at once while the click still counts as the person's action; when the
 * conversion took longer than that (the browser would then block an automatic download), a "Save <stage>.onnx"
 * button offers it.
 */
import { useState } from 'react';
import type { HistoryRun } from '../../store/historyStore';
import { exportRunOnnx } from '../../store/onnxActions';
import { downloadBlob, safeFileName } from '../results/exportPng';

type State = { busy: boolean; error: string | null; ready: { name: string; blob: Blob } | null };

/** Whether the page still has the transient activation of the person's last click or choice. */
function stillActivated(): boolean {
  const ua = (navigator as Navigator & { userActivation?: { isActive: boolean } }).userActivation;
  return ua ? ua.isActive : true;
}

export function OnnxExport({ run }: { run: HistoryRun }) {
  const [state, setState] = useState<State>({ busy: false, error: null, ready: null });
  const stages = run.models ?? [];
  const [chosen, setChosen] = useState<string | null>(null);
  const stage = chosen && stages.includes(chosen) ? chosen : stages[0];
  if (stages.length === 0 || !run.results) return null;
  const exportStage = async (stage: string) => {
    setState({ busy: true, error: null, ready: null });
    const out = await exportRunOnnx(run.id, stage);
    if (!out.ok) return setState({ busy: false, error: `ONNX export of ${stage} failed: ${out.error}`, ready: null });
    const file = { name: `${safeFileName(stage)}.onnx`, blob: new Blob([out.bytes as BlobPart], { type: 'application/octet-stream' }) };
    if (stillActivated()) {
      downloadBlob(file.blob, file.name);
      setState({ busy: false, error: null, ready: null });
    } else setState({ busy: false, error: null, ready: file });
  };
  return (
    <>
      <select className="lab-select-small" aria-label={`Stage of ${run.name} to export as ONNX`} value={stage ?? ''} disabled={state.busy} onChange={(e) => setChosen(e.target.value)}>
        {stages.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
      <button type="button" className="lab-btn-small" data-testid="onnx-export" disabled={state.busy || !stage} aria-busy={state.busy} onClick={() => stage && void exportStage(stage)}>
        {state.busy ? 'Exporting ONNX…' : 'Export ONNX'}
      </button>
      {state.ready && (
        <button
          type="button"
          className="lab-btn-small"
          data-testid="onnx-save"
          onClick={() => {
            downloadBlob(state.ready!.blob, state.ready!.name);
            setState({ busy: false, error: null, ready: null });
          }}
        >
          Save {state.ready.name} ({Math.max(1, Math.round(state.ready.blob.size / 1024))} kB)
        </button>
      )}
      {state.error && (
        <span role="alert" className="lab-error-text">
          {state.error}
        </span>
      )}
    </>
  );
}
