import { useEffect, useState } from 'react';
import { useHistoryStore, type HistoryRun } from '../../store/historyStore';
import { useExperimentStore } from '../../store/experimentStore';
import { rerunSaved } from '../../store/runActions';
import { useUiStore } from '../../store/uiStore';
import { downloadBlob, safeFileName } from '../results/exportPng';
import { fmt } from '../results/format';
import { modelZip, resultsCsv, resultsJson } from './exportFiles';
import { CompareRuns } from './CompareRuns';
import { OnnxExport } from './OnnxExport';
import { bestOf } from './summary';
import './history.css';

const STATUS_LABEL: Record<HistoryRun['status'], string> = {
  running: 'running',
  done: 'done',
  interrupted: 'interrupted',
  cancelled: 'cancelled',
  error: 'failed',
};

function when(t: number): string {
  return new Date(t).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' });
}

function RunDownloads({ run }: { run: HistoryRun }) {
  const getModel = useHistoryStore((s) => s.getModel);
  const [msg, setMsg] = useState<string | null>(null);
  const base = safeFileName(`${run.name}-${run.id.slice(0, 8)}`);
  const downloadModel = async (stage: string) => {
    const m = await getModel(run.id, stage);
    if (!m) return setMsg(`Model of stage ${stage} is not stored`);
    downloadBlob(new Blob([modelZip(m) as BlobPart], { type: 'application/zip' }), `${base}-${safeFileName(stage)}-tfjs.zip`);
  };
  return (
    <div className="lab-history-dl">
      <button type="button" className="lab-btn-small" onClick={() => downloadBlob(new Blob([resultsJson(run)], { type: 'application/json' }), `${base}.json`)}>
        JSON
      </button>
      <button type="button" className="lab-btn-small" onClick={() => downloadBlob(new Blob([resultsCsv(run)], { type: 'text/csv' }), `${base}.csv`)}>
        CSV
      </button>
      {(run.models ?? []).length > 0 && (
        <select
          className="lab-select-small"
          aria-label={`Download a trained model of ${run.name}`}
          value=""
          onChange={(e) => e.target.value && void downloadModel(e.target.value)}
        >
          <option value="">Model (tfjs)…</option>
          {run.models!.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      )}
      <OnnxExport run={run} />
      {msg && <span role="alert" className="lab-error-text">{msg}</span>}
    </div>
  );
}

/** Runs the saved spec again (its data matched by fingerprint, kept datasets included) and shows the Experiment panel. */
function RerunButton({ run }: { run: HistoryRun }) {
  const busy = useExperimentStore((s) => s.status === 'running' || s.status === 'starting' || s.status === 'paused' || s.status === 'cancelling');
  const setPanel = useUiStore((s) => s.setPanel);
  return (
    <button type="button" className="lab-btn-small" disabled={busy} onClick={() => void rerunSaved(run, { show: () => setPanel('experiment') })} aria-label={`Re-run ${run.name} (${when(run.createdAt)})`} data-testid="history-rerun">
      Re-run
    </button>
  );
}

/** Past experiments from IndexedDB: view, reload the spec, download, delete, compare. */
export function HistoryPanel() {
  const { runs, loaded, storageError, viewingId, compareIds, load, remove, view, toggleCompare } = useHistoryStore();
  const setSpec = useExperimentStore((s) => s.setSpec);
  const running = useExperimentStore((s) => s.runId);
  useEffect(() => {
    if (!loaded) void load();
  }, [loaded, load]);

  return (
    <section className="lab-panel lab-history" aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      {storageError && <p role="alert" className="lab-error-text">History storage unavailable ({storageError}); runs are kept only until the page closes.</p>}
      {!loaded && <p className="lab-muted">Loading history…</p>}
      {loaded && runs.length === 0 && <p className="lab-empty">No experiments yet. Runs are saved here (in this browser only) as they train.</p>}
      {runs.length > 0 && (
        <div className="lab-table-wrap">
          <table className="lab-table lab-history-table" aria-label="Past experiments">
            <thead>
              <tr>
                <th scope="col">Compare</th>
                <th scope="col">Experiment</th>
                <th scope="col">Started</th>
                <th scope="col">Status</th>
                <th scope="col">Backend</th>
                <th scope="col">Best test acc.</th>
                <th scope="col">Best test AUC</th>
                <th scope="col">Actions and downloads</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => {
                const best = bestOf(r);
                return (
                  <tr key={r.id} data-testid="history-row" data-status={r.status} className={viewingId === r.id ? 'lab-row-selected' : undefined}>
                    <td>
                      <input type="checkbox" aria-label={`Compare ${r.name} (${when(r.createdAt)})`} checked={compareIds.includes(r.id)} onChange={() => toggleCompare(r.id)} />
                    </td>
                    <th scope="row">{r.name}</th>
                    <td>{when(r.createdAt)}</td>
                    <td>
                      <span className={`lab-status lab-status-${r.status}`} title={r.error}>
                        {STATUS_LABEL[r.status]}
                      </span>
                    </td>
                    <td>{r.backend?.backend ?? '—'}</td>
                    <td>{fmt(best.accuracy)}</td>
                    <td>{fmt(best.macro_auc)}</td>
                    <td>
                      <div className="lab-history-actions">
                      <button type="button" className="lab-btn-small" onClick={() => view(viewingId === r.id ? null : r.id)} aria-pressed={viewingId === r.id}>
                        {viewingId === r.id ? 'Back to live' : 'View'}
                      </button>
                      <button type="button" className="lab-btn-small" onClick={() => setSpec(r.spec, 'history', r.presetName)}>
                        Load spec
                      </button>
                      <RerunButton run={r} />
                      <button
                        type="button"
                        className="lab-btn-small lab-btn-danger"
                        disabled={r.id === running && r.status === 'running'}
                        onClick={() => {
                          if (confirm(`Delete "${r.name}" from ${when(r.createdAt)} and its stored models?`)) void remove(r.id);
                        }}
                        aria-label={`Delete ${r.name} (${when(r.createdAt)})`}
                      >
                        Delete
                      </button>
                      </div>
                      <RunDownloads run={r} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {compareIds.length > 0 && <CompareRuns runs={runs.filter((r) => compareIds.includes(r.id))} />}
    </section>
  );
}
