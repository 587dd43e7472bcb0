import { useExperimentStore } from '../../store/experimentStore';
import { useUiStore } from '../../store/uiStore';
import { useMemo } from 'react';
import { cancelRun, startRun } from '../../store/runActions';
import { PauseButtons } from './PauseButtons';
import { matchLoaded, useDataStore } from '../../store/dataStore';
import { missingDataFailure } from '../../core/experiment/datasetMatch';
import { useHistoryStore } from '../../store/historyStore';
import { OnnxExport } from '../history/OnnxExport';
import { installLabHooks } from './labHooks';

installLabHooks();
import { fmtDuration } from '../results/format';

export const STATUS_TEXT: Record<string, string> = {
  idle: 'Ready',
  starting: 'Starting: preparing data and model…',
  running: 'Training…',
  paused: 'Paused',
  cancelling: 'Cancelling after the current batch…',
  done: 'Finished',
  cancelled: 'Cancelled',
  error: 'Failed',
};

/** The status line's words: a pause reads "Pausing…" until the worker reports that it has stopped at a batch boundary. */
export function statusText(status: string, held: boolean | undefined): string {
  if (status === 'paused' && !held) return 'Pausing after the current batch…';
  return STATUS_TEXT[status] ?? status;
}

/** Start / pause / resume / cancel, run status, and the error banner with a retry. */
export function RunControls() {
  const status = useExperimentStore((s) => s.status);
  const error = useExperimentStore((s) => s.error);
  const live = useExperimentStore((s) => s.live);
  const setPanel = useUiStore((s) => s.setPanel);
  const busy = status === 'starting' || status === 'running' || status === 'paused' || status === 'cancelling';
  const runId = useExperimentStore((s) => s.runId);
  const finishedRun = useHistoryStore((s) => (status === 'done' ? s.runs.find((r) => r.id === runId) : undefined));
  const cur = live.stages.find((s) => s.name === live.current);
  const spec = useExperimentStore((s) => s.spec);
  const datasets = useDataStore((s) => s.datasets);
  // Start waits for the imported data the spec names (the run would refuse to start without it).
  const blocked = useMemo(() => (spec ? missingDataFailure(matchLoaded(spec, datasets)) : null), [spec, datasets]);
  const start = () => {
    void startRun();
  };
  return (
    <div className="lab-run-controls" role="group" aria-label="Run controls">
      <div className="lab-run-buttons">
        <button type="button" className="btn primary" onClick={start} disabled={busy || !!blocked} aria-describedby={blocked && !busy ? 'start-blocked' : undefined}>
          {status === 'done' || status === 'cancelled' || status === 'error' ? 'Run again' : 'Start'}
        </button>
        <PauseButtons status={status} className="btn" />
        <button type="button" className="btn" onClick={cancelRun} disabled={!busy || status === 'cancelling'}>
          Cancel
        </button>
        <button type="button" className="btn ghost" onClick={() => setPanel('results')}>
          Show live results →
        </button>
        {finishedRun && <OnnxExport run={finishedRun} />}
      </div>
      <p className="lab-run-status" role="status" aria-live="polite" data-testid="run-status" data-status={status} data-held={status === 'paused' && live.held ? 'true' : undefined}>
        <strong>{statusText(status, live.held)}</strong>
        {cur && busy && (
          <span className="muted">
            {' '}
            · {cur.name}
            {cur.progress ? ` · epoch ${cur.progress.epoch}${cur.maxEpochs ? `/${cur.maxEpochs}` : ''}, batch ${cur.progress.batch}/${cur.progress.batches}` : ''}
            {live.etaS !== undefined ? ` · ~${fmtDuration(live.etaS)} left` : cur.etaS !== undefined ? ` · stage ~${fmtDuration(cur.etaS)} left` : ''}
          </span>
        )}
      </p>
      {blocked && !busy && (
        <p className="alert inline lab-start-blocked" id="start-blocked" data-testid="start-blocked" data-code={blocked.code}>
          <strong>Start needs data that is not loaded.</strong> {blocked.message}.{' '}
          <button type="button" className="btn small" onClick={() => setPanel('data')}>
            Open the Data panel →
          </button>
        </p>
      )}
      {error && (
        <div className="alert error" role="alert" data-code={error.code}>
          <p style={{ margin: 0 }}>{error.message}</p>
          {(error.code === 'worker-crashed' || error.code === 'out-of-memory') && <p className="muted" style={{ margin: '4px 0 0' }}>The training worker stopped (crash or out of memory). Your data, spec and history are intact; a retry starts a fresh worker. Try a smaller model, batch or dataset if it happens again.</p>}
          <button type="button" className="btn small" onClick={start} style={{ marginTop: 6 }} disabled={!!blocked}>
            Retry
          </button>
        </div>
      )}
    </div>
  );
}
