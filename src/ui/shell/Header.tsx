import { BackendBadge } from '../experiment/BackendBadge';
import { ShareButton } from '../share/ShareButton';
import { ProjectButton } from '../share/ProjectButton';
import { useUiStore } from '../../store/uiStore';
import { SlotBoundary } from './SlotBoundary';

export function Header() {
  const theme = useUiStore((s) => s.theme);
  const toggleTheme = useUiStore((s) => s.toggleTheme);
  const startTour = useUiStore((s) => s.startTour);
  const showExplanations = useUiStore((s) => s.showExplanations);
  const toggleExplanations = useUiStore((s) => s.toggleExplanations);
  return (
    <header className="app-header">
      <div className="brand">
        <svg className="brand-mark" viewBox="0 0 40 24" aria-hidden="true">
          <polyline points="0,14 10,14 13,10 16,14 19,14 21,2 24,22 26,14 31,14 34,9 37,14 40,14" />
        </svg>
        <div>
          <h1>ECG Transfer Lab</h1>
          <p className="tagline">Synthetic regression → transfer → diagnostic classification, in your browser</p>
        </div>
      </div>
      <div className="header-actions">
        <SlotBoundary name="backend badge">
          <BackendBadge />
        </SlotBoundary>
        <SlotBoundary name="share button">
          <ShareButton />
        </SlotBoundary>
        <SlotBoundary name="project file">
          <ProjectButton />
        </SlotBoundary>
        <button type="button" className="btn ghost" onClick={startTour}>
          Guided tour
        </button>
        <button type="button" className="btn ghost" aria-pressed={showExplanations} onClick={toggleExplanations}>
          {showExplanations ? 'Hide notes' : 'Show notes'}
        </button>
        <button
          type="button"
          className="btn ghost icon"
          onClick={toggleTheme}
          aria-label={theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}
          title={theme === 'dark' ? 'Light theme' : 'Dark theme'}
        >
          {theme === 'dark' ? '☀' : '☾'}
        </button>
      </div>
    </header>
  );
}
