/**
 * After a reload (or a cancel / failure) with an unfinished sweep whose finished cells are stored: offer to resume
 * it from its last finished cell, or to discard what it finished.
 */
import { useEffect } from 'react';
import { useExperimentStore } from '../../store/experimentStore';
import { useHistoryStore } from '../../store/historyStore';
import { discardSweep, findResumable, resumeSweep } from '../../store/sweepActions';
import { useSweepStore } from '../../store/sweepStore';

export function ResumeOffer() {
  const resumable = useSweepStore((s) => s.resumable);
  const loaded = useHistoryStore((s) => s.loaded);
  const load = useHistoryStore((s) => s.load);
  const status = useExperimentStore((s) => s.status);
  const busy = status === 'starting' || status === 'running' || status === 'paused' || status === 'cancelling';
  useEffect(() => {
    if (!loaded) void load();
  }, [loaded, load]);
  useEffect(() => {
    if (loaded && !busy) void findResumable();
  }, [loaded, busy]);
  if (!resumable || busy) return null;
  const label = `Resume sweep (${resumable.done} of ${resumable.total} cells done)`;
  return (
    <div className="alert inline lab-resume-offer" role="region" aria-label="Unfinished sweep" data-testid="resume-offer" data-done={resumable.done} data-total={resumable.total}>
      <p>
        “{resumable.name}” stopped before it finished; its {resumable.done} finished cell{resumable.done === 1 ? ' is' : 's are'} kept.
      </p>
      <button type="button" className="btn small primary" onClick={() => void resumeSweep()}>
        {label}
      </button>
      <button type="button" className="btn small" onClick={() => void discardSweep()}>
        Discard
      </button>
    </div>
  );
}
