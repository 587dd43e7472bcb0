import { useState } from 'react';
import type { SyntheticDatasetSpec } from '../../core/data/synthDataset';
import { useExperimentStore } from '../../store/experimentStore';
import { validateSpec } from '../../store/engineActions';
import { goToPanel } from '../../store/uiStore';
import { pretrainingFromDesigner } from '../experiment/pretrainSource';
import { bootExperiment } from '../share/shareLink';

const BUSY = new Set(['starting', 'running', 'paused', 'cancelling']);

/** "Use for pretraining": the designed distribution becomes the experiment's synthetic pretraining source. */
export function UseForPretraining({ spec, disabled }: { spec: SyntheticDatasetSpec; disabled: boolean }) {
  const status = useExperimentStore((s) => s.status);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const use = async () => {
    setMsg(null);
    await bootExperiment();
    const current = useExperimentStore.getState().spec;
    if (!current) return setMsg({ ok: false, text: 'The experiment engine has not started yet; try again in a moment.' });
    const r = pretrainingFromDesigner(current, spec);
    if (!r.ok) return setMsg({ ok: false, text: r.error });
    const v = await validateSpec(r.spec);
    if (!v.ok) return setMsg({ ok: false, text: `This dataset cannot be used for pretraining: ${v.error}` });
    useExperimentStore.getState().setSpec(v.spec, 'edited');
    useExperimentStore.getState().setSpecError(null);
    setMsg({ ok: true, text: `The experiment now pretrains on this distribution (${spec.n} records, source “${r.source}”${r.replaced ? '' : ', a new synthetic source'}). It travels in the share link.` });
  };
  return (
    <>
      <button type="button" className="btn" onClick={() => void use()} disabled={disabled || BUSY.has(status)} title="Make this distribution the experiment's synthetic pretraining data">
        Use for pretraining
      </button>
      {msg && (
        <div className={msg.ok ? 'gen-progress' : 'alert error'} role={msg.ok ? 'status' : 'alert'} data-testid="use-for-pretraining">
          {msg.ok ? '✓ ' : ''}
          {msg.text}{' '}
          {msg.ok && (
            <button type="button" className="btn small" onClick={() => goToPanel('experiment')}>
              See it in Experiment →
            </button>
          )}
        </div>
      )}
    </>
  );
}
