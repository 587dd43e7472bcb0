import { useRef } from 'react';
import { PANEL_INFO } from './panels';
import { useUiStore } from '../../store/uiStore';

/** Tabs between the panels (WAI-ARIA tabs: arrow keys move, Home/End jump). */
export function NavTabs() {
  const panel = useUiStore((s) => s.panel);
  const setPanel = useUiStore((s) => s.setPanel);
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKey = (e: React.KeyboardEvent, i: number) => {
    const n = PANEL_INFO.length;
    let j = -1;
    if (e.key === 'ArrowRight') j = (i + 1) % n;
    else if (e.key === 'ArrowLeft') j = (i - 1 + n) % n;
    else if (e.key === 'Home') j = 0;
    else if (e.key === 'End') j = n - 1;
    if (j < 0) return;
    e.preventDefault();
    setPanel(PANEL_INFO[j].id);
    refs.current[j]?.focus();
  };
  return (
    <nav className="app-nav" aria-label="Lab panels">
      <div role="tablist" aria-label="Lab panels" className="tabs">
        {PANEL_INFO.map((p, i) => {
          const selected = p.id === panel;
          return (
            <button
              key={p.id}
              ref={(el) => {
                refs.current[i] = el;
              }}
              role="tab"
              id={`tab-${p.id}`}
              aria-selected={selected}
              aria-controls={`panel-${p.id}`}
              tabIndex={selected ? 0 : -1}
              className={selected ? 'tab active' : 'tab'}
              onClick={() => setPanel(p.id)}
              onKeyDown={(e) => onKey(e, i)}
            >
              <span className="tab-label">{p.label}</span>
              <span className="tab-hint">{p.hint}</span>
            </button>
          );
        })}
      </div>
    </nav>
  );
}
