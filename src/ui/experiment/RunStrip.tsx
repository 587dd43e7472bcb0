import { useExperimentStore } from '../../store/experimentStore';
import { cancelRun } from '../../store/runActions';
import { PauseButtons } from './PauseButtons';
import { statusText } from './RunControls';

/** The run controls on the Results panel: pause, resume, step one epoch, cancel, beside the run's status. */
export function RunStrip() {
  const status = useExperimentStore((s) => s.status);
  const live = useExperimentStore((s) => s.live);
  const busy = status === 'starting' || status === 'running' || status === 'paused' || status === 'cancelling';
  if (!busy) return null;
  const cur = live.stages.find((s) => s.name === live.current);
  return (
    <div className="lab-run-strip" role="group" aria-label="Run controls on Results" data-testid="results-run-strip" data-status={status} data-held={status === 'paused' && live.held ? 'true' : undefined}>
      <strong role="status" aria-live="polite">
        {statusText(status, live.held)}
        {cur?.progress ? ` · ${cur.name} · epoch ${cur.progress.epoch}${cur.maxEpochs ? `/${cur.maxEpochs}` : ''}` : ''}
      </strong>
      <PauseButtons status={status} className="btn small" />
      <button type="button" className="btn small" onClick={cancelRun} disabled={status === 'cancelling'}>
        Cancel
      </button>
    </div>
  );
}
