import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { TOUR_STEPS } from './tourSteps';
import { useUiStore } from '../../store/uiStore';

/** Guided tour: a non-modal card that walks through the panels (Esc closes, ←/→ step). */
export function Tour() {
  const step = useUiStore((s) => s.tourStep);
  const setStep = useUiStore((s) => s.setTourStep);
  const setPanel = useUiStore((s) => s.setPanel);
  const nextRef = useRef<HTMLButtonElement>(null);
  const [place, setPlace] = useState<{ style: CSSProperties; anchor: string; step: number } | null>(null);

  useEffect(() => {
    if (step === null) return;
    const s = TOUR_STEPS[step];
    if (s) setPanel(s.panel);
    nextRef.current?.focus();
  }, [step, setPanel]);

  // Highlight the control the step explains and put the card beside it (the panel may still be mounting).
  useEffect(() => {
    setPlace(null);
    if (step === null) return;
    const s = TOUR_STEPS[step];
    if (!s) return;
    let target: Element | null = null;
    let tries = 0;
    const find = () => {
      for (const sel of s.anchor) {
        const el = document.querySelector(sel);
        if (el) return { el, sel };
      }
      return null;
    };
    const timer = setInterval(() => {
      const hit = find();
      if (!hit && ++tries < 40) return;
      clearInterval(timer);
      if (!hit) return;
      target = hit.el;
      target.classList.add('tour-target');
      target.scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
      const r = target.getBoundingClientRect();
      const below = r.bottom + 12;
      const room = window.innerHeight - below;
      const style: CSSProperties = room > 220 ? { top: below, bottom: 'auto' } : { top: Math.max(8, r.top - 12 - 230), bottom: 'auto' };
      style.left = Math.max(8, Math.min(r.left, window.innerWidth - 440));
      style.right = 'auto';
      setPlace({ style, anchor: hit.sel, step });
    }, 50);
    return () => {
      clearInterval(timer);
      target?.classList.remove('tour-target');
    };
  }, [step]);

  if (step === null) return null;
  const s = TOUR_STEPS[step];
  if (!s) return null;
  const last = step === TOUR_STEPS.length - 1;
  // The place found for an earlier step is stale until this step's effect finds its own control.
  const here = place?.step === step ? place : null;
  const close = () => setStep(null);
  return (
    <div
      className="tour"
      style={here?.style}
      data-step={step}
      data-anchor={here?.anchor}
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
