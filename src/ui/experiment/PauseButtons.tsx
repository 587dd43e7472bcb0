import type { RunStatus } from '../../store/experimentStore';
import { pauseRun, resumeRun, stepEpoch } from '../../store/runActions';

/** Pause while a run trains; Resume and Step (one epoch) while it is paused. Shared by the Experiment and Results panels. */
export function PauseButtons({ status, className }: { status: RunStatus; className: string }) {
  if (status === 'paused') {
    return (
      <>
        <button type="button" className={className} onClick={resumeRun}>
          Resume
        </button>
        <button type="button" className={className} onClick={stepEpoch} title="Train one more epoch, then pause again">
          Step (one epoch)
        </button>
      </>
    );
  }
  return (
    <button type="button" className={className} onClick={pauseRun} disabled={status !== 'running'}>
      Pause
    </button>
  );
}
