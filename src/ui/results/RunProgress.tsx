import type { LiveRun } from '../../core/experiment/contract';
import { fmtDuration } from './format';
import { stageTitle } from './LossCurves';

/**
 * Stage list with status, epoch/batch progress bars and ETA. `isLive` = this run is going on in this page now;
 * a saved run (interrupted, cancelled, failed) shows where it stopped, without speed or ETA.
 */
export function RunProgress({ live, isLive, stoppedAs = 'stopped' }: { live: LiveRun; isLive: boolean; stoppedAs?: string }) {
  if (live.stages.length === 0) return null;
  return (
    <ol className="lab-stages" aria-label="Stages">
      {live.stages.map((s) => {
        const ep = s.progress?.epoch ?? s.epochs.length;
        const frac =
          s.status === 'done' ? 1 : s.maxEpochs && s.progress ? Math.min(1, (ep - 1 + s.progress.batch / Math.max(1, s.progress.batches)) / s.maxEpochs) : s.maxEpochs ? s.epochs.length / s.maxEpochs : 0;
        return (
          <li key={s.name} className={`lab-stage lab-stage-${s.status}`} data-testid={`stage-${s.name}`} data-status={s.status}>
            <span className="lab-stage-name">{stageTitle(s)}</span>
            <progress max={1} value={frac} aria-label={`${s.name} progress`} />
            <span className="lab-stage-info">
              {s.split && (
                <span className="lab-muted" data-testid={`split-${s.name}`} data-n-train={s.split.nTrain} data-n-val={s.split.nVal} data-n-test={s.split.nTest} title={s.split.note ?? `${s.split.method} split`}>
                  {s.split.nTrain}/{s.split.nVal}/{s.split.nTest} records ·{' '}
                </span>
              )}
              {s.status === 'done' && `done${s.seconds !== undefined ? ` in ${fmtDuration(s.seconds)}` : ''}${s.bestEpoch !== undefined ? ` · best epoch ${s.bestEpoch}` : ''}${s.stoppedEarly ? ' (stopped early)' : ''}`}
              {s.status === 'pending' && 'waiting'}
              {s.status === 'failed' && 'failed'}
              {s.status === 'running' &&
                isLive &&
                `epoch ${ep}${s.maxEpochs ? `/${s.maxEpochs}` : ''}${s.progress ? ` · batch ${s.progress.batch}/${s.progress.batches}` : ''}${s.samplesPerSec ? ` · ${Math.round(s.samplesPerSec)} rec/s` : ''}${s.etaS !== undefined ? ` · ~${fmtDuration(s.etaS)} left` : ''}`}
              {s.status === 'running' && !isLive && (
                <span data-testid={`stopped-${s.name}`}>{`${stoppedAs} in epoch ${ep}${s.maxEpochs ? `/${s.maxEpochs}` : ''}${s.progress ? ` (batch ${s.progress.batch}/${s.progress.batches})` : ''}`}</span>
              )}
            </span>
          </li>
        );
      })}
      {isLive && live.data && live.data.done < live.data.total && (
        <li className="lab-muted" data-testid="data-progress">
          Generating synthetic source “{live.data.source}”: <progress max={live.data.total} value={live.data.done} aria-label={`Generating ${live.data.source}`} /> {live.data.done}/{live.data.total} records
        </li>
      )}
      {isLive && live.etaS !== undefined && (
        <li className="lab-muted" data-testid="run-eta">
          Whole run: ~{fmtDuration(live.etaS)} left
        </li>
      )}
    </ol>
  );
}
