/** "Run the synthetic demo →": one click loads the demo preset, starts it, and opens Results to follow it. */
import { useExperimentStore } from '../../store/experimentStore';
import { startRun } from '../../store/runActions';
import { goToPanel } from '../../store/uiStore';
import { presetSpec } from '../experiment/specAccess';
import { bootExperiment } from '../share/shareLink';

export const DEMO_PRESET = 'synthetic-demo';
const BUSY = new Set(['starting', 'running', 'paused', 'cancelling']);

/** Starts the demo and shows Results; a run already going is shown instead of being replaced. */
export async function runSyntheticDemo(): Promise<void> {
  goToPanel('results');
  if (BUSY.has(useExperimentStore.getState().status)) return;
  await bootExperiment();
  const spec = presetSpec(DEMO_PRESET);
  // No catalogue (the engine did not start): the Experiment panel says why, with a retry.
  if (!spec) return goToPanel('experiment');
  const s = useExperimentStore.getState();
  if (BUSY.has(s.status)) return;
  s.setSpecError(null);
  s.setSpec(spec, 'preset', DEMO_PRESET);
  await startRun();
}
