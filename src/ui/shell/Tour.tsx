import { useEffect, useRef } from 'react';
import { TOUR_STEPS } from './tourSteps';
import { useUiStore } from '../../store/uiStore';

/** Guided tour: a non-modal card that walks through the panels (Esc closes, ←/→ step). */
export function Tour() {
  const step = useUiStore((s) => s.tourStep);
  const setStep = useUiStore((s) => s.setTourStep);
  const setPanel = useUiStore((s) => s.setPanel);
  const nextRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (step === null) return;
    const s = TOUR_STEPS[step];
    if (s) setPanel(s.panel);
    nextRef.current?.focus();
  }, [step, setPanel]);

  if (step === null) return null;
  const s = TOUR_STEPS[step];
  if (!s) return null;
  const last = step === TOUR_STEPS.length - 1;
  const close = () => setStep(null);
  return (
    <div
      className="tour"
      role="dialog"
      aria-modal="false"
      aria-labelledby="tour-title"
      onKeyDown={(e) => {
        if (e.key === 'Escape') close();
        else if (e.key === 'ArrowRight' && !last) setStep(step + 1);
        else if (e.key === 'ArrowLeft' && step > 0) setStep(step - 1);
      }}
    >
      <div className="tour-count">
        Tour {step + 1} / {TOUR_STEPS.length}
      </div>
      <h2 id="tour-title">{s.title}</h2>
      <p>{s.body}</p>
      <div className="tour-actions">
        <button type="button" className="btn ghost" onClick={close}>
          Close
        </button>
        <button type="button" className="btn ghost" disabled={step === 0} onClick={() => setStep(step - 1)}>
          Back
        </button>
        <button ref={nextRef} type="button" className="btn primary" onClick={() => (last ? close() : setStep(step + 1))}>
          {last ? 'Done' : 'Next'}
        </button>
      </div>
    </div>
  );
}
